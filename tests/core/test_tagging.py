"""Parts of speech and named-entity suggestions: exact spans, odd text, storage, rejects."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import update

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.nlp import pos_ner as tagging
from desktop_app.core.nlp import segmentation as nlp
from desktop_app.core.nlp.pos_ner import Suggestion
from desktop_app.core.nlp.stored import text_hash
from desktop_app.core.nlp.worker_process import TAGS, SegmenterProcess
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article, Tagging
from desktop_app.core.text.normalize import normalize

pytest.importorskip("underthesea")

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def seed(i: int) -> str:
    return normalize(SEEDS[i].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_tags() -> list[tuple[str, list, list]]:
    return [(t, *tagging.tag_paragraph(t)) for t in map(seed, range(len(SEEDS)))]


def check_exact(text: str, pos: list, entities: list) -> None:
    """Every span is a real, non-empty, visible substring; POS spans in order, disjoint."""
    previous = 0
    for start, end, tag in pos:
        assert previous <= start < end <= len(text), (start, end)
        assert text[start:end].strip() == text[start:end] and tag
        previous = end
    for start, end, label in entities:
        assert 0 <= start < end <= len(text) and label in tagging.LABELS
        assert text[start:end].strip() == text[start:end]
    assert entities == sorted(entities)


# --- tagging ------------------------------------------------------------------------------
def test_same_output_as_underthesea_ner_only_faster() -> None:
    """_FastTagger rebuilds ner()'s CRF features in linear time: the output must match."""
    from underthesea import ner

    lines = [line for i in (1, 2) for line in seed(i).split("\n") if line.strip()]
    lines += ["Hà Nội", "x", "...", "Ông  Putin ca ngợi", "VIỆT NAM 123 456", "A B C D E F G"]
    for line in lines:
        assert tagging._ner(line) == ner(line), line
    assert isinstance(tagging._tagger, tagging._FastTagger)


def test_seed_spans_are_exact_substrings_and_are_the_stored_words(seed_tags) -> None:
    for text, pos, entities in seed_tags:
        check_exact(text, pos, entities)
        # Same units and the same tokenizer: the POS spans are the segmentation's words.
        assert [(s, e) for s, e, _ in pos] == nlp.segment_text(text)
        for start, end, _label in entities:  # an entity covers whole words
            words = {s for s, _, _ in pos}, {e for _, e, _ in pos}
            assert start in words[0] and end in words[1]
    assert sum(len(e) for _, _, e in seed_tags) > 100


def test_hand_checked_entities(seed_tags) -> None:
    """What the 2017 CRF model really says on the seeds (checked by eye)."""
    found = {(text[s:e], label) for text, _, entities in seed_tags for s, e, label in entities}
    assert ("Nguyễn Phú Trọng", "PER") in found
    assert ("Trương Thị Mai", "PER") in found or any(
        "Trương Thị Mai" in t for t, _ in found)
    assert ("Hà Nội", "LOC") in found
    assert ("Huế", "LOC") in found
    assert ("Đảng", "ORG") in found
    # The model does not know "Ban Tổ chức Trung ương" as an organisation on its own: it
    # takes it into longer LOC spans ("Ban Tổ chức Trung ương Mai Văn Chính"). Assert the
    # truth so that a better model shows up here.
    assert ("Ban Tổ chức Trung ương", "ORG") not in found
    assert any(t.startswith("Ban Tổ chức Trung ương") and label == "LOC" for t, label in found)
    # MISC is dropped; words of punctuation only are trimmed off the edges ("/ TW" ->
    # "TW"), a word with a letter stays whole ("lần thứ XII." keeps its full stop).
    assert all(label in tagging.LABELS for _, label in found)
    assert all(t[0].isalnum() and (t[-1].isalnum() or t.endswith("XII.")) for t, _ in found)


def test_a_sentence_by_hand() -> None:
    text = "Tổng Bí thư Nguyễn Phú Trọng làm việc với Ban Tổ chức Trung ương tại Hà Nội."
    pos, entities = tagging.tag_paragraph(text)
    assert [(text[s:e], t) for s, e, t in pos] == [
        ("Tổng Bí thư", "N"), ("Nguyễn Phú Trọng", "Np"), ("làm việc", "V"), ("với", "E"),
        ("Ban", "N"), ("Tổ chức", "N"), ("Trung ương", "N"), ("tại", "E"), ("Hà Nội", "Np"),
        (".", "CH")]
    assert [(text[s:e], label) for s, e, label in entities] == [
        ("Nguyễn Phú Trọng", "PER"), ("Hà Nội", "LOC")]
    assert tagging.pos_class("Np") == "proper" and tagging.pos_class("CH") == "other"


def test_never_across_a_newline() -> None:
    text = "Bài, ảnh: Tuấn Anh\nHà Nội hôm nay"
    pos, entities = tagging.tag_paragraph(text)
    check_exact(text, pos, entities)
    assert all("\n" not in text[s:e] for s, e, _ in pos + entities)


