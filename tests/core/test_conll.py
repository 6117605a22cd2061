"""CoNLL BIO export on a real database: exact lines, tag choice, overlaps, sentences."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from desktop_app.core.annotate.highlights import AnnotationService
from desktop_app.core.interchange.conll import ExportCancelled, export_conll, split_sentences
from desktop_app.core.library.ingest.importer import import_paths
from desktop_app.core.nlp.stored import load_segmentation, save_segmentation
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article
from tests.conftest import SEEDS
from tests.core.test_annotations import add_article

TEXT = 'Tin Ban Tổ chức\nBan Tổ chức Trung ương họp. Cán bộ phải trung thực!\nÔng nói: "Tốt." Rồi về'
WORDS = [
    "Tin", "Ban", "Tổ chức", "Ban", "Tổ chức", "Trung ương", "họp", ".", "Cán bộ", "phải",
    "trung thực", "!", "Ông", "nói", ":", '"', "Tốt", ".", '"', "Rồi", "về",
]


def spans_of(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for word in words:
        start = text.index(word, pos)
        pos = start + len(word)
        spans.append((start, pos))
    return spans


def segmented_article(db: Database, title: str = "Bài\nthử  mới") -> int:
    article = add_article(db, TEXT, title=title)
    assert save_segmentation(db, article, TEXT, spans_of(TEXT, WORDS))
    return article


def highlight(service: AnnotationService, article: int, quote: str, tags: list[str], after: int = 0) -> None:
    start = TEXT.index(quote, after)
    service.create_highlight(article, start, start + len(quote), tags)


def labels(path: Path) -> list[tuple[str, str]]:
    """(token, label) of every token line."""
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#"):
            token, _start, _end, label = line.split("\t")
            out.append((token, label))
    return out


def test_exact_lines_with_bio_partial_overlap_and_sentence_breaks(db, tmp_path):
    service = AnnotationService(db)
    article = segmented_article(db)
    highlight(service, article, "Ban Tổ chức Trung ương", ["ORG"], after=10)
    highlight(service, article, "Cán bộ ph", ["Cán bộ"])  # ends inside "phải": it counts
    highlight(service, article, 'Tốt." Rồi', ["Q"])  # crosses a sentence end
    highlight(service, article, "Tin", [])  # untagged: no label
    out = tmp_path / "out.conll"
    assert export_conll(db, out) == len(WORDS)
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    assert raw.decode("utf-8").split("\n") == [
        f"# doc_id = {article}",
        "# title = Bài thử mới",
        "Tin\t0\t3\tO",
        "Ban\t4\t7\tO",
        "Tổ_chức\t8\t15\tO",
        "",
        "Ban\t16\t19\tB-ORG",
        "Tổ_chức\t20\t27\tI-ORG",
        "Trung_ương\t28\t38\tI-ORG",
        "họp\t39\t42\tO",
        ".\t42\t43\tO",
        "",
        "Cán_bộ\t44\t50\tB-Cán_bộ",
        "phải\t51\t55\tI-Cán_bộ",
        "trung_thực\t56\t66\tO",
        "!\t66\t67\tO",
        "",
        "Ông\t68\t71\tO",
        "nói\t72\t75\tO",
        ":\t75\t76\tO",
        '"\t77\t78\tO',
        "Tốt\t78\t81\tB-Q",
        ".\t81\t82\tI-Q",
        '"\t82\t83\tI-Q',  # a closing quote stays with the sentence it closes
        "",
        "Rồi\t84\t87\tB-Q",  # a new sentence starts a new B-
        "về\t88\t90\tO",
        "",
        "",
    ]


def test_only_chosen_tags_label_tokens(db, tmp_path):
    service = AnnotationService(db)
    article = segmented_article(db)
    highlight(service, article, "Ban Tổ chức Trung ương", ["ORG"], after=10)
    highlight(service, article, "Cán bộ", ["Cán bộ"])
    out = tmp_path / "out.conll"
    export_conll(db, out, tags=["ORG"])
    assert {label for _, label in labels(out)} == {"O", "B-ORG", "I-ORG"}
    export_conll(db, out, tags=["  Cán   bộ "])  # names are matched as the app cleans them
    assert [t for t, label in labels(out) if label != "O"] == ["Cán_bộ"]
    export_conll(db, out, tags=[])
    assert {label for _, label in labels(out)} == {"O"}


def test_overlapping_highlights_earliest_then_longest_then_first_wins(db, tmp_path):
    service = AnnotationService(db)
    article = segmented_article(db)
    highlight(service, article, "Tổ chức Trung ương", ["X"], after=10)
    highlight(service, article, "Ban Tổ chức", ["Y"], after=10)  # starts earlier: wins
    highlight(service, article, "Cán bộ", ["Z"])
    highlight(service, article, "Cán bộ phải", ["W"])  # same start, longer: wins
    highlight(service, article, "trung thực", ["P"])  # same span: the first created wins
    highlight(service, article, "trung thực", ["R"])
    highlight(service, article, "Ông", ["N", "M"])  # two tags on one highlight
    out = tmp_path / "out.conll"
    export_conll(db, out)
    got = labels(out)
    assert got[3:6] == [("Ban", "B-Y"), ("Tổ_chức", "I-Y"), ("Trung_ương", "B-X")]
    assert got[8:11] == [("Cán_bộ", "B-W"), ("phải", "I-W"), ("trung_thực", "B-P")]
    assert got[12] == ("Ông", "B-M")  # every tag chosen: folded-name order
    # Without the winner's tag the other highlight keeps all its tokens.
    export_conll(db, out, tags=["X", "Z", "R", "N", "M"])
    got = labels(out)
    assert got[3:6] == [("Ban", "O"), ("Tổ_chức", "B-X"), ("Trung_ương", "I-X")]
    assert got[8:11] == [("Cán_bộ", "B-Z"), ("phải", "O"), ("trung_thực", "B-R")]
    assert got[12] == ("Ông", "B-N")  # the order of `tags` decides


def test_join_option_article_choice_and_count(db, tmp_path):
    first = segmented_article(db, title="Một")
    other_text = "Hội nghị Trung ương."
    second = add_article(db, other_text, title="Hai")
    save_segmentation(db, second, other_text, spans_of(other_text, ["Hội nghị", "Trung ương", "."]))
    out = tmp_path / "out.conll"
    assert export_conll(db, out, article_ids=[second], join=" ") == 3
    assert out.read_text(encoding="utf-8") == (
        f"# doc_id = {second}\n# title = Hai\n"
        "Hội nghị\t0\t8\tO\nTrung ương\t9\t19\tO\n.\t19\t20\tO\n\n"
    )
    assert export_conll(db, out) == len(WORDS) + 3
    text = out.read_text(encoding="utf-8")
    assert text.index(f"# doc_id = {first}\n") < text.index(f"# doc_id = {second}\n")
    with pytest.raises(ValueError):
        export_conll(db, out, join="\t")


def test_a_dot_glued_inside_a_name_does_not_end_the_sentence():
    text = "(Nguồn: Dangcongsan.vn). Hết"
    words = ["(", "Nguồn", ":", "Dangcongsan", ".", "vn", ")", ".", "Hết"]
    sentences = split_sentences(text, spans_of(text, words))
    assert [[text[s:e] for s, e in sentence] for sentence in sentences] == [words[:-1], ["Hết"]]


def test_cancelled_export_leaves_the_old_file(db, tmp_path):
    segmented_article(db)
    out = tmp_path / "out.conll"
    out.write_text("old", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    with pytest.raises(ExportCancelled):
        export_conll(db, out, progress=lambda done, total: seen.append((done, total)),
                     should_cancel=lambda: True)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".chugiai-")] == []
    export_conll(db, out, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 1), (1, 1)]


def test_seed_without_stored_segmentation_is_segmented_and_offsets_are_exact(db, tmp_path):
    pytest.importorskip("underthesea")
    seed = SEEDS / "002_0d163578645c4766.txt"
    report = import_paths(db, [seed])
    [(_, article)] = report.imported
    assert load_segmentation(db, article) is None  # so export_conll runs segment_text
    with db.session() as s:
        text = s.get(Article, article).text
    quote = "Ban Tổ chức Trung ương"
    start = text.index(quote)
    AnnotationService(db).create_highlight(article, start, start + len(quote), ["Cơ quan"])
    out = tmp_path / "seed.conll"
    count = export_conll(db, out)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[0] == f"# doc_id = {article}"
    token_lines = [line for line in lines if line and not line.startswith("#")]
    assert len(token_lines) == count > 100
    previous_end = 0
    inside = []
    for line in token_lines:
        token, s, e, label = line.split("\t")
        s, e = int(s), int(e)
        assert text[s:e] == token.replace("_", " ")
        assert previous_end <= s < e
        previous_end = e
        assert label in {"O", "B-Cơ_quan", "I-Cơ_quan"}
        if label != "O":
            inside.append(token)
    assert inside[:3] == ["Ban", "Tổ_chức", "Trung_ương"]
    # No sentence runs across a line break.
    for block in "\n".join(lines).split("\n\n"):
        rows = [r.split("\t") for r in block.split("\n") if r and not r.startswith("#")]
        for (_, _, end, _), (_, begin, _, _) in zip(rows, rows[1:], strict=False):
            assert "\n" not in text[int(end) : int(begin)]


def test_conllu_document_has_ud_columns_and_offsets():
    from desktop_app.core.interchange.conll import conllu_document

    text = "Ban Tổ chức họp.\nHà Nội"
    sentences = [[(0, 3), (4, 11), (12, 15), (15, 16)], [(17, 23)]]
    pos = {(0, 3): "N", (4, 11): "V", (15, 16): "CH", (17, 23): "Np"}
    doc = conllu_document(7, " Tin \n mới ", text, sentences, pos)
    lines = doc.split("\n")
    assert lines[:4] == ["# newdoc id = 7", "# title = Tin mới", "# sent_id = 7-1", "# text = Ban Tổ chức họp."]
    assert lines[4] == "1\tBan\t_\tNOUN\tN\t_\t_\t_\t_\tstart_char=0|end_char=3"
    assert lines[6] == "3\thọp\t_\t_\t_\t_\t_\t_\t_\tstart_char=12|end_char=15"  # untagged
    assert lines[7].split("\t")[3:5] == ["PUNCT", "CH"]
    assert lines[8] == "" and lines[11].split("\t")[1:5] == ["Hà Nội", "_", "PROPN", "Np"]
    assert doc.endswith("\n\n")
    assert conllu_document(8, "Trống", "", []) == "# newdoc id = 8\n# title = Trống\n\n"
