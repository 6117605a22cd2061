"""A small hand-made library for the analysis tests: articles with metadata, and helpers
to place highlights on given words, so that every expected count can be worked out by hand."""

from __future__ import annotations

import hashlib

from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.models import Article
from desktop_app.core.text.spans import TextSpan


def add_article(db: Database, text: str, title: str, source: str | None = None,
                published: str | None = None, author: str | None = None, url: str | None = None) -> int:
    with db.session() as s:
        a = Article(title=title, text=text, original_text=text, source=source, published=published,
                    author=author, url=url, content_hash=hashlib.sha256(text.encode()).hexdigest())
        s.add(a)
        s.flush()
        return a.id


def mark(ops: Operations, article_id: int, text: str, words: str, tags: list[str], note: str = "",
         nth: int = 0) -> int:
    """Highlight the nth occurrence of `words` in the article; returns the highlight id."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return ops.create_highlight(article_id, TextSpan(start, start + len(words)), tags, note).value.id


# Three articles. Sentences end with ". "; paragraphs are lines.
TEXT_A = ("Cán bộ trẻ được đào tạo bài bản. Ban Tổ chức họp bàn về nhân sự.\n"
          "Đoạn hai nói về kỷ luật đảng viên. Cán bộ vi phạm bị xử lý.")
TEXT_B = ("Đại hội bầu Ban Chấp hành mới. Công tác cán bộ được chú trọng.\n"
          "Đào tạo cán bộ là nhiệm vụ then chốt.")
TEXT_C = "Tin ngắn: hội nghị tổng kết công tác tổ chức xây dựng Đảng năm 2022."


def sample_library(db: Database) -> tuple[Operations, dict[str, int], dict[str, int]]:
    """(operations, article ids by letter, highlight ids by label).

    A: h1 "Cán bộ trẻ" [Cán bộ/Đào tạo], h2 "đào tạo bài bản" [Đào tạo chung] (same
       sentence as h1), h3 "Cán bộ trẻ được đào tạo" [Nhân sự] overlapping h1 and h2,
       h4 "kỷ luật đảng viên" [Kỷ luật] (paragraph 2), h5 "Cán bộ vi phạm" [Cán bộ, Kỷ luật]
    B: h6 "Công tác cán bộ" [Cán bộ], h7 "Đào tạo cán bộ" [Cán bộ/Đào tạo, Nhân sự]
       (paragraph 2 of B)
    C: no highlight.
    """
    ops = Operations(db)
    a = add_article(db, TEXT_A, "Bài A", "PLVN", "2023-04-04T10:48", "Tuấn Anh", "https://www.plo.vn/a")
    b = add_article(db, TEXT_B, "Bài B", "TTXVN", "2022-11-23", None, "https://baotintuc.vn/b")
    c = add_article(db, TEXT_C, "Bài C", "PLVN", None, "Trường Sơn", None)
    h = {
        "h1": mark(ops, a, TEXT_A, "Cán bộ trẻ", ["Cán bộ/Đào tạo"], "ghi chú một"),
        "h2": mark(ops, a, TEXT_A, "đào tạo bài bản", ["Đào tạo chung"]),
        "h3": mark(ops, a, TEXT_A, "Cán bộ trẻ được đào tạo", ["Nhân sự"]),
        "h4": mark(ops, a, TEXT_A, "kỷ luật đảng viên", ["Kỷ luật"]),
        "h5": mark(ops, a, TEXT_A, "Cán bộ vi phạm", ["Cán bộ", "Kỷ luật"]),
        "h6": mark(ops, b, TEXT_B, "Công tác cán bộ", ["Cán bộ"]),
        "h7": mark(ops, b, TEXT_B, "Đào tạo cán bộ", ["Cán bộ/Đào tạo", "Nhân sự"]),
    }
    ops.history.clear()
    return ops, {"A": a, "B": b, "C": c}, h


def coded_library(db: Database) -> tuple[Operations, dict[str, int]]:
    """The sample library with a user attribute of each type and whole-article codes."""
    ops, art, _h = sample_library(db)
    ops.define_attribute("Thể loại", "choice", ["Tin", "Bình luận", "Phỏng vấn"])
    ops.set_attribute_values("Thể loại", [art["A"], art["C"]], "Tin")
    ops.set_attribute_values("Thể loại", [art["B"]], "Bình luận")
    ops.set_attribute_values("Số trang", [art["A"]], "3", kind="number")
    ops.set_attribute_values("Điểm", [art["A"]], "2,5", kind="number")
    ops.set_attribute_values("Điểm", [art["B"]], "4", kind="number")
    ops.set_attribute_values("Ngày in", [art["A"]], "2023-04-05", kind="date")
    ops.set_attribute_values("Ngày in", [art["B"]], "2022-11", kind="date")
    ops.set_attribute_values("Ngày in", [art["C"]], "2022-01-02T08:30", kind="date")
    ops.set_attribute_values("Ghi chú biên tập", [art["B"]], "=cần kiểm tra", kind="text")
    ops.code_articles([art["A"], art["B"]], add=["Thể loại/Tin"])
    ops.code_articles([art["B"]], add=["Lập trường/Ủng hộ"])
    ops.history.clear()
    return ops, art