@pytest.mark.parametrize("text", [
    unicodedata.normalize("NFD", "Tổng Bí thư Nguyễn Phú Trọng đến Hà Nội và Thừa Thiên Huế."),
    "😀 Ông Nguyễn Văn A 👍🏽 đến Đà Nẵng 🇻🇳 hôm qua 😀",
    "Hà\u200b Nội  \u00a0 và\ttỉnh Quảng\u200dNinh\ufeff",
    "hoà bình ở Thuỷ Nguyên, Ðà Lạt",  # old tones and U+00D0 are rewritten by underthesea
    ".,;!?…—–-()[]\"“”'",
    "President Joe Biden met Microsoft in New York on Monday.",
    "",
    "   \n\n\t ",
    "a",
    "123 456,7 %",
])
def test_odd_text_gives_exact_spans(text: str) -> None:
    pos, entities = tagging.tag_paragraph(text)
    check_exact(text, pos, entities)


def test_nfd_text_finds_the_same_entities_as_nfc() -> None:
    nfc = "Tổng Bí thư Nguyễn Phú Trọng đến Hà Nội."
    nfd = unicodedata.normalize("NFD", nfc)
    _, a = tagging.tag_paragraph(nfc)
    _, b = tagging.tag_paragraph(nfd)
    assert [unicodedata.normalize("NFC", nfd[s:e]) for s, e, _ in b] == [nfc[s:e] for s, e, _ in a]


