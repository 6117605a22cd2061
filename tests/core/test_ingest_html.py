"""extract_html: article text and metadata from saved Vietnamese news pages.

The fixtures in tests/fixtures/ingest are modelled on the seeds: the same articles as
they looked on the web, with menus, share boxes, comments, scripts and footers around.
"""

from __future__ import annotations

import codecs
import socket
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.library.ingest.decode import ImportFailure
from desktop_app.core.library.ingest.html import NO_TEXT, Extracted, extract_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def page(body: str, head: str = "", charset: str = "utf-8") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='{charset}'>{head}</head>"
        f"<body>{body}</body></html>"
    ).encode(charset)


PARAGRAPH = (
    "Ban Tổ chức Trung ương tổ chức Hội nghị giao ban trực tuyến đánh giá kết quả công "
    "tác tổ chức xây dựng Đảng quý I, triển khai nhiệm vụ quý II năm 2023."
)


# ---------------------------------------------------------------- the four fixture pages


def test_modern_page_with_open_graph_and_article():
    got = extract_html(fixture("plvn_article.html"))
    assert got.text.split("\n") == [
        "“Không ai không được giao nhiệm vụ, không ai không hoàn thành nhiệm vụ”",
        "(PLVN) - Đây là yêu cầu của Ủy viên Bộ Chính trị, Thường trực Ban Bí thư, Trưởng Ban "
        "Tổ chức Trung ương Trương Thị Mai khi phát biểu chỉ đạo tại Hội nghị sơ kết công tác 6 "
        "tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2023 của Ban Tổ chức Trung ương, "
        "vừa diễn ra tại Hà Nội.",
        "Thường trực Ban Bí thư Trương Thị Mai phát biểu kết luận Hội nghị. (Nguồn ảnh: "
        "Dangcongsan.vn).",
        "Phê duyệt quy hoạch cho 2.362 lượt cán bộ của 120 cơ quan, đơn vị",
        "Phát biểu tại Hội nghị, Ủy viên Trung ương Đảng, Bí thư Đảng ủy Khối các cơ quan Trung "
        "ương Nguyễn Văn Thể nhấn mạnh, 6 tháng đầu năm, Ban Tổ chức Trung ương đã thực hiện "
        "khối lượng công việc lớn, hoàn thành tất cả các nhiệm vụ quan trọng được giao.",
        # &nbsp; became a plain space; &#7879; and &#x1EE5; became ệ and ụ.
        "Ngoài ra, trong công tác triển khai các đề án Bộ Chính trị, Ban Bí thư giao, Ban đã "
        "hoàn thành cũng như đang triển khai đều bảo đảm chất lượng. Về công tác tổ chức xây "
        "dựng Đảng, năm 2022, Đảng bộ cơ quan Ban Tổ chức Trung ương là 1 trong 11 Đảng bộ được "
        "đánh giá hoàn thành xuất sắc nhiệm vụ.",
        # A <br> inside a paragraph is a line break; the source's newline is only a space.
        "Bà Trương Thị Mai nhấn mạnh phương châm “không ai không được giao nhiệm vụ,",
        "không ai không hoàn thành nhiệm vụ”.",
        "Phương Linh",
    ]
    assert got.title == "“Không ai không được giao nhiệm vụ, không ai không hoàn thành nhiệm vụ”"
    assert got.published == "2023-07-14T10:48"  # local time as printed, offset dropped
    assert got.author == "Phương Linh"
    assert got.source == "Báo Pháp luật Việt Nam"
    # The canonical link beats og:url (which carries a tracking parameter).
    assert got.url == "https://baophapluat.vn/khong-ai-khong-duoc-giao-nhiem-vu-post480123.html"
    assert got.original == fixture("plvn_article.html").decode("utf-8")


