"""Issue 14, 8: a search passage is about PASSAGE_CHARS (README: "about 200 characters"),
even when the query's words are far apart in the article."""

from __future__ import annotations

from desktop_app.core.analysis.search import PASSAGE_CHARS, search
from tests.core.test_annotations import add_article

FILLER = "Nội dung bài viết về công tác xây dựng Đảng ở cơ sở. " * 60  # ~3,200 characters


def test_words_far_apart_give_a_short_passage_starting_at_the_first(db):
    text = "Mở đầu. Hội nghị cán bộ toàn quốc. " + FILLER + "Cuối bài có chữ kiện toàn. " + FILLER
    article = add_article(db, text, "Bài dài")
    hits = search(db, "hội nghị kiện toàn")
    assert [h.article_id for h in hits] == [article]
    hit = hits[0]
    assert len(hit.passage) <= PASSAGE_CHARS + 2  # the "…" at each cut
    assert hit.offset == text.index("Hội nghị")
    marked = [hit.passage[s:e] for s, e in hit.marks]
    assert marked[:2] == ["Hội", "nghị"]  # what fits is marked; "kiện toàn" is 3,000 characters on


def test_every_passage_of_the_seeds_is_short(db, seed_files):
    from desktop_app.core.library.ingest import import_paths

    import_paths(db, seed_files)
    lengths = [len(h.passage) for q in ("tổ chức xem", "kiện toàn bài", "đổi mới TTXVN", "Đảng Lượt", "cán bộ")
               for h in search(db, q)]
    assert lengths and max(lengths) <= PASSAGE_CHARS + 2
