"""Re-anchoring highlights in changed text: exact, moved, ambiguous, edited, deleted."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.library.anchoring import Anchor, anchor

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

TEXT = (
    "(TTXVN) - Ngày 12/10, Ban Tổ chức Trung ương tổ chức Hội nghị cán bộ toàn quốc. "
    "Đồng chí Trưởng ban nhấn mạnh công tác cán bộ là khâu then chốt.\n"
    "Chia sẻ bài viết"
)
QUOTE = "công tác cán bộ là khâu then chốt"


def selectors(text: str, quote: str, nth: int = 0) -> dict[str, object]:
    """The selectors a highlight of the nth occurrence of `quote` would store."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    return {"quote": quote, "prefix": text[max(0, start - 32) : start],
            "suffix": text[end : end + 32], "start": start, "end": end}


def test_unchanged_text_is_placed_at_the_stored_position():
    sel = selectors(TEXT, QUOTE)
    assert anchor(TEXT, **sel) == Anchor(sel["start"], sel["end"], "exact-position", 1.0)


def test_text_moved_by_an_insertion_is_found_by_its_quote():
    sel = selectors(TEXT, QUOTE)
    changed = "Cập nhật lúc : 04/04/2023 10:48\n" + TEXT
    found = anchor(changed, **sel)
    assert found is not None and found.method == "exact-quote"
    assert changed[found.start : found.end] == QUOTE
    assert found.start == sel["start"] + len("Cập nhật lúc : 04/04/2023 10:48\n")


def test_duplicated_quote_picks_the_occurrence_whose_context_matches():
    text = (
        "Ở Hà Nội, Hội nghị cán bộ đã bế mạc hôm qua. Lượt xem: 1.420. "
        "Ở Đà Nẵng, Hội nghị cán bộ sẽ khai mạc ngày mai."
    )
    sel = selectors(text, "Hội nghị cán bộ", nth=1)  # the one in Đà Nẵng
    # A long preamble moves both, so the stale position is now nearer the Hà Nội one.
    changed = "Bài, ảnh: TRƯỜNG SƠN. " * 12 + text
    first, second = (changed.index("Hội nghị cán bộ"), changed.rindex("Hội nghị cán bộ"))
    assert abs(first - sel["start"]) < abs(second - sel["start"])
    found = anchor(changed, **sel)
    assert found == Anchor(second, second + len("Hội nghị cán bộ"), "exact-quote", 1.0)
    # Without any context, the occurrence nearest the old position wins.
    bare = anchor(changed, "Hội nghị cán bộ", start=sel["start"], end=sel["end"])
    assert bare is not None and bare.start == first


def test_small_edits_inside_the_quote_are_placed_fuzzily():
    sel = selectors(TEXT, QUOTE)
    changed = TEXT.replace("công tác cán bộ là khâu then chốt", "công tác cán bộ luôn là khâu then chốt")
    found = anchor(changed, **sel)
    assert found is not None and found.method == "fuzzy"
    assert 0.85 <= found.score < 1
    assert changed[found.start : found.end] == "công tác cán bộ luôn là khâu then chốt"
    # A diacritic lost in a re-scrape is one edit too.
    lost = TEXT.replace("then chốt", "then chot")
    found = anchor(lost, **sel)
    assert found is not None and lost[found.start : found.end] == "công tác cán bộ là khâu then chot"


def test_deleted_passage_is_an_orphan():
    sel = selectors(TEXT, QUOTE)
    changed = TEXT.replace("Đồng chí Trưởng ban nhấn mạnh công tác cán bộ là khâu then chốt.", "")
    assert anchor(changed, **sel) is None
    # A rewritten passage that only shares a few words is not good enough either.
    rewritten = TEXT.replace(QUOTE, "việc đào tạo cán bộ trẻ cần làm ngay")
    assert anchor(rewritten, **sel) is None


def test_odd_input_never_raises():
    assert anchor(TEXT, "") is None
    assert anchor("", QUOTE) is None
    assert anchor(TEXT, QUOTE, start=10**9, end=-5) is not None
    assert anchor(TEXT, QUOTE, start=-3, end=None, threshold=float("nan")) is not None
    assert anchor(TEXT, "x" * 10_000, start=0, end=10_000) is None


def test_search_stays_fast_on_a_long_text():
    base = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    text = (base * (100_000 // len(base) + 1))[:100_000]
    quote = text[61_000:61_150]
    edited = quote[:40] + "###" + quote[43:100] + quote[104:]
    far = anchor(text, edited, start=5, end=155)  # stale position far from the passage
    gone = anchor(text, "Đoạn văn này chưa từng có trong bài nào cả, dù chỉ một lần.", start=500)
    assert far is not None and far.method == "fuzzy"
    assert text[far.start : far.end].startswith(quote[:40])
    assert gone is None  # how long it takes is a figure for benchmarks/, never a test


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=300),
    quote=st.text(max_size=40),
    prefix=st.text(max_size=40),
    suffix=st.text(max_size=40),
    start=st.one_of(st.none(), st.integers(-10**6, 10**6)),
    end=st.one_of(st.none(), st.integers(-10**6, 10**6)),
    threshold=st.floats(allow_nan=True),
)
def test_anchor_never_raises_and_stays_inside_the_text(text, quote, prefix, suffix, start, end, threshold):
    found = anchor(text, quote, prefix, suffix, start, end, threshold)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)
        assert 0 < found.score <= 1
        if found.method != "fuzzy":
            assert text[found.start : found.end] == quote


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_quote_taken_from_the_text_is_always_found_exactly(data):
    text = data.draw(st.text(alphabet="ab cđ\n", min_size=1, max_size=200))
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    shift = data.draw(st.text(alphabet="xy", max_size=20))
    quote = text[start:end]
    found = anchor(shift + text, quote, text[max(0, start - 32) : start], text[end : end + 32],
                   start, end)
    assert found is not None and found.method in ("exact-position", "exact-quote")
    assert (shift + text)[found.start : found.end] == quote
