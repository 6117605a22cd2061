"""parse_metadata and title_span on the seeds and on each metadata shape they contain."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.library.ingest import ArticleMeta, parse_metadata
from desktop_app.core.library.ingest.metadata import parse_date, title_span

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Worked out by reading each seed, head and tail.
SEED_META = {
    "000_7b293d3b0bbee234.txt": ArticleMeta(
        title="“Không ai không được giao nhiệm vụ, không ai không hoàn thành nhiệm vụ”",
        # "(PLVN) - Đây là …", under the outlet's name; "(Nguồn ảnh: Dangcongsan.vn)" is a photo credit
        source="Pháp luật Việt Nam",
    ),
    "001_ac896c5b02962443.txt": ArticleMeta(
        title="Tiếp tục đổi mới, kiện toàn công tác tổ chức cán bộ",
        kicker="Tổng Bí thư Nguyễn Phú Trọng",
        source="TTXVN",
        published="2011-11-23T08:24",
    ),
    "002_0d163578645c4766.txt": ArticleMeta(
        title="Tiếp tục tham mưu hoàn thiện thể chế về công tác tổ chức xây dựng Đảng",
        author="Tuấn Anh",
        published="2023-04-04T10:48",
    ),
    "003_5a07d66a116bad6c.txt": ArticleMeta(
        title="Ngành tổ chức xây dựng Đảng nỗ lực thực hiện tốt nhiệm vụ",
        author="TRƯỜNG SƠN",
        published="2023-10-12T08:29",
    ),
    "004_b2d4cadf0807df7d.txt": ArticleMeta(
        title="Khuyến khích, bảo vệ cán bộ năng động, sáng tạo, dám nghĩ, dám làm",
        source="Daihoidang.vn",  # the closing line; "(Ảnh: Phương Hoa/TTXVN)" is a credit
        published="2022-01-14T09:16",
    ),
}


def test_every_seed_has_expectations() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(SEED_META)


@pytest.mark.parametrize("name", sorted(SEED_META))
def test_seed_metadata(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    meta = parse_metadata(text)
    assert meta == SEED_META[name]
    start, end = title_span(text, meta)
    assert text[start:end] == meta.title


def test_in_trang_stays_outside_the_title_span() -> None:
    text = (SEEDS / "004_b2d4cadf0807df7d.txt").read_text(encoding="utf-8")
    start, end = title_span(text, parse_metadata(text))
    assert (start, text[end:].split("\n")[0]) == (0, " In trang")


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("23/11/2011 - 08:24", "2011-11-23T08:24"),
        ("12/10/2023 | 08:29 GMT+7", "2023-10-12T08:29"),
        ("14/01/2022 09:16 SA", "2022-01-14T09:16"),
        ("14/01/2022 09:16 CH", "2022-01-14T21:16"),
        ("14/01/2022 12:05 SA", "2022-01-14T00:05"),
        ("14/01/2022 12:05 CH", "2022-01-14T12:05"),
        ("14/01/2022 03:00 PM", "2022-01-14T15:00"),
        ("Cập nhật lúc : 04/04/2023 10:48", "2023-04-04T10:48"),
        ("Thứ Hai, 23/11/2011 - 08:24 (GMT+7)", "2011-11-23T08:24"),
        ("08:24 | 23/11/2011", "2011-11-23T08:24"),
        ("Ngày đăng: 5/3/2020", "2020-03-05"),
        ("2020-10-01 08:24", "2020-10-01T08:24"),
        ("20201001", "2020-10-01"),
    ],
)
def test_date_shapes(line: str, iso: str) -> None:
    assert parse_date(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "31/02/2023 - 08:24",  # no such day
        "14/01/2022 13:16 SA",  # no 13 o'clock in 12-hour time
        "23/11/2011 - 25:00",
        "Ngày 14-10 tới đây là tròn kỷ niệm 93 năm (14/10/1930 - 14/10/2023).",
        "548",
    ],
)
def test_not_dates(line: str) -> None:
    assert parse_date(line) is None


def test_header_lines() -> None:
    text = (
        "# newdoc id = vn-0001\n"
        "# date = 20201001\n"
        "# url = https://example.vn/bai-viet-1.html\n"
        "# title = Hội nghị Ban Tổ chức Trung ương\n"
        "\n"
        "Hội nghị Ban Tổ chức Trung ương\n"
        "\n"
        "(TTXVN) - Sáng nay, Ban Tổ chức Trung ương tổ chức hội nghị.\n"
    )
    meta = parse_metadata(text)
    assert meta == ArticleMeta(
        title="Hội nghị Ban Tổ chức Trung ương",
        source="TTXVN",
        url="https://example.vn/bai-viet-1.html",
        published="2020-10-01",
        header=(("newdoc id", "vn-0001"), ("date", "20201001"),
                ("url", "https://example.vn/bai-viet-1.html"),
                ("title", "Hội nghị Ban Tổ chức Trung ương")),
    )
    start, end = title_span(text, meta)
    assert text[start:end] == meta.title
    assert not text[:start].endswith("= ")  # the heading line, not the header comment


def test_header_title_without_body_title_has_no_span() -> None:
    text = "# title = Một tiêu đề\n\nNội dung bài viết, không có dòng tiêu đề.\n"
    meta = parse_metadata(text)
    assert meta.title == "Một tiêu đề"
    assert title_span(text, meta) is None


def test_photo_credits_are_not_the_source() -> None:
    text = (
        "Tiêu đề bài viết về hội nghị\n\n"
        "Nội dung bài viết dài, kể về hội nghị của Ban Tổ chức Trung ương.\n"
        "Quang cảnh hội nghị. (Nguồn ảnh: Dangcongsan.vn).\n\n"
        "(Ảnh: Phương Hoa/TTXVN)\n"
    )
    assert parse_metadata(text).source is None


def test_sentence_with_parentheses_and_dash_is_not_a_dateline() -> None:
    text = "Hội nghị (mở rộng) - kết quả và nhiệm vụ\n\nNội dung bài viết ở đây.\n"
    meta = parse_metadata(text)
    assert meta.source is None
    assert meta.title == "Hội nghị (mở rộng) - kết quả và nhiệm vụ"


def test_dateline_with_place() -> None:
    text = "Tiêu đề bài viết\n\nHÀ NỘI (TTXVN) - Sáng nay diễn ra hội nghị.\n"
    assert parse_metadata(text).source == "TTXVN"


def test_byline_with_outlet_on_one_line() -> None:
    text = "Tiêu đề bài viết\n\nNội dung của bài viết, kết thúc bằng dấu chấm.\n\nMinh Châu (TTXVN)\nĐọc thêm\n"
    meta = parse_metadata(text)
    assert (meta.author, meta.source) == ("Minh Châu", "TTXVN")


@pytest.mark.parametrize(
    ("last", "author"),
    [
        ("Bài, ảnh: TRƯỜNG SƠN", "TRƯỜNG SƠN"),
        ("Bài và ảnh: Ngọc Hà", "Ngọc Hà"),
        ("Tin: Hoàng Long", "Hoàng Long"),
        ("Tuấn Anh - Hoàng Long", "Tuấn Anh - Hoàng Long"),
        ("Tuấn Anh", "Tuấn Anh"),
        ("Xin trân trọng giới thiệu cùng bạn đọc.", None),  # a sentence
        ("Nhiều kết quả", None),  # not every word capitalised: a subheading
        ("Hết", None),  # one bare word
    ],
)
def test_byline(last: str, author: str | None) -> None:
    text = f"Tiêu đề bài viết\n\nNội dung bài viết, kết thúc bằng dấu chấm.\n\n{last}\n\nChia sẻ bài viết\nLượt xem: 12\n"
    assert parse_metadata(text).author == author


def test_no_headline_means_a_guessed_title_and_no_heading() -> None:
    paragraph = "Đây là một đoạn văn dài. " * 20
    meta = parse_metadata(paragraph)
    assert (meta.title, meta.title_guessed) == ("Đây là một đoạn văn dài.", True)
    assert title_span(paragraph, meta) is None  # the body's first sentence is not styled as a heading


def test_markdown_heading_is_the_title() -> None:
    text = "# Tổ chức bộ máy tinh gọn\n\n12/10/2023 | 08:29 GMT+7\n\nNội dung.\n"
    meta = parse_metadata(text)
    assert (meta.title, meta.published) == ("Tổ chức bộ máy tinh gọn", "2023-10-12T08:29")
    start, end = title_span(text, meta)
    assert (start, end) == (2, 2 + len(meta.title))


def test_url_line_in_the_tail() -> None:
    text = "Tiêu đề bài viết\n\nNội dung.\n\nNguồn: https://baohaugiang.com.vn/a-1.html\n"
    assert parse_metadata(text).url == "https://baohaugiang.com.vn/a-1.html"


@given(st.text(max_size=400))
def test_any_text_parses_and_the_span_holds_the_title(text: str) -> None:
    meta = parse_metadata(text)
    span = title_span(text, meta)
    if span is not None:
        assert text[span[0]:span[1]] == meta.title