def test_old_table_layout_in_windows_1258():
    data = fixture("tccs_windows1258.htm")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is legacy-encoded
    got = extract_html(data)
    lines = [unicodedata.normalize("NFC", line) for line in got.text.split("\n")]
    assert lines == [
        "Tiếp tục tham mưu hoàn thiện thể chế về công tác tổ chức xây dựng Đảng",
        # Furniture inside the article cell stays: the importer's boilerplate pass hides it.
        "548 + aa -",
        "Tin tức hoạt động",
        "Cập nhật lúc : 04/04/2023 10:48",
        "Ngày 03/4, Ban Tổ chức Trung ương tổ chức Hội nghị giao ban trực tuyến đánh giá kết "
        "quả công tác tổ chức xây dựng Đảng quý I; triển khai nhiệm vụ công tác quý II năm "
        "2023. Đồng chí Mai Văn Chính - Ủy viên Trung ương Đảng, Phó Trưởng ban Thường trực "
        "Ban Tổ chức Trung ương chủ trì Hội nghị.",
        "Tại điểm cầu Thừa Thiên Huế có đồng chí Phan Xuân Toàn – UVTV, Trưởng Ban Tổ chức "
        "Tỉnh ủy; cùng các đồng chí lãnh đạo Ban Tổ chức Tỉnh ủy và đồng chí trưởng ban tổ "
        "chức các huyện ủy, thị ủy, Thành ủy Huế.",
        "Tại Hội nghị cũng đã quán triệt, triển khai Kết luận số 50-KL/TW, ngày 28/02/2023 "
        "của Bộ Chính trị “Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ "
        "thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả”.",
        "Đồng chí nhấn mạnh, trong quý II, toàn Ngành cần phát huy kết quả đạt được, khắc "
        "phục khó khăn, bất cập, quyết tâm hoàn thành tốt nhiệm vụ được giao.",
        "Tuấn Anh",
    ]
    # The <title> suffix is dropped because the page shows the bare title as a line.
    assert got.title == "Tiếp tục tham mưu hoàn thiện thể chế về công tác tổ chức xây dựng Đảng"
    assert got.source == "Ban Tổ chức Trung ương"
    assert got.published == "2023-04-04T10:48"
    assert got.author is None and got.url is None
    assert "Trang chủ" not in got.text and "Bản quyền" not in got.text  # menu cell, footer row
    assert "Hoàng Văn Thụ" in got.original  # decoded, not mojibake


def test_widgets_scripts_and_hidden_text_are_left_out():
    got = extract_html(fixture("baohaugiang_widgets.html"))
    assert got.text.split("\n") == [
        "Ngành tổ chức xây dựng Đảng nỗ lực thực hiện tốt nhiệm vụ",
        "Ngày 14-10 tới đây là tròn kỷ niệm 93 năm ngày truyền thống ngành tổ chức xây dựng "
        "Đảng (14/10/1930 - 14/10/2023). Phát huy truyền thống vẻ vang của ngành, đội ngũ cán "
        "bộ không ngừng nỗ lực.",
        "Tập thể cán bộ, chuyên viên Ban Tổ chức Thành ủy Vị Thanh thực hiện nhiệm vụ với "
        "tinh thần trách nhiệm cao.",
        "Chất lượng nguồn nhân lực còn thấp là điểm nghẽn cản trở sự phát triển của tỉnh. "
        "Tháo gỡ điểm nghẽn này là nhiệm vụ được tỉnh đặc biệt quan tâm từ đầu nhiệm kỳ "
        "2020-2025 đến nay.",
        "Nhiều kết quả",
        "Ông Nguyễn Thiện Nhơn, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy, "
        "cho biết, ngành tổ chức xây dựng Đảng trong toàn tỉnh đã nêu cao tinh thần trách "
        "nhiệm, đoàn kết, khắc phục khó khăn.",
        "Do đó, đòi hỏi đội ngũ cán bộ và cơ quan làm công tác tổ chức xây dựng Đảng trong "
        "tỉnh tiếp tục nêu cao tinh thần “Đoàn kết, trung thành, trung thực, trong sáng, "
        "gương mẫu, tinh thông, chuyên nghiệp”.",
        "Bài, ảnh: TRƯỜNG SƠN",
    ]
    for absent in (
        "đề xuất nhiều giải pháp",  # article-looking text inside a <script>
        "schema.org",  # JSON-LD
        "document.write",
        "Bạn đọc Minh Tâm",  # comment box
        "Viết bình luận mới",
        "Tin cùng chuyên mục",  # related box beside the body
        "sơ kết công tác",
        "Tin liên quan",  # related box inside the body
        "lần thứ 15",
        "Tin đọc nhiều",  # sidebar
        "Bản nháp ẩn",  # display:none
        "Đoạn văn cũ",  # HTML comment
        "bật JavaScript",  # noscript
        "Chia sẻ",  # share box
        "Từ khóa",  # tags
        "quảng cáo",  # advert
        "kiện toàn đội ngũ",  # link list inside the body
        "Tổng Biên tập",  # footer
    ):
        assert absent not in got.text, absent
    assert got.title == "Ngành tổ chức xây dựng Đảng nỗ lực thực hiện tốt nhiệm vụ"
    assert got.published == "2023-10-12T08:29"  # the visible "12/10/2023 | 08:29 GMT+7"
    assert got.author == "TRƯỜNG SƠN"  # the byline, without its "Bài, ảnh:" label
    assert got.source == "Báo Hậu Giang"
    assert got.url is None