@pytest.mark.slow
def test_a_one_megabyte_paragraph_without_newline() -> None:
    """Cut into sentence-sized units like segmentation (one call would need ~1.5 GB)."""
    line = seed(1).replace("\n", " ")
    text = " ".join([line] * (1_000_000 // len(line.encode("utf-8")) + 1))
    assert len(text.encode("utf-8")) >= 1_000_000 and "\n" not in text
    pos, entities = tagging.tag_paragraph(text)
    check_exact(text, pos, entities)
    assert len(entities) > 1000 and pos[-1][1] == len(text.rstrip())


def test_lone_surrogates_cannot_be_stored_so_never_reach_the_tagger(db: Database) -> None:
    """Stored text is NFC UTF-8: SQLite refuses a lone surrogate before anything is
    saved, so neither segmentation nor tagging ever sees one. (underthesea itself raises
    UnicodeEncodeError on one; in the worker that would be one failed job, not a crash.)"""
    bad = "Hà Nội \ud800"
    with pytest.raises(UnicodeEncodeError):
        with db.session() as session:
            session.add(Article(title="x", text=bad, original_text=bad, content_hash=text_hash(bad)))
    with db.session() as session:
        assert session.query(Article).count() == 0


# --- storage ------------------------------------------------------------------------------
def add_article(db: Database, text: str) -> int:
    with db.session() as session:
        article = Article(title=text[:20], text=text, original_text=text, content_hash=text_hash(text))
        session.add(article)
        session.flush()
        return article.id


TEXT = "Tổng Bí thư Nguyễn Phú Trọng làm việc với Ban Tổ chức Trung ương tại Hà Nội 😀.\nĐà Nẵng"


@pytest.fixture
def tagged(db: Database) -> tuple[int, list, list]:
    article_id = add_article(db, TEXT)
    pos, entities = tagging.tag_paragraph(TEXT)
    assert tagging.save_tags(db, article_id, TEXT, pos, entities)
    return article_id, pos, entities


def test_round_trip(db: Database, tagged) -> None:
    article_id, pos, entities = tagged
    assert tagging.load_pos(db, article_id) == pos
    assert tagging.load_entities(db, article_id) == [
        Suggestion(s, e, label, TEXT[s:e]) for s, e, label in entities]
    assert [(s.text, s.label) for s in tagging.load_entities(db, article_id)] == [
        ("Nguyễn Phú Trọng", "PER"), ("Hà Nội", "LOC"), ("Đà Nẵng", "LOC")]
    assert tagging.is_tagged(db, article_id)
    assert tagging.articles_to_tag(db) == []
    # The worker's form (flat array + tags) stores the same.
    from array import array

    flat = array("I", [v for s, e, _ in pos for v in (s, e)])
    assert tagging.save_tags(db, article_id, TEXT, (flat, [t for *_, t in pos]), entities)
    assert tagging.load_pos(db, article_id) == pos


def test_missing_stale_and_other_engine_are_none(db: Database, tagged) -> None:
    article_id, _pos, _entities = tagged
    other = add_article(db, "Hà Nội")
    assert tagging.load_pos(db, other) is None and tagging.load_entities(db, other) is None
    assert tagging.articles_to_tag(db) == [other]
    with db.session() as session:
        session.execute(update(Tagging).values(engine="underthesea 0.0; ner-crf 1"))
    assert tagging.load_pos(db, article_id) is None and not tagging.is_tagged(db, article_id)
    assert tagging.articles_to_tag(db) == [article_id, other]
    tagging.save_tags(db, article_id, TEXT, [], [])
    with db.session() as session:
        session.get(Article, article_id).text = TEXT + " thêm"
    assert tagging.load_entities(db, article_id) is None
    assert tagging.save_tags(db, 9999, TEXT, [], []) is False


def test_bad_spans_are_refused(db: Database) -> None:
    article_id = add_article(db, "Hà Nội")
    for pos, entities in (([(0, 9, "N")], []), ([(3, 6, "N"), (0, 2, "N")], []),
                          ([], [(0, 9, "LOC")]), ([], [(0, 2, "MISC")]), ([(0, 2, "a b")], [])):
        with pytest.raises(ValueError):
            tagging.save_tags(db, article_id, "Hà Nội", pos, entities)


def test_rejected_suggestions_stay_hidden_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    db = Database.open(path)
    article_id = add_article(db, TEXT)
    tagging.save_tags(db, article_id, TEXT, *tagging.tag_paragraph(TEXT))
    person = tagging.load_entities(db, article_id)[0]
    assert person.text == "Nguyễn Phú Trọng"
    assert tagging.reject(db, article_id, person.start, person.end, person.label)
    assert tagging.reject(db, article_id, person.start, person.end, person.label)  # twice: fine
    db.close()
    db = Database.open(path)
    try:
        assert person not in tagging.load_entities(db, article_id)
        # Re-tagging (a new engine, the same text) does not bring it back.
        tagging.save_tags(db, article_id, TEXT, *tagging.tag_paragraph(TEXT))
        assert person not in tagging.load_entities(db, article_id)
        tagging.unreject(db, article_id, person.start, person.end, person.label)
        assert person in tagging.load_entities(db, article_id)
        assert tagging.reject(db, 9999, 0, 1, "PER") is False
    finally:
        db.close()


def test_a_rejection_only_hides_the_text_it_was_made_on(db: Database, tagged) -> None:
    article_id, _pos, _entities = tagged
    person = tagging.load_entities(db, article_id)[0]
    tagging.reject(db, article_id, person.start, person.end, "PER")
    # The text changed under the rejection (a re-import): the new text is tagged anew and
    # a different name at the same place is not hidden by the old rejection.
    new = TEXT.replace("Nguyễn Phú Trọng", "Nguyễn Xuân Phúc")
    with db.session() as session:
        session.get(Article, article_id).text = new
    tagging.save_tags(db, article_id, new, *tagging.tag_paragraph(new))
    assert ("Nguyễn Xuân Phúc", "PER") in {(s.text, s.label) for s in tagging.load_entities(db, article_id)}


def test_a_highlight_on_the_same_span_replaces_the_suggestion(db: Database, tagged) -> None:
    article_id, _pos, _entities = tagged
    place = next(s for s in tagging.load_entities(db, article_id) if s.text == "Hà Nội")
    service = AnnotationService(db)
    info = service.create_highlight(article_id, place.start, place.end, ["LOC"])
    assert place not in tagging.load_entities(db, article_id)
    # A highlight on a longer span leaves it a suggestion.
    longer = service.create_highlight(article_id, place.start - 4, place.end, ["x"])
    service.delete_highlight(info.id)
    assert place in tagging.load_entities(db, article_id)
    service.delete_highlight(longer.id)


def test_deleting_the_article_deletes_its_tagging_and_rejections(db: Database, tagged) -> None:
    article_id, _pos, _entities = tagged
    first = tagging.load_entities(db, article_id)[0]
    tagging.reject(db, article_id, first.start, first.end, first.label)
    with db.session() as session:
        session.delete(session.get(Article, article_id))
    with db.engine.connect() as conn:
        for table in ("taggings", "rejected_suggestions"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0


def test_one_megabyte_of_pos_packs_small(db: Database) -> None:
    text = "Hà Nội " * 150_000
    article_id = add_article(db, text)
    pos = [(i * 7, i * 7 + 6, "Np") for i in range(150_000)]
    tagging.save_tags(db, article_id, text, pos, [(0, 6, "LOC")])
    with db.session() as session:
        row = session.get(Tagging, article_id)
        assert len(row.pos_spans) == 8 * len(pos) and len(row.pos_tags) == len(pos)
    assert tagging.load_pos(db, article_id) == pos


# --- the worker process -------------------------------------------------------------------
def test_the_worker_process_tags_with_offsets(process: SegmenterProcess) -> None:
    text = "Ban Tổ chức Trung ương họp tại Hà Nội.\nÔng Nguyễn Văn Thể phát biểu."
    process.submit(7, text, 1000, TAGS)
    result = process.get_result(120)
    while result is not None and result.job_id != 7:
        result = process.get_result(120)
    assert result is not None and result.error is None
    pos, entities = tagging.tag_paragraph(text)
    assert result.spans == [(s + 1000, e + 1000) for s, e, _ in pos]
    assert result.tags == [t for *_, t in pos]
    assert result.entities == [(s + 1000, e + 1000, label) for s, e, label in entities]
    with pytest.raises(ValueError):
        process.submit(8, text, 0, "sentiment")
