"""Units of agreement and the one-pass count, checked against a unit-by-unit reading of the
highlights (a reliability matrix built by brute force) and independent implementations."""

from __future__ import annotations

import json
import random

import pytest

from desktop_app.core.analysis.agreement import (
    ArticleCoding,
    agreement,
    article_units,
    character_units,
    sentence_units,
    units_of,
    word_units,
)
from desktop_app.core.analysis.agreement.coefficients import NO_VARIATION, NOT_TWO_CODERS
from tests.core.agreement_reference import hand_cohen, hand_fleiss, package_alpha

SENTENCE = "Các cán bộ Ban Tổ chức Trung ương đã về thăm Hà Nội."
X = frozenset({"x"})


def test_character_units_skip_white_space_and_invisible_characters() -> None:
    text = "a b\u200bc\n đ"
    assert [text[s:e] for s, e in character_units(text)] == ["a", "b", "c", "đ"]


def test_word_units_drop_invisible_words_and_refuse_overlaps() -> None:
    text = "cán bộ  \u200b Hà Nội"
    assert word_units(text, [(10, 16), (0, 6), (7, 9)]) == [(0, 6), (10, 16)]
    with pytest.raises(ValueError, match="overlap"):
        word_units(text, [(0, 6), (4, 9)])
    with pytest.raises(ValueError, match="outside"):
        word_units(text, [(0, 99)])


def test_sentence_and_article_units() -> None:
    text = "  Hà Nội, ngày 3/4. Cán bộ họp!\n\nÔng nói: “Xong.” Rồi về  \n"
    assert [text[s:e] for s, e in sentence_units(text)] == [
        "Hà Nội, ngày 3/4.", "Cán bộ họp!", "Ông nói: “Xong.”", "Rồi về"]
    assert [text[s:e] for s, e in article_units(text)] == [text.strip()]
    assert article_units(" \n\u200b ") == [] and sentence_units(" \n ") == []


def test_units_of_refuses_what_it_cannot_build() -> None:
    with pytest.raises(ValueError, match="segmentation"):
        units_of("word", "cán bộ")
    with pytest.raises(ValueError, match="unknown unit"):
        units_of("syllable", "cán bộ")


def test_a_highlight_over_part_of_a_word_covers_the_word() -> None:
    """"cán bộ" is one word (the real segmentation): coder A marks only "cán", coder B the
    whole word. At the word unit they agree perfectly; by characters they do not."""
    segmentation = pytest.importorskip("desktop_app.core.nlp.segmentation")
    pytest.importorskip("underthesea")
    words = segmentation.segment_text(SENTENCE)
    assert "cán bộ" in [SENTENCE[s:e] for s, e in words]
    can = SENTENCE.index("cán")
    coders = {"A": [(can, can + 3, X)], "B": [(can, can + 6, X)]}
    by_word = agreement([ArticleCoding.of("word", SENTENCE, coders, words)], ["A", "B"], "word").tags[0]
    assert (by_word.percent.value, by_word.cohen_kappa.value, by_word.alpha.value) == (100.0, 1.0, 1.0)
    assert by_word.units == len(words)
    by_char = agreement([ArticleCoding.of("character", SENTENCE, coders)], ["A", "B"], "character").tags[0]
    assert by_char.units == len(SENTENCE.replace(" ", ""))
    assert by_char.percent.value < 100 and by_char.alpha.value < 1 and by_char.cohen_kappa.value < 1
    # αu is on the characters whatever the unit: the same in both tables, and below 1
    assert by_word.alpha_u == by_char.alpha_u and by_word.alpha_u.value < 1


def test_a_highlight_over_white_space_only_covers_no_word() -> None:
    words = [(0, 3), (4, 6)]
    text = "cán bộ"
    coders = {"A": [(3, 4, X)], "B": []}
    row = agreement([ArticleCoding.of("word", text, coders, words)], ["A", "B"], "word", tags=["x"]).tags[0]
    assert row.percent.value == 100.0 and row.alpha.reason == NO_VARIATION
    assert row.alpha_u.value is not None and row.alpha_u.value < 1  # by characters, A marked the space


