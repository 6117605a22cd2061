"""The user dictionary: terms kept as one word in the stored segmentation, the
concordance, the frequencies and the CoNLL export; exact offsets; terms that cut a word
of underthesea left alone; changing the dictionary makes stale only the articles it
affects, and the scheduler redoes them."""

from __future__ import annotations

import pytest

from desktop_app.core.analysis.concordance import concordance
from desktop_app.core.analysis.frequencies import word_frequencies
from desktop_app.core.interchange.conll import export_conll
from desktop_app.core.nlp.dictionary import (
    ONE_SYLLABLE,
    TOO_LONG,
    CompiledDictionary,
    merge_terms,
    parse_terms,
    term_key,
)
from desktop_app.core.nlp.scheduler import Scheduler, SchedulerControl
from desktop_app.core.nlp.stored import articles_to_segment, load_segmentation, save_segmentation
from desktop_app.core.nlp.user_dictionary import (
    add_terms,
    load_dictionary,
    remove_terms,
    set_dictionary,
)
from desktop_app.core.storage.database import Database
from tests.core.test_concordance import add_article, spans_of
from tests.core.test_scheduler import Recorder

TEXT = "Bà Trương Thị Mai dự họp.\nBan Tổ chức Trung ương họp với bà TRƯƠNG THỊ MAI."
TOKENS = ["Bà", "Trương", "Thị", "Mai", "dự", "họp", ".",
          "Ban", "Tổ chức", "Trung ương", "họp", "với", "bà", "TRƯƠNG", "THỊ", "MAI", "."]
OTHER = "Hội nghị cán bộ toàn quốc.\nThị trường chứng khoán tăng."
OTHER_TOKENS = ["Hội nghị", "cán bộ", "toàn quốc", ".", "Thị trường", "chứng khoán", "tăng", "."]