def test_navigation_only_page_fails():
    with pytest.raises(ImportFailure) as failure:
        extract_html(fixture("nav_only.html"))
    assert failure.value.reason == NO_TEXT == "This web page contains no article text."


# ---------------------------------------------------------------- encodings


def test_undeclared_windows_1258_falls_back_to_decode_bytes():
    data = fixture("tccs_windows1258.htm").replace(b"charset=windows-1258", b"")
    got = extract_html(data)
    assert unicodedata.normalize("NFC", got.title or "") == (
        "Tiếp tục tham mưu hoàn thiện thể chế về công tác tổ chức xây dựng Đảng"
    )


def test_utf8_page_labelled_as_a_western_code_page_is_read_as_utf8():
    data = page(f"<p>{PARAGRAPH}</p>", head="<title>Tin</title>").replace(
        b"charset='utf-8'", b"charset='iso-8859-1'"
    )
    assert extract_html(data).text.split("\n")[-1] == PARAGRAPH


@pytest.mark.parametrize(
    "bom, codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")]
)
def test_byte_order_mark_wins(bom: bytes, codec: str):
    html = f"<html><head><meta charset='windows-1252'></head><body><p>{PARAGRAPH}</p></body></html>"
    assert extract_html(bom + html.encode(codec)).text == PARAGRAPH


def test_declared_unsafe_codec_is_ignored():
    data = page(f"<p>{PARAGRAPH}</p>").replace(b"charset='utf-8'", b"charset='unicode_escape'")
    assert extract_html(data).text == PARAGRAPH


# ---------------------------------------------------------------- text shape


def test_entities_breaks_and_whitespace():
    got = extract_html(
        page(
            "<div class='content'><p>Hà&nbsp;Nội,&#32; ngày 03/4 &amp; 04/4:\n  nhi&#7879;m "
            "v&#x1ee5; quan trọng, cấp bách &lt;đặc biệt&gt;.</p>"
            "<p>Dòng một<br>Dòng hai<br/><br>  Dòng ba, rất dài để đủ một đoạn văn.</p>"
            "<p>Tỷ lệ 1 < 2 và 3 > 2, con số <3 không phải thẻ, &copy 2023 cũng vậy.</p>"
            "<pre>Cột A   Cột B\nhàng 1  hàng 2</pre><ul><li>Mục một, chi tiết.</li>"
            "<li>Mục hai, chi tiết.</ul></div>"
        )
    )
    assert got.text.split("\n") == [
        "Hà Nội, ngày 03/4 & 04/4: nhiệm vụ quan trọng, cấp bách <đặc biệt>.",
        "Dòng một",
        "Dòng hai",
        "Dòng ba, rất dài để đủ một đoạn văn.",
        "Tỷ lệ 1 < 2 và 3 > 2, con số <3 không phải thẻ, © 2023 cũng vậy.",
        "Cột A Cột B",
        "hàng 1 hàng 2",
        "Mục một, chi tiết.",
        "Mục hai, chi tiết.",
    ]
    assert got.title is None