# Random libraries, counted twice: by the module, and unit by unit here.

def random_article(rng: random.Random, coders: list[str], tags: list[str]) -> tuple[str, list, dict]:
    words, pos, pieces = [], 0, []
    for _ in range(rng.randint(1, 25)):
        word = rng.choice(["cán bộ", "Đảng", "Hà Nội", "a", "tổ chức", "."])
        words.append((pos, pos + len(word)))
        pieces.append(word)
        pos += len(word) + 1
    text = " ".join(pieces)
    coded = {}
    for coder in coders:
        if rng.random() < 0.2:
            continue  # this coder did not code the article: missing data
        highlights = []
        for _ in range(rng.randint(0, 4)):
            s = rng.randrange(len(text))
            e = rng.randint(s + 1, min(len(text), s + 20))
            highlights.append((s, e, frozenset(rng.sample(tags, rng.randint(1, min(2, len(tags)))))))
        coded[coder] = highlights
    return text, words, coded


def matrices(articles, coders, tags, kind):
    """tag -> one row per coder, one column per unit of every article, None = missing."""
    out = {t: [[] for _ in coders] for t in tags}
    for text, words, coded in articles:
        for s, e in units_of(kind, text, words):
            for t in tags:
                for k, coder in enumerate(coders):
                    if coder not in coded:
                        out[t][k].append(None)
                    else:
                        out[t][k].append(int(any(t in tg and hs < e and s < he for hs, he, tg in coded[coder])))
    return out


@pytest.mark.parametrize("kind", ["word", "character", "sentence"])
@pytest.mark.parametrize("coders", [["A", "B"], ["A", "B", "C"]])
def test_the_one_pass_count_equals_a_unit_by_unit_reading(kind: str, coders: list[str]) -> None:
    pytest.importorskip("krippendorff")
    rng = random.Random(len(coders) * 10 + len(kind))
    tags = ["x", "y", "z"]
    articles = [random_article(rng, coders, tags) for _ in range(30)]
    result = agreement([ArticleCoding.of(kind, text, coded, words) for text, words, coded in articles],
                       coders, kind, tags=tags)
    for row, (tag, rows) in zip(result.tags, matrices(articles, coders, tags, kind).items(), strict=True):
        assert row.tag == tag
        pairable = sum(1 for col in zip(*rows, strict=True) if sum(v is not None for v in col) >= 2)
        assert row.units == pairable
        assert row.alpha.value == pytest.approx(package_alpha(rows), abs=1e-9)
        complete = [list(col) for col in zip(*rows, strict=True) if None not in col]
        agreeing = sum(sum(a == b for i, a in enumerate(col) for b in col[i + 1:]) for col in complete)
        pairs = len(complete) * len(coders) * (len(coders) - 1) // 2
        assert row.percent.value == pytest.approx(100 * agreeing / pairs)
        assert row.fleiss_kappa.value == pytest.approx(hand_fleiss(complete, [0, 1]), abs=1e-9)
        if len(coders) == 2:
            a, b = [c[0] for c in complete], [c[1] for c in complete]
            assert row.cohen_kappa.value == pytest.approx(hand_cohen(a, b), abs=1e-9)
        else:
            assert row.cohen_kappa.reason == NOT_TWO_CODERS


def test_character_and_word_units_give_different_figures_on_the_same_data() -> None:
    rng = random.Random(5)
    articles = [random_article(rng, ["A", "B"], ["x"]) for _ in range(20)]
    figures = {}
    for kind in ("character", "word", "article"):
        row = agreement([ArticleCoding.of(kind, t, c, w) for t, w, c in articles], ["A", "B"], kind,
                        tags=["x"]).tags[0]
        figures[kind] = (row.units, row.alpha.value, row.cohen_kappa.value)
    assert len({f[0] for f in figures.values()}) == 3
    assert figures["character"][1] != figures["word"][1] != figures["article"][1]


