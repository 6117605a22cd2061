"""A small library for the analysis screenshots: the five sample articles, highlights on
recurring phrases under a nested codebook, two attributes of the user's own, whole-article
codes and memos. Shared by docs/analysis_screenshots.py; plain core calls, no Qt."""

from __future__ import annotations

import re

from desktop_app.core.library.articles import get_article, list_articles
from desktop_app.core.library.memos import set_memo
from desktop_app.core.operations.editor import Operations
from desktop_app.core.storage.database import Database
from desktop_app.core.text.spans import TextSpan

# phrase (a regular expression, case ignored) -> tags; at most `limit` hits per article
CODES = [
    (r"công tác cán bộ", ["Cán bộ"]),
    (r"đào tạo, bồi dưỡng|đào tạo|bồi dưỡng", ["Cán bộ/Đào tạo"]),
    (r"quy hoạch", ["Cán bộ/Quy hoạch"]),
    (r"luân chuyển|bổ nhiệm", ["Cán bộ/Bố trí"]),
    (r"tổ chức xây dựng Đảng", ["Xây dựng Đảng"]),
    (r"kỷ luật|kiểm tra, giám sát|tham nhũng|tiêu cực", ["Kỷ luật"]),
    (r"Trương Thị Mai|Nguyễn Phú Trọng|Mai Văn Chính|Tô Huy Rứa", ["Lãnh đạo"]),
    (r"nhấn mạnh|yêu cầu", ["Nhấn mạnh"]),
    (r"đổi mới|sáng tạo|đột phá", ["Đổi mới"]),
    (r"chất lượng", ["Chất lượng"]),
]
DESCRIPTIONS = {
    "Cán bộ": "Công tác cán bộ nói chung: tuyển chọn, đánh giá, sử dụng.",
    "Cán bộ/Đào tạo": "Đào tạo, bồi dưỡng cán bộ.",
    "Kỷ luật": "Kỷ luật, kiểm tra, giám sát, phòng chống tham nhũng.",
    "Nhấn mạnh": "Lời nhấn mạnh, yêu cầu của lãnh đạo.",
}
TONE = ["Tích cực", "Trung tính", "Phê phán"]
GENRE = {"PLVN": "Thể loại/Tường thuật", "TTXVN": "Thể loại/Tường thuật"}


def build(db: Database, limit: int = 6) -> Operations:
    ops = Operations(db)
    articles = list_articles(db)
    for n, summary in enumerate(articles):
        text = get_article(db, summary.id).text
        for pattern, tags in CODES:
            for m in list(re.finditer(pattern, text, re.IGNORECASE))[:limit]:
                ops.create_highlight(summary.id, TextSpan(m.start(), m.end()), tags,
                                     "Đoạn then chốt của bài." if n == 1 and "Nhấn mạnh" in tags else "")
        # A longer passage per article, overlapping the phrases inside it: its first paragraph
        # of substance.
        para = max(text.split("\n")[:12], key=len)
        start = text.index(para)
        ops.create_highlight(summary.id, TextSpan(start, start + min(len(para), 260)), ["Bối cảnh"])
    ids = [a.id for a in articles]
    ops.define_attribute("Giọng điệu", "choice", TONE)
    for i, article_id in enumerate(ids):
        ops.set_attribute_values("Giọng điệu", [article_id], TONE[i % 2])
        ops.set_attribute_values("Số trang", [article_id], str(1 + i * 2), "number")
    for a in articles:
        ops.code_articles([a.id], add=[GENRE.get(a.source or "", "Thể loại/Tin")])
    for name, description in DESCRIPTIONS.items():
        tag = next(t for t in ops.service.list_tags() if t.name == name)
        ops.describe_tag(tag.id, description)
    set_memo(db, ids[0], "Bài sơ kết 6 tháng: giọng điệu khẳng định, nhiều số liệu.")
    set_memo(db, ids[1], "So sánh với bài của Nhân Dân cùng ngày; chú ý cách nói “then chốt của then chốt”.")
    ops.history.clear()
    return ops