def test_title_suffix_is_stripped_by_site_name():
    got = extract_html(
        page(
            f"<div><p>{PARAGRAPH}</p></div>",
            head="<title>Giao ban công tác tổ chức quý I | Tạp chí Xây dựng Đảng</title>"
            "<meta property='og:site_name' content='Tạp chí Xây dựng Đảng'>",
        )
    )
    assert got.title == "Giao ban công tác tổ chức quý I"
    assert got.source == "Tạp chí Xây dựng Đảng"
    assert got.text.split("\n") == ["Giao ban công tác tổ chức quý I", PARAGRAPH]


def test_title_with_a_dash_is_kept_whole_without_evidence_of_a_suffix():
    head = "<title>Hội nghị Trung ương 8 - khóa XIII</title>"
    got = extract_html(page(f"<p>{PARAGRAPH}</p>", head=head))
    assert got.title == "Hội nghị Trung ương 8 - khóa XIII"


@pytest.mark.parametrize(
    "markup, expected",
    [
        ("<div class='date'>23/11/2011 - 08:24</div>", "2011-11-23T08:24"),
        ("<span>12/10/2023 | 08:29 GMT+7</span>", "2023-10-12T08:29"),
        ("<span class='time'>Thứ ba, 14/01/2022 09:16 SA</span>", "2022-01-14T09:16"),
        ("<p>Tác giả: Tuấn Anh - 14/01/2022 02:30 CH</p>", "2022-01-14T14:30"),
        ("<time datetime='2023-04-04T10:48:00+07:00'>hôm qua</time>", "2023-04-04T10:48"),
        ("<meta itemprop='datePublished' content='2023-04-04'>", "2023-04-04"),
        ("<span>Không có ngày</span>", None),
        ("<span>31/02/2023 10:00</span>", None),  # no such day
    ],
)
def test_published_date_near_the_title(markup: str, expected: str | None):
    body = (
        f"<div class='detail'><h1>Giao ban công tác tổ chức quý I</h1>{markup}"
        f"<div><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div></div>"
    )
    assert extract_html(page(body)).published == expected


@pytest.mark.parametrize(
    "top_bar",
    [
        "<header><div class='today'>Thứ Hai, 20/11/2023</div></header>",
        "<div class='top-bar'><span>Thứ Hai, 20/11/2023</span> <a href='/'>Đăng nhập</a></div>",
        "<div>Thứ Hai, 20/11/2023</div>",
    ],
)
def test_site_top_bar_date_is_not_the_publication_date(top_bar: str):
    body = (
        f"{top_bar}<div class='detail'><h1>Giao ban quý I</h1>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>"
    )
    assert extract_html(page(body)).published is None


def test_meta_date_beats_the_visible_one():
    head = "<meta property='article:published_time' content='2023-04-04T03:48:00Z'>"
    body = f"<h1>Giao ban quý I</h1><span>05/04/2023 09:00</span><p>{PARAGRAPH}</p>"
    assert extract_html(page(body, head=head)).published == "2023-04-04T03:48"


def test_prose_siblings_of_the_body_are_kept():
    body = (
        "<div class='detail'><h1>Giao ban quý I</h1>"
        f"<h2 class='sapo'>{PARAGRAPH}</h2>"
        f"<div class='content'><p>Đoạn một: {PARAGRAPH}</p><p>Đoạn hai: {PARAGRAPH}</p></div></div>"
    )
    assert extract_html(page(body)).text.split("\n") == [
        "Giao ban quý I", PARAGRAPH, f"Đoạn một: {PARAGRAPH}", f"Đoạn hai: {PARAGRAPH}",
    ]


# ---------------------------------------------------------------- failures and safety


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        "<html><head><title>Trang chủ</title></head><body></body></html>".encode(),
        b"<script>document.write('<p>" + PARAGRAPH.encode() + b"</p>')</script>",
        f"<html><body><iframe src='https://example.com/'>{PARAGRAPH}</iframe>".encode(),
    ],
)
def test_no_article_text_is_an_import_failure(data: bytes):
    with pytest.raises(ImportFailure):
        extract_html(data)


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch):
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("extract_html opened a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    body = (
        "<link rel='stylesheet' href='https://example.com/a.css'>"
        "<img src='https://example.com/a.png'><iframe src='https://example.com/'></iframe>"
        "<object data='https://example.com/x.swf'></object>"
        f"<p>{PARAGRAPH}</p>"
    )
    assert extract_html(page(body)).text == PARAGRAPH