def test_the_json_has_the_shape_the_issue_gives() -> None:
    coders = {"A": [(0, 3, X), (4, 6, frozenset({"y"}))], "B": [(0, 6, X)], "C": [(0, 3, X)]}
    result = agreement([ArticleCoding.of("word", "cán bộ về", coders, [(0, 3), (4, 6), (7, 9)])],
                       ["A", "B", "C"], "word")
    data = json.loads(json.dumps(result.as_json()))
    assert data["unit"] == "word" and data["coders"] == ["A", "B", "C"]
    assert [t["tag"] for t in data["tags"]] == ["x", "y"]
    for row in data["tags"] + [data["overall"]]:
        assert {"percent", "cohen_kappa", "fleiss_kappa", "alpha", "alpha_u", "units"} <= row.keys()
        assert row["cohen_kappa"] is None and row["undefined"]["cohen_kappa"] == NOT_TWO_CODERS
        assert row["units"] == 3
    assert "tag" not in data["overall"]


def test_overall_pools_the_tags_and_an_unused_tag_changes_nothing() -> None:
    rng = random.Random(9)
    articles = [ArticleCoding.of("word", t, c, w) for t, w, c in
                (random_article(rng, ["A", "B"], ["x", "y"]) for _ in range(15))]
    used = agreement(articles, ["A", "B"], "word", tags=["x", "y"])
    padded = agreement(articles, ["A", "B"], "word", tags=["x", "y", "never used"])
    assert padded.tags[2].alpha.reason == NO_VARIATION
    for name in ("cohen_kappa", "fleiss_kappa", "alpha", "alpha_u"):
        assert getattr(padded.overall, name) == getattr(used.overall, name)
    # percent agreement counts agreeing on absence: an unused tag raises it
    assert padded.overall.percent.value > used.overall.percent.value


def test_articles_fewer_than_two_coders_coded_add_nothing_and_coders_not_chosen_are_ignored() -> None:
    text, words = "cán bộ về", [(0, 3), (4, 6), (7, 9)]
    both = ArticleCoding.of("word", text, {"A": [(0, 3, X)], "B": [(0, 6, X)], "Z": [(7, 9, X)]}, words)
    alone = ArticleCoding.of("word", text, {"A": [(0, 9, X)]}, words)
    result = agreement([both, alone], ["A", "B"], "word")
    assert result.articles == 1 and result.tags[0].units == 3
    assert result.as_json() == agreement([both], ["A", "B"], "word").as_json()


def test_bad_input_is_refused_with_a_clear_message() -> None:
    text, words = "cán bộ", [(0, 3), (4, 6)]
    with pytest.raises(ValueError, match="outside"):
        agreement([ArticleCoding.of("word", text, {"A": [(0, 9, X)], "B": []}, words)], ["A", "B"], "word")
    with pytest.raises(ValueError, match="twice"):
        agreement([], ["A", "A"], "word")
    with pytest.raises(ValueError, match="unknown unit"):
        agreement([], ["A", "B"], "syllable")
    with pytest.raises(ValueError, match="tag is named twice"):
        agreement([], ["A", "B"], "word", tags=["x", "x"])


def test_no_articles_no_tags() -> None:
    result = agreement([], ["A", "B"], "word")
    assert result.tags == () and result.overall.units == 0
    assert all(getattr(result.overall, f).value is None for f in ("percent", "alpha", "alpha_u"))


def test_progress_is_reported_and_cancel_stops_the_count() -> None:
    from desktop_app.core.progress import Cancelled, Progress

    article = ArticleCoding.of("word", "cán bộ", {"A": [(0, 3, X)], "B": []}, [(0, 3), (4, 6)])
    seen: list[tuple[int, int]] = []
    agreement([article] * 250, ["A", "B"], "word", progress=Progress(lambda d, t, _n: seen.append((d, t))),
              total=250)
    assert seen == [(100, 250), (200, 250)]
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        agreement([article] * 250, ["A", "B"], "word", progress=progress)