def words(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_parse_terms_trims_normalizes_merges_duplicates_and_refuses_one_syllable() -> None:
    nfd = "Tru\u031bo\u031bng Thi\u0323 Mai"
    parsed = parse_terms(["  Trương   Thị Mai ", nfd, "trương thị mai", "", "# a comment",
                          "Mai", "x " * 100, "Ban Tổ chức Trung ương"])
    assert parsed.terms == ["Trương Thị Mai", "Ban Tổ chức Trung ương"]
    assert parsed.duplicates == 2
    assert [(p.line, p.code) for p in parsed.problems] == [(6, ONE_SYLLABLE), (7, TOO_LONG)]


def test_merge_keeps_terms_as_one_word_with_exact_offsets() -> None:
    spans = spans_of(TEXT, TOKENS)
    merged = merge_terms(TEXT, spans, CompiledDictionary(["trương thị mai", "Ban Tổ chức Trung ương"]))
    got = words(TEXT, merged)
    assert "Trương Thị Mai" in got and "TRƯƠNG THỊ MAI" in got and "Ban Tổ chức Trung ương" in got
    for s, e in merged:
        assert term_key(TEXT[s:e]) in {"trương thị mai", "ban tổ chức trung ương"} or (s, e) in spans
    assert len(merged) == len(spans) - 2 - 2 - 2


def test_longest_term_wins_and_no_term_spans_a_line_break() -> None:
    text = "Ban Tổ chức Trung ương\nTrung ương Đảng"
    spans = spans_of(text, ["Ban", "Tổ chức", "Trung ương", "Trung ương", "Đảng"])
    d = CompiledDictionary(["Ban Tổ chức", "Ban Tổ chức Trung ương", "Trung ương Trung ương"])
    assert words(text, merge_terms(text, spans, d)) == ["Ban Tổ chức Trung ương", "Trung ương", "Đảng"]


def test_a_term_that_cuts_a_word_in_the_middle_is_not_merged() -> None:
    # The documented rule: terms are merged at underthesea's word boundaries only.
    text = "Ông Trương Thị Mai về."
    spans = spans_of(text, ["Ông", "Trương Thị", "Mai", "về", "."])
    d = CompiledDictionary(["Thị Mai", "Ông Trương"])
    assert merge_terms(text, spans, d) == spans
    assert words(text, merge_terms(text, spans, CompiledDictionary(["Trương Thị Mai"])))[1] == "Trương Thị Mai"


@pytest.fixture
def library(db: Database) -> tuple[Database, int, int]:
    first = add_article(db, TEXT, "Bài 1")
    other = add_article(db, OTHER, "Bài 2")
    assert save_segmentation(db, first, TEXT, spans_of(TEXT, TOKENS))
    assert save_segmentation(db, other, OTHER, spans_of(OTHER, OTHER_TOKENS))
    return db, first, other


def test_changing_the_dictionary_makes_stale_only_the_articles_it_affects(library) -> None:
    db, first, other = library
    assert articles_to_segment(db) == []
    update = set_dictionary(db, ["Trương Thị Mai"])
    assert update.added == ["Trương Thị Mai"] and update.affected == [first]
    assert load_segmentation(db, first) is None and load_segmentation(db, other) is not None
    assert articles_to_segment(db) == [first]
    # Saving the same underthesea words again now merges the term.
    assert save_segmentation(db, first, TEXT, spans_of(TEXT, TOKENS))
    assert words(TEXT, load_segmentation(db, first)).count("Trương Thị Mai") == 1
    assert articles_to_segment(db) == []
    # Removing it splits it again after re-segmentation, and touches only that article.
    update = remove_terms(db, ["TRƯƠNG THỊ MAI"])
    assert update.removed == ["Trương Thị Mai"] and update.affected == [first]
    assert articles_to_segment(db) == [first]
    assert save_segmentation(db, first, TEXT, spans_of(TEXT, TOKENS))
    assert "Trương Thị Mai" not in words(TEXT, load_segmentation(db, first))
    assert load_dictionary(db).terms == ()


def test_a_segmentation_merged_with_an_older_dictionary_is_not_trusted(library) -> None:
    db, first, other = library
    add_terms(db, ["Chứng khoán tăng"])
    assert articles_to_segment(db) == [other]
    # Another term changes the version again: the re-stamped row of `first` stays valid.
    add_terms(db, ["Toàn quốc mới"])
    assert articles_to_segment(db) == [other]
    assert load_dictionary(db).terms == ("Chứng khoán tăng", "Toàn quốc mới")


def test_concordance_frequencies_and_conll_see_the_term_as_one_word(library, tmp_path) -> None:
    db, first, _other = library
    set_dictionary(db, ["Trương Thị Mai", "Ban Tổ chức Trung ương"])
    save_segmentation(db, first, TEXT, spans_of(TEXT, TOKENS))
    lines = concordance(db, "trương thị mai")
    assert [(TEXT[line.start:line.end]) for line in lines] == ["Trương Thị Mai", "TRƯƠNG THỊ MAI"]
    assert concordance(db, "Thị Mai") == []  # inside a word now
    counts = {w.word.casefold(): w.count for w in word_frequencies(db).words}
    assert counts["trương thị mai"] == 2 and counts["ban tổ chức trung ương"] == 1
    assert "thị" not in counts
    out = tmp_path / "out.conllu"
    export_conll(db, out, article_ids=[first])
    forms = [line.split("\t")[0] for line in out.read_text("utf-8").splitlines() if "\t" in line]
    assert "Trương_Thị_Mai" in forms and "Ban_Tổ_chức_Trung_ương" in forms


def test_the_scheduler_resegments_only_affected_articles_with_the_dictionary(library, process) -> None:
    db, first, other = library
    before_other = load_segmentation(db, other)
    set_dictionary(db, ["Ban Tổ chức Trung ương"])
    events = Recorder()
    Scheduler(db, process, SchedulerControl(), events).run()
    assert events.of("segmented") == [first]
    spans = load_segmentation(db, first)
    assert "Ban Tổ chức Trung ương" in words(TEXT, spans)
    assert all(TEXT[s:e].strip() == TEXT[s:e] for s, e in spans)
    assert load_segmentation(db, other) == before_other


def test_a_running_scheduler_picks_up_articles_made_stale_by_a_rescan(library, process) -> None:
    db, first, other = library
    control, events = SchedulerControl(), Recorder()
    scheduler = Scheduler(db, process, control, events)
    set_dictionary(db, ["Hội nghị cán bộ"])  # `other` stale: this run segments it
    scheduler.rescan()
    scheduler.run()
    assert events.of("segmented") == [other]
    set_dictionary(db, [])  # stale again, already saved in this run
    control.request_rescan()
    scheduler.run()
    assert events.of("segmented") == [other, other]
    assert "Hội nghị cán bộ" not in words(OTHER, load_segmentation(db, other))


def test_a_term_matches_its_old_and_new_tone_placement():
    # "Hoà Bình" typed in the dictionary keeps "Hòa Bình" in the text as one word too.
    from desktop_app.core.nlp.dictionary import term_key

    assert term_key("Hoà  Bình") == term_key("hòa bình")
    assert term_key("thuỷ điện") == term_key("Thủy điện")
    assert term_key("Thụy Điển") != term_key("thủy điện")


# ------------------------------------------------------------------ tagging (POS, entities)

def test_merge_tagged_gives_a_term_one_tag_and_grows_entities_to_it() -> None:
    from desktop_app.core.nlp.dictionary import merge_tagged

    spans = spans_of(TEXT, TOKENS)
    tags = ["N", "Np", "Np", "Np", "V", "V", "CH", "N", "V", "N", "V", "E", "N", "Np", "Np", "Np", "CH"]
    pos = [(s, e, t) for (s, e), t in zip(spans, tags, strict=True)]
    mai, ban = spans[1], spans[7]
    entities = [(spans[2][0], spans[3][1], "PER"), (ban[0], spans[8][1], "ORG")]  # "Thị Mai", "Ban Tổ chức"
    d = CompiledDictionary(["Trương Thị Mai", "Ban Tổ chức Trung ương"])
    merged, grown = merge_tagged(TEXT, pos, entities, d)
    tagged = {TEXT[s:e]: t for s, e, t in merged}
    assert tagged["Trương Thị Mai"] == "Np" and tagged["TRƯƠNG THỊ MAI"] == "Np"
    assert tagged["Ban Tổ chức Trung ương"] == "N"  # head first: Ban is a noun
    assert [(s, e) for s, e, _t in merged] == merge_terms(TEXT, spans, d)
    assert [(TEXT[s:e], label) for s, e, label in grown] == [("Trương Thị Mai", "PER"),
                                                              ("Ban Tổ chức Trung ương", "ORG")]
    assert grown[0][0] == mai[0]
    assert merge_tagged(TEXT, pos, entities, CompiledDictionary([])) == (pos, entities)


def test_stored_tagging_follows_the_dictionary_and_goes_stale_with_it(library) -> None:
    from desktop_app.core.interchange.conll import conllu_document, split_sentences, stored_or_tagged_pos
    from desktop_app.core.nlp import pos_ner

    db, first, other = library
    spans = spans_of(TEXT, TOKENS)
    pos = [(s, e, "Np" if TEXT[s].isupper() else "N") for s, e in spans]
    assert pos_ner.save_tags(db, first, TEXT, pos, [(spans[1][0], spans[2][1], "PER")])
    assert pos_ner.save_tags(db, other, OTHER, [(s, e, "N") for s, e in spans_of(OTHER, OTHER_TOKENS)], [])
    assert pos_ner.articles_to_tag(db) == []
    set_dictionary(db, ["Trương Thị Mai"])
    # Only the article holding the term is tagged again; the other keeps its row.
    assert pos_ner.articles_to_tag(db) == [first] and pos_ner.load_pos(db, first) is None
    assert pos_ner.load_pos(db, other) is not None
    assert pos_ner.save_tags(db, first, TEXT, pos, [(spans[1][0], spans[2][1], "PER")])
    stored = {TEXT[s:e]: t for s, e, t in pos_ner.load_pos(db, first)}
    assert stored["Trương Thị Mai"] == "Np" and "Thị" not in stored
    assert [s.text for s in pos_ner.load_entities(db, first)] == ["Trương Thị Mai"]
    # CoNLL-U: the merged token of the segmentation has its part of speech.
    save_segmentation(db, first, TEXT, spans)
    words_ = load_segmentation(db, first)
    doc = conllu_document(first, "Bài 1", TEXT, split_sentences(TEXT, words_),
                          stored_or_tagged_pos(db, first, TEXT))
    rows = [line.split("\t") for line in doc.splitlines() if "\t" in line]
    assert ["Trương Thị Mai", "PROPN", "Np"] in [[r[1], r[3], r[4]] for r in rows]
    assert all(r[4] != "_" for r in rows)


def test_a_dictionary_edit_is_one_undoable_step_without_a_new_scan(library) -> None:
    from desktop_app.core.nlp.user_dictionary import plan_dictionary
    from desktop_app.core.operations.editor import Operations
    from desktop_app.core.operations.history import StepFailed

    db, first, other = library
    ops = Operations(db)
    update = plan_dictionary(db, ["Trương Thị Mai"])
    assert load_dictionary(db).terms == ()  # planning stores nothing
    outcome = ops.set_dictionary(update)
    assert outcome.changes.words == {first} and load_dictionary(db).terms == ("Trương Thị Mai",)
    assert articles_to_segment(db) == [first] and ops.history.undo_label.kind == "dictionary"
    save_segmentation(db, first, TEXT, spans_of(TEXT, TOKENS))
    assert articles_to_segment(db) == []
    changes = ops.history.undo()
    assert changes.words == {first} and load_dictionary(db).terms == ()
    assert articles_to_segment(db) == [first] and load_segmentation(db, other) is not None
    save_segmentation(db, first, TEXT, spans_of(TEXT, TOKENS))
    assert "Trương Thị Mai" not in words(TEXT, load_segmentation(db, first))
    assert ops.history.redo().words == {first} and load_dictionary(db).terms == ("Trương Thị Mai",)
    assert articles_to_segment(db) == [first]
    # Saving the same list again is no step; another writer meanwhile makes the undo fail whole.
    ops.set_dictionary(plan_dictionary(db, ["Trương Thị Mai"]))
    assert ops.history.undo_label.kind == "dictionary" and len(ops.history.steps) == 1
    add_terms(db, ["Thị trường chứng khoán"])  # the command line, say
    with pytest.raises(StepFailed):
        ops.history.undo()
    assert load_dictionary(db).terms == ("Trương Thị Mai", "Thị trường chứng khoán")
