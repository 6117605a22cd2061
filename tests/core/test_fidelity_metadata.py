"""Metadata from real corpora (issue 18, item 3): header lines, outlets, credits, guessed
titles, and hidden leftovers left out of the concordance and frequencies."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.analysis.concordance import concordance
from desktop_app.core.analysis.frequencies import word_frequencies
from desktop_app.core.library.articles import get_article, list_articles
from desktop_app.core.library.ingest import import_paths, parse_metadata
from desktop_app.core.library.ingest.boilerplate import HEADER, find_boilerplate
from desktop_app.core.library.ingest.facts import read_facts
from desktop_app.core.library.ingest.metadata import title_span
from desktop_app.core.library.ingest.outlets import DOMAINS, outlet_for_url
from desktop_app.core.storage.database import Database

BODY = ("Sáng 12/3, Ban Tổ chức Trung ương tổ chức hội nghị tổng kết công tác năm. "
        "Các đại biểu thảo luận về công tác cán bộ.\n")

HEADED = (
    "# doc_id = vn-0042\n"
    "# url = https://dantri.com.vn/xa-hoi/hoi-nghi.htm\n"
    "# date = 2023-03-12\n"
    "Hội nghị tổng kết công tác tổ chức xây dựng Đảng\n\n" + BODY
)


def test_header_lines_are_metadata_and_hidden_never_deleted() -> None:
    meta = parse_metadata(HEADED)
    assert dict(meta.header) == {"doc_id": "vn-0042", "url": "https://dantri.com.vn/xa-hoi/hoi-nghi.htm",
                                 "date": "2023-03-12"}
    assert (meta.source, meta.published, meta.title) == (
        "Dân trí", "2023-03-12", "Hội nghị tổng kết công tác tổ chức xây dựng Đảng")
    hidden = [(s, e) for s, e, why in find_boilerplate(HEADED) if why == HEADER]
    assert [HEADED[s:e] for s, e in hidden] == HEADED.split("\n")[:3]


def test_header_words_are_not_counted_or_found(db: Database, tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(HEADED.replace("vn-0042", f"vn-{n}") + f"Bài số {n}.\n",
                                           encoding="utf-8")
    report = import_paths(db, [tmp_path])
    assert len(report.imported) == 3
    doc = get_article(db, report.imported[0][1])
    assert doc is not None and doc.text.startswith("# doc_id = vn-0")  # kept in the text
    facts = read_facts(db, doc.id)
    assert facts.header["doc_id"] == "vn-0"
    words = {w.folded for w in word_frequencies(db).words}
    assert not words & {"doc_id", "doc", "url", "date", "https", "dantri.com.vn"}
    assert "hội nghị" in words or "hội" in words
    assert concordance(db, "doc_id") == [] and concordance(db, "url") == []
    assert len(concordance(db, "hội nghị")) >= 3


@pytest.mark.parametrize(("url", "outlet"), [
    ("https://dantri.com.vn/a.htm", "Dân trí"),
    ("https://vnexpress.net/b-123.html", "VnExpress"),
    ("https://kinhdoanh.vnexpress.net/c.html", "VnExpress"),
    ("http://tuoitre.vn/x.htm", "Tuổi Trẻ"),
    ("https://thanhnien.vn/x.htm", "Thanh Niên"),
    ("https://nld.com.vn/x.htm", "Người Lao Động"),
    ("https://www.vietnamplus.vn/x.vnp", "VietnamPlus"),
    ("https://baochinhphu.vn/x.htm", "Báo Chính phủ"),
    ("https://nhandan.vn/x.html", "Nhân Dân"),
    ("https://giadinh.suckhoedoisong.vn/x.htm", "Gia đình & Xã hội"),
    ("https://suckhoedoisong.vn/x.htm", "Sức khỏe & Đời sống"),
    ("https://znews.vn/x.html", "Znews"),
    ("https://example.vn/x.html", None),
    ("not a url", None),
])
def test_outlet_from_the_web_address(url: str, outlet: str | None) -> None:
    assert outlet_for_url(url) == outlet


def test_the_outlet_table_holds_the_largest_outlets() -> None:
    assert len(set(DOMAINS.values())) >= 30
    for domain in ("plo.vn", "tienphong.vn", "laodong.vn", "vov.vn", "vtv.vn", "kenh14.vn", "cafef.vn",
                   "vietnamnet.vn", "qdnd.vn", "cand.com.vn", "baomoi.com", "24h.com.vn", "soha.vn",
                   "doisongphapluat.com", "baophapluat.vn", "congly.vn", "vneconomy.vn",
                   "thesaigontimes.vn", "sggp.org.vn", "hanoimoi.vn", "baodautu.vn", "zingnews.vn"):
        assert domain in DOMAINS


@pytest.mark.parametrize(("lead", "outlet"), [
    ("(NLĐ) - Sáng nay, hội nghị khai mạc.", "Người Lao Động"),
    ("(NLĐO)- Sáng nay, hội nghị khai mạc.", "Người Lao Động"),
    ("(PLVN) - Sáng nay, hội nghị khai mạc.", "Pháp luật Việt Nam"),
    ("HÀ NỘI (TTXVN) – Sáng nay, hội nghị khai mạc.", "TTXVN"),
    ("TTO - Sáng nay, hội nghị khai mạc.", "Tuổi Trẻ"),
    ("(Chinhphu.vn) - Sáng nay, hội nghị khai mạc.", "Báo Chính phủ"),
])
def test_outlet_from_the_lead(lead: str, outlet: str) -> None:
    text = "Tiêu đề của bài báo về hội nghị\n\nẢnh: Minh họa\n\n" + lead + "\n" + BODY
    assert parse_metadata(text).source == outlet


def test_the_site_is_the_outlet_and_the_agency_it_quotes_a_credit() -> None:
    text = ("Tiêu đề của bài báo về hội nghị\n\n(TTXVN) - " + BODY
            + "\nNguồn: https://dantri.com.vn/xa-hoi/a.htm\n")
    meta = parse_metadata(text)
    assert (meta.source, meta.credit) == ("Dân trí", "TTXVN")


@pytest.mark.parametrize("credit_line", ["Theo Reuters", "(Theo Reuters)", "Theo: Reuters", "Nguồn: Reuters"])
def test_theo_x_is_a_credit_and_the_byline_above_stays_the_author(credit_line: str) -> None:
    text = "Tiêu đề của bài báo quốc tế\n\n" + BODY + "\nMinh Anh\n" + credit_line + "\n\nChia sẻ bài viết\n"
    meta = parse_metadata(text)
    assert (meta.author, meta.credit, meta.source) == ("Minh Anh", "Reuters", None)


def test_a_byline_with_a_credit_in_parentheses() -> None:
    text = "Tiêu đề của bài báo quốc tế\n\n" + BODY + "\nHoàng Long (Theo AFP)\n"
    meta = parse_metadata(text)
    assert (meta.author, meta.credit, meta.source) == ("Hoàng Long", "AFP", None)


@pytest.mark.parametrize("last", [
    "(Còn tiếp)", "Còn tiếp", "Tổng hợp", "(tổng hợp)", "Thực hiện", "PV (tổng hợp)",
    "Theo tổng hợp", "Nguồn: tổng hợp", "(Thực hiện)",
])
def test_sign_off_words_are_never_an_author_source_or_credit(last: str) -> None:
    text = "Tiêu đề của bài báo\n\n" + BODY + "\n" + last + "\n"
    meta = parse_metadata(text)
    assert (meta.author, meta.source, meta.credit) == (None, None, None)


def test_a_results_tables_last_row_is_not_the_author() -> None:
    table = "\n".join(["Bảng xếp hạng", "1", "Hà Nội FC", "30", "18", "2", "Công An Hà Nội", "30", "17",
                       "3", "Hoàng Anh Gia Lai"])
    text = "Kết quả vòng 20 V-League\n\n" + BODY + "\n" + table + "\n"
    assert parse_metadata(text).author is None
    rows = "Kết quả vòng 20 V-League\n\n" + BODY + "\n1. Hà Nội FC 30 18\n2. Công An Hà Nội 30 17\nThể Công Viettel\n"
    assert parse_metadata(rows).author is None
    scores = "Kết quả\n\n" + BODY + "\nHà Nội FC\t3 - 1\tNam Định\nHải Phòng\tThanh Hóa\n"
    assert parse_metadata(scores).author is None


def test_without_a_headline_the_title_is_the_first_sentence_marked_guessed() -> None:
    text = "(TTXVN) - " + BODY
    meta = parse_metadata(text)
    assert meta.title == "Sáng 12/3, Ban Tổ chức Trung ương tổ chức hội nghị tổng kết công tác năm."
    assert meta.title_guessed and title_span(text, meta) is None
    long_line = ("Trong phiên họp sáng nay các đại biểu đã thảo luận rất sôi nổi về dự thảo "
                 "luật sửa đổi bổ sung một số điều của luật tổ chức chính quyền địa phương năm nay "
                 "và nhiều nội dung quan trọng khác.")
    title = parse_metadata(long_line + "\n").title
    assert len(title) <= 121 and title.endswith("…")
    assert long_line.startswith(title[:-1]) and long_line[len(title) - 1] == " "  # cut at a word


def test_import_names_an_untitled_file_by_its_first_sentence(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "20230312_0042.txt"
    path.write_text("Ảnh: TTXVN\n" + BODY, encoding="utf-8")
    [(_p, article_id)] = import_paths(db, [path]).imported
    [summary] = list_articles(db)
    assert summary.title.startswith("Sáng 12/3, Ban Tổ chức Trung ương") and "20230312" not in summary.title
    assert read_facts(db, article_id).title_guessed


def test_import_keeps_the_credit_apart_from_the_author(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Tiêu đề của bài báo quốc tế\n\n" + BODY + "\nMinh Anh\nTheo Reuters\n", encoding="utf-8")
    [(_p, article_id)] = import_paths(db, [path]).imported
    [summary] = list_articles(db)
    assert (summary.author, summary.source) == ("Minh Anh", None)
    assert read_facts(db, article_id).source_credit == "Reuters"


def test_search_leaves_hidden_leftovers_out_until_shown(db: Database, tmp_path: Path) -> None:
    from desktop_app.core.analysis.search import search
    from desktop_app.core.library.articles import set_hidden_spans

    path = tmp_path / "a.txt"
    path.write_text(HEADED.replace("vn-0042", "zqxdocid") + "Chia sẻ bài viết\n", encoding="utf-8")
    [(_p, article_id)] = import_paths(db, [path]).imported
    assert search(db, "zqxdocid") == [] and search(db, "chia se bai viet") == []
    assert [h.article_id for h in search(db, "hội nghị tổng kết")] == [article_id]
    set_hidden_spans(db, article_id, [])  # the user shows every hidden line again
    assert [h.article_id for h in search(db, "zqxdocid")] == [article_id]
    assert [h.article_id for h in search(db, "chia se bai viet")] == [article_id]


def test_web_leftovers_are_left_out_of_search_frequencies_and_concordance(db: Database, tmp_path: Path) -> None:
    """Not only `# key = value` headers: share buttons and view counters too, whether the
    article is segmented or counted by syllables; shown again, they count again."""
    from desktop_app.core.analysis.search import search
    from desktop_app.core.library.articles import set_hidden_spans
    from desktop_app.core.nlp.segmentation import segment_text
    from desktop_app.core.nlp.stored import save_segmentation

    path = tmp_path / "a.txt"
    path.write_text("Hội nghị tổng kết công tác\n\n" + BODY + "Chia sẻ bài viết\nLượt xem: 1.420\n",
                    encoding="utf-8")
    [(_p, article_id)] = import_paths(db, [path]).imported
    text = get_article(db, article_id).text

    def seen() -> tuple[bool, bool, bool]:
        words = {w.folded for w in word_frequencies(db).words}
        return (bool(search(db, "chia se")), bool(concordance(db, "lượt xem")),
                bool(words & {"chia", "sẻ", "chia sẻ", "lượt", "xem", "lượt xem"}))

    assert seen() == (False, False, False)
    save_segmentation(db, article_id, text, segment_text(text))  # segmented: the same
    assert seen() == (False, False, False)
    assert concordance(db, "cán bộ") and search(db, "can bo")  # the article itself is there
    set_hidden_spans(db, article_id, [])
    assert seen() == (True, True, True)