@pytest.mark.parametrize("tag", ["div", "b", "table", "p", "li"])
def test_deep_nesting_neither_recurses_nor_loses_text(tag: str):
    # 20,000 levels: far past Python's recursion limit and the parser's depth cap (300).
    for depth in (299, 300, 301, 20_000):
        data = (f"<{tag}>" * depth + f"<p>{PARAGRAPH}</p>" + f"</{tag}>" * depth).encode()
        assert PARAGRAPH in extract_html(data).text


def test_too_many_elements():
    with pytest.raises(ImportFailure) as failure:
        extract_html(page(f"<p>{PARAGRAPH}</p>" + "<i>" * 300_001))
    assert failure.value.reason.startswith("This web page has more than 300,000 HTML elements")


def test_deeply_nested_script_data_is_skipped_unread():
    head = "<script type='application/ld+json'>" + "[" * 100_000 + "</script>"
    assert extract_html(page(f"<p>{PARAGRAPH}</p>", head=head)).text == PARAGRAPH


@pytest.mark.parametrize(
    "chunk",
    ["<!--", '<a b="', "<a", "</", "<!", "<?", "<![CDATA[", "< ", "&#", "<a b='c' ", "<script>"],
)
def test_pathological_markup_is_read_in_one_pass(chunk: str):
    # html.parser (Python 3.11.7) needs minutes on these: each one rescans to the end.
    data = (f"<p>{PARAGRAPH}</p>" + chunk * 60_000).encode()
    try:
        got = extract_html(data)
    except ImportFailure:
        return
    assert PARAGRAPH in got.text


def test_truncated_page_never_raises_anything_else():
    data = fixture("plvn_article.html")
    for end in range(0, len(data), 37):
        try:
            got = extract_html(data[:end])
        except ImportFailure:
            continue
        assert got.text and "\n\n" not in got.text


def test_cut_inside_a_tag_keeps_what_came_before():
    data = fixture("plvn_article.html")
    cut = data.index(b"<p class=\"author\"") + 5
    got = extract_html(data[:cut])
    assert got.text.split("\n")[-1] == "không ai không hoàn thành nhiệm vụ”."


# ---------------------------------------------------------------- properties


def check_shape(got: Extracted) -> None:
    lines = got.text.split("\n")
    assert all(line and line == line.strip() for line in lines)
    if got.title:
        assert lines[0] == got.title


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_raise_only_import_failure(data: bytes):
    try:
        check_shape(extract_html(data))
    except ImportFailure:
        pass


_PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<div class='content'>", "</div>", "<br>", "<script>", "</script>",
        "<!--", "-->", "<h1>", "</h1>", "<title>", "</title>", "<a href='x'>", "</a>", "<",
        ">", "&", "&nbsp;", "&#7879;", "&#x110000;", "<meta property='og:title' content='",
        "'>", '"', "<article>", "</article>", "<nav>", "<pre>", "\n", "<time datetime='",
        "<![if !IE]>", "<?xml ?>", "</br>", "<td>", "<li>", "<style>", "<textarea>",
        "<script type='application/ld+json'>{\"datePublished\": \"2023-01-01\"}</script>",
    ]
)
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, _TEXT, st.just(PARAGRAPH)), max_size=40))
def test_arbitrary_text_in_tags_raises_only_import_failure(pieces: list[str]):
    try:
        got = extract_html("".join(pieces).encode("utf-8", errors="surrogatepass"))
    except ImportFailure:
        return
    check_shape(got)


@settings(max_examples=100)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80).filter(
    lambda s: "<" not in s and "&" not in s
))
def test_paragraph_text_survives_markup(words: str):
    text = " ".join(f"{PARAGRAPH} {words}".split())
    got = extract_html(page(f"<div><p>{PARAGRAPH} {words}</p></div>"))
    assert got.text == text
