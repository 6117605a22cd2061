"""The codebook operations, and that each can be taken back exactly."""

from __future__ import annotations

import pytest

from desktop_app.core.annotate import codebook as tag_admin
from desktop_app.core.annotate.highlights import AnnotationError, AnnotationService
from tests.core.test_annotations import add_article

TEXT = "Ban Tổ chức Trung ương họp bàn về công tác cán bộ và đào tạo cán bộ trẻ."


@pytest.fixture
def coded(db):
    service = AnnotationService(db)
    a = add_article(db, TEXT)
    h1 = service.create_highlight(a, 0, 3, ["Cán bộ", "Cơ quan"])
    h2 = service.create_highlight(a, 4, 11, ["Cán bộ/Đào tạo"])
    h3 = service.create_highlight(a, 12, 26, ["Cơ quan"])
    return service, {t.name: t.id for t in service.list_tags()}, (h1, h2, h3)


def run(db, change, *args):
    """A codebook change in a transaction of its own."""
    with db.session() as s:
        return change(s, *args)


def state(service):
    tags = sorted((t.id, t.name, t.color, t.description, t.count) for t in service.list_tags())
    links = sorted((h.id, tuple(h.tag_names)) for h in service.highlights_for_article(1))
    return tags, links


def test_rename_carries_nested_tags_and_undoes(db, coded):
    service, ids, _ = coded
    before = state(service)
    renames = run(db, tag_admin.rename_in, ids["Cán bộ"], "  Nhân   sự ")
    assert {t.name for t in service.list_tags()} == {"Nhân sự", "Nhân sự/Đào tạo", "Cơ quan"}
    assert len(renames) == 2
    run(db, tag_admin.apply_renames, tag_admin.reversed_renames(renames))
    assert state(service) == before
    with pytest.raises(AnnotationError, match="already exists.*merge"):
        run(db, tag_admin.rename_in, ids["Cán bộ"], "Cơ quan")
    assert state(service) == before


def test_move_under_another_tag_and_never_under_itself(db, coded):
    service, ids, _ = coded
    renames = run(db, tag_admin.move_in, ids["Cán bộ/Đào tạo"], "Cơ quan")
    assert "Cơ quan/Đào tạo" in {t.name for t in service.list_tags()}
    run(db, tag_admin.apply_renames, tag_admin.reversed_renames(renames))
    with pytest.raises(AnnotationError, match="under itself"):
        run(db, tag_admin.move_in, ids["Cán bộ"], "Cán bộ/Đào tạo")


def test_delete_keeps_highlights_and_restore_puts_everything_back(db, coded):
    service, ids, (h1, h2, h3) = coded
    before = state(service)
    assert tag_admin.usage(db, ids["Cơ quan"]) == tag_admin.Usage(2, 1, 0)
    assert tag_admin.usage(db, ids["Cán bộ"], nested=True) == tag_admin.Usage(2, 1, 1)
    snap = run(db, tag_admin.delete_in, ids["Cơ quan"])
    tags, links = state(service)
    assert "Cơ quan" not in [t[1] for t in tags]
    assert dict(links) == {h1.id: ("Cán bộ",), h2.id: ("Cán bộ/Đào tạo",), h3.id: ()}
    run(db, tag_admin.restore_in, snap)
    assert state(service) == before


def test_merge_keeps_other_tags_and_unmerge_restores_exactly(db, coded):
    service, ids, (h1, h2, h3) = coded
    before = state(service)
    undo = run(db, tag_admin.merge_in, ids["Cơ quan"], ids["Cán bộ"])
    assert undo.added == (h3.id,)  # h1 had both already
    tags, links = state(service)
    assert dict(links) == {h1.id: ("Cán bộ",), h2.id: ("Cán bộ/Đào tạo",), h3.id: ("Cán bộ",)}
    run(db, tag_admin.unmerge_in, undo)
    assert state(service) == before


def test_description_round_trip(db, coded):
    service, ids, _ = coded
    old = run(db, tag_admin.describe_in, ids["Cơ quan"], "Cơ quan nhà nước và tổ chức Đảng.")
    assert old == ""
    assert next(t for t in service.list_tags() if t.name == "Cơ quan").description.startswith("Cơ quan nhà")
