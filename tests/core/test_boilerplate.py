"""find_boilerplate on the seeds (expectations worked out by reading each seed) and on
one small text per rule, including the body lines it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.library.ingest.boilerplate import (
    ALT_TEXT,
    COMMENTS,
    FONT,
    NAVIGATION,
    READ_MORE,
    RELATED,
    SHARE,
    TAGS,
    VIEWS,
    VISITORS,
    find_boilerplate,
)
from desktop_app.core.library.ingest.metadata import parse_metadata, title_span
from desktop_app.core.text.normalize import normalize

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# (flagged text, reason) in text order, read off each seed by eye. The text is the whole
# line, except the " In trang" glued to the title of 004.
SEED_BOILERPLATE: dict[str, list[tuple[str, str]]] = {
    "000_7b293d3b0bbee234.txt": [("Đọc thêm", READ_MORE)],  # last line
    "001_ac896c5b02962443.txt": [("Chia sẻ bài viết", SHARE)],  # last line
    "002_0d163578645c4766.txt": [
        ("548", VIEWS),  # a bare number above the font buttons
        ("+ aa -", FONT),
        ("Tin tức hoạt động", NAVIGATION),  # the section name, above the date and title
    ],
    "003_5a07d66a116bad6c.txt": [
        ("Viết bình luận mới", COMMENTS),
        ("Tin cùng chuyên mục", RELATED),
        ("Các tin khác", RELATED),
        ("Xem thêm >>", READ_MORE),
    ],
    "004_b2d4cadf0807df7d.txt": [
        (" In trang", SHARE),  # glued to the title: only these words
        ("Khuyen khich, bao ve can bo nang dong, sang tao, dam nghi, dam lam hinh anh 1", ALT_TEXT),
        ("Khuyen khich, bao ve can bo nang dong, sang tao, dam nghi, dam lam hinh anh 2", ALT_TEXT),
        ("Lượt xem: 1.420", VIEWS),
        ("Liên kết website", NAVIGATION),
        ("Thống kê truy cập", VISITORS),
        ("  • 003900658", VISITORS),
        ("  • \xa0Đang online: 158", VISITORS),
        ("  • \xa0Trong tuần: 1.225", VISITORS),
        ("  • \xa0Trong tháng: 115.377", VISITORS),
        ("  • \xa0Trong năm: 1.202.033", VISITORS),
    ],
}

# Lines of the seeds that look most like furniture but are the article's own.
SEED_KEPT = [
    "Thường trực Ban Bí thư Trương Thị Mai phát biểu kết luận Hội nghị. (Nguồn ảnh: Dangcongsan.vn).",
    "Tổng Bí thư Nguyễn Phú Trọng:",
    "23/11/2011 - 08:24",
    "Cập nhật lúc : 04/04/2023 10:48",
    "Tuấn Anh",
    "12/10/2023 | 08:29 GMT+7",
    "Nhiều kết quả",
    "Bài, ảnh: TRƯỜNG SƠN",
    "14/01/2022 09:16 SA",
    "Quang cảnh hội nghị. (Ảnh: Phương Hoa/TTXVN)",
    "(Daihoidang.vn)",
]


def _seed(name: str) -> str:
    return normalize((SEEDS / name).read_text(encoding="utf-8"))


def _flagged(text: str) -> list[tuple[str, str]]:
    return [(text[start:end], reason) for start, end, reason in find_boilerplate(text)]


def test_every_seed_has_expectations() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(SEED_BOILERPLATE)


@pytest.mark.parametrize("name", sorted(SEED_BOILERPLATE))
def test_seed_boilerplate(name: str) -> None:
    assert _flagged(_seed(name)) == SEED_BOILERPLATE[name]


@pytest.mark.parametrize("name", sorted(SEED_BOILERPLATE))
def test_seed_body_and_metadata_stay_visible(name: str) -> None:
    text = _seed(name)
    spans = find_boilerplate(text)
    expected = {flagged for flagged, _ in SEED_BOILERPLATE[name]}

    def hidden(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e, _ in spans)

    pos = 0
    for line in text.split("\n"):
        if len(line.split()) >= 6 and line not in expected:
            # every body paragraph, and the title up to a glued " In trang"
            visible = line.removesuffix(" In trang")
            assert not hidden(pos, pos + len(visible)), line
        pos += len(line) + 1
    meta = parse_metadata(text)
    start, end = title_span(text, meta)
    assert not hidden(start, end)
    # A source found as an abbreviation ("(PLVN) -") is stored under the outlet's name.
    source = meta.source if not meta.source or meta.source in text else "(PLVN)"
    for value in (meta.kicker, meta.author, source):
        if value:
            index = text.index(value)
            assert not hidden(index, index + len(value)), value
    for line in SEED_KEPT:
        if line in text:
            index = text.index(line)
            assert not hidden(index, index + len(line)), line


def test_glued_in_trang_starts_where_the_title_ends() -> None:
    text = _seed("004_b2d4cadf0807df7d.txt")
    _, title_end = title_span(text, parse_metadata(text))
    start, end, _ = find_boilerplate(text)[0]
    assert (start, end) == (title_end, text.index("\n"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # share / print widgets, whole lines only
        ("Bài viết.\nChia sẻ", [("Chia sẻ", SHARE)]),
        ("Chia sẻ:", [("Chia sẻ:", SHARE)]),
        ("Gửi bài viết\nIn trang\nIn", [("Gửi bài viết", SHARE), ("In trang", SHARE), ("In", SHARE)]),
        ("Facebook Twitter Zalo Email In trang", [("Facebook Twitter Zalo Email In trang", SHARE)]),
        ("Chia sẻ: Facebook | Email", [("Chia sẻ: Facebook | Email", SHARE)]),
        ("Chia se bai viet", [("Chia se bai viet", SHARE)]),  # typed without diacritics
        ("Tổng kết công tác năm 2023 In trang", [(" In trang", SHARE)]),
        # font size
        (
            "+ aa -\nA A A\n- aa +\nCỡ chữ",
            [("+ aa -", FONT), ("A A A", FONT), ("- aa +", FONT), ("Cỡ chữ", FONT)],
        ),
        # read more, comments, navigation, tags
        (
            "Đọc thêm\nXem thêm >>\nĐọc tiếp »",
            [("Đọc thêm", READ_MORE), ("Xem thêm >>", READ_MORE), ("Đọc tiếp »", READ_MORE)],
        ),
        (
            "Bình luận\nBình luận (3)\n12 bình luận",
            [("Bình luận", COMMENTS), ("Bình luận (3)", COMMENTS), ("12 bình luận", COMMENTS)],
        ),
        ("Trang chủ\nVề đầu trang", [("Trang chủ", NAVIGATION), ("Về đầu trang", NAVIGATION)]),
        (
            "Từ khóa: Ban Tổ chức Trung ương, cán bộ\nTags: Đảng",
            [("Từ khóa: Ban Tổ chức Trung ương, cán bộ", TAGS), ("Tags: Đảng", TAGS)],
        ),
        # counters
        ("Lượt xem: 1.420\n1.420 lượt xem", [("Lượt xem: 1.420", VIEWS), ("1.420 lượt xem", VIEWS)]),
        (
            "Hết bài.\nSố lượt truy cập\n1234\nHôm nay\n56\nĐang truy cập: 3\nTổng cộng: 999",
            [("Số lượt truy cập", VISITORS), ("1234", VISITORS), ("Hôm nay", VISITORS), ("56", VISITORS),
             ("Đang truy cập: 3", VISITORS), ("Tổng cộng: 999", VISITORS)],
        ),
        ("Tổng lượt truy cập: 1.202.033", [("Tổng lượt truy cập: 1.202.033", VISITORS)]),
        # alt text: the diacritic-free copy, never the original
        (
            "Đồng chí Trương Thị Mai phát biểu tại hội nghị.\nDong chi Truong Thi Mai phat bieu tai hoi nghi",
            [("Dong chi Truong Thi Mai phat bieu tai hoi nghi", ALT_TEXT)],
        ),
        (
            "Đồng chí Trương Thị Mai phát biểu tại hội nghị.\nDong chi Truong Thi Mai phat bieu tai hoi nghi hom nay",
            [("Dong chi Truong Thi Mai phat bieu tai hoi nghi hom nay", ALT_TEXT)],  # nearly equal
        ),
        ("Bao ve can bo nang dong sang tao hinh anh 3", [("Bao ve can bo nang dong sang tao hinh anh 3", ALT_TEXT)]),
    ],
)
def test_rule(text: str, expected: list[tuple[str, str]]) -> None:
    assert _flagged(text) == expected


BODY = "Ban Tổ chức Trung ương tổ chức hội nghị tổng kết công tác năm 2023 tại Hà Nội. " * 20


def test_related_headlines_at_the_end_are_flagged_up_to_metadata() -> None:
    text = (
        f"Tiêu đề bài viết\n{BODY}\nTin liên quan\n"
        "Hội nghị toàn quốc tổng kết công tác tổ chức xây dựng Đảng\n"
        "Ban Tổ chức Trung ương giao ban quý II năm 2023\n"
        "(TTXVN)\n"
        "Một dòng sau nguồn"
    )
    assert _flagged(text) == [
        ("Tin liên quan", RELATED),
        ("Hội nghị toàn quốc tổng kết công tác tổ chức xây dựng Đảng", RELATED),
        ("Ban Tổ chức Trung ương giao ban quý II năm 2023", RELATED),
    ]


def test_related_list_stops_at_a_body_paragraph() -> None:
    text = (
        f"Tiêu đề\n{BODY}\nTin liên quan\nHội nghị giao ban quý II năm 2023\n"
        "Ông nói rằng hội nghị đã thành công tốt đẹp.\nMột dòng ngắn"
    )
    assert _flagged(text) == [("Tin liên quan", RELATED), ("Hội nghị giao ban quý II năm 2023", RELATED)]


def test_related_heading_early_in_the_text_hides_only_itself() -> None:
    text = f"Tin liên quan\nHội nghị giao ban quý II năm 2023\nNhiều kết quả\n{BODY}"
    assert _flagged(text) == [("Tin liên quan", RELATED)]


@pytest.mark.parametrize(
    "text",
    [
        "Ông chia sẻ rằng công tác cán bộ là then chốt.",
        "Chia sẻ kinh nghiệm tổ chức hội nghị",  # a headline beginning with "Chia sẻ"
        "Bình luận của đại biểu về dự thảo được ghi nhận.",
        "Nhiều đại biểu đọc thêm tài liệu trước hội nghị.",
        "Tổng Bí thư phát biểu tại hội nghị. (Ảnh: TTXVN)",  # caption with diacritics
        "Ảnh: VNA",  # a photo credit is the article's own
        "In ấn tài liệu tuyên truyền về xây dựng Đảng",  # a title with "In" as a word
        "Hội nghị In và phát hành toàn quốc",
        "Công tác in trang phục truyền thống",  # lower-case "in trang" inside a sentence
        "23/11/2011 - 08:24",
        "Hôm nay, 12/3/2023",
        "Hôm nay: 5",  # a weak counter label alone, outside a counter block
        "Tổng số: 120",
        "Cả năm có 2.887.500 biên chế.\n2023\nNăm sau giảm.",  # a number among body lines
        "A",
        "Tổng Bí thư Nguyễn Phú Trọng:",
        "Dong chi Truong Thi Mai phat bieu",  # diacritic-free, but copies nothing
        "Hello world from the page",
    ],
)
def test_not_boilerplate(text: str) -> None:
    assert find_boilerplate(text) == []


def test_the_original_of_an_alt_text_is_kept_even_when_far_apart() -> None:
    title = "Khuyến khích, bảo vệ cán bộ năng động, sáng tạo"
    text = f"{title}\n{BODY}\n" + "\n".join(["Đoạn văn."] * 10) + "\nKhuyen khich, bao ve can bo nang dong, sang tao"
    assert _flagged(text) == [("Khuyen khich, bao ve can bo nang dong, sang tao", ALT_TEXT)]


def test_offsets_are_code_points_after_emoji_and_nbsp() -> None:
    text = "😀 Tiêu đề 😀\n\xa0Chia sẻ\xa0\nĐọc thêm"
    assert find_boilerplate(text) == [(12, 21, SHARE), (22, 30, READ_MORE)]  # 😀 is one
    assert (text[12:21], text[22:30]) == ("\xa0Chia sẻ\xa0", "Đọc thêm")


_PIECES = [
    "Chia sẻ", "In trang", "+ aa -", "Đọc thêm", "Tin liên quan", "Lượt xem: 12", "Thống kê truy cập",
    "Hôm nay: 3", "548", " • 12", "Tiêu đề In trang", "Dong chi phat bieu tai hoi nghi",
    "Đồng chí phát biểu tại hội nghị", "Ông chia sẻ rằng.", "(TTXVN)", "Tuấn Anh", "", " ", "\xa0",
]
_TEXTS = st.one_of(
    st.text(),
    st.lists(
        st.one_of(st.sampled_from(_PIECES), st.text(alphabet="aAđĐ ẻ+-•.:\xa0\r\t0123456789Inrtg\n")),
        max_size=30,
    ).map("\n".join),
)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_spans_are_ordered_lines_or_glued_tails(text: str) -> None:
    spans = find_boilerplate(text)
    previous_end = 0
    for start, end, reason in spans:
        assert previous_end <= start < end <= len(text)
        assert "\n" not in text[start:end]
        assert reason and isinstance(reason, str)
        line_end = text.find("\n", start)
        assert end == (len(text) if line_end < 0 else line_end)  # always runs to the line end
        if start > 0 and text[start - 1] != "\n":
            assert reason == SHARE and text[start:end].strip() in ("In trang", "In bài", "Bản in")
        previous_end = end
