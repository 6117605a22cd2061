"""Optimistic concurrency on a real PostgreSQL server (schema v14): two clients are two
coders; an edit on a version another coder changed since is refused with theirs; a writer
that commits between another's read and write makes that write a conflict too (the ORM's
`WHERE row_version = :read`); two threads racing the same edit: exactly one wins."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from desktop_app.core.annotate import edits
from desktop_app.core.annotate.row_versions import ConflictError
from desktop_app.core.library.coders import use_coder
from desktop_app.core.library.memos import memo_with_version
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import StepFailed
from desktop_app.core.storage.server import ServerDatabase
from desktop_app.core.text.spans import TextSpan
from tests.core.test_annotations import add_article

TEXT = "Ban Tổ chức Trung ương họp bàn về công tác cán bộ và đào tạo cán bộ trẻ ở Hà Nội."


def span(word: str) -> TextSpan:
    start = TEXT.index(word)
    return TextSpan(start, start + len(word))


@pytest.fixture
def clients(postgres_database_url: str) -> Iterator[tuple[ServerDatabase, ServerDatabase]]:
    lan = ServerDatabase.open_url(postgres_database_url)
    minh = ServerDatabase.open_url(postgres_database_url)
    use_coder(lan, "Lan")
    use_coder(minh, "Minh")
    try:
        yield lan, minh
    finally:
        lan.close()
        minh.close()


def test_interleaved_edits_on_two_clients(clients) -> None:
    lan_db, minh_db = clients
    lan, minh = Operations(lan_db), Operations(minh_db)
    article = add_article(lan_db, TEXT)
    h = lan.create_highlight(article, span("cán bộ"), ["Cán bộ"]).value
    tag = lan.create_tag("Đảng", "#aabbcc").value
    lan.set_note(h.id, "Lan", seen=h.row_version)
    lan.recolour_tag(tag.id, "#112233", seen=tag.row_version)
    lan.set_memo(article, "Lan nghĩ", seen=0)
    with pytest.raises(ConflictError) as note:
        minh.set_note(h.id, "Minh", seen=h.row_version)
    assert note.value.theirs["note"] == "Lan" and note.value.version == 2
    with pytest.raises(ConflictError) as colour:
        minh.rename_tag(tag.id, "Đảng viên", seen=tag.row_version)
    assert colour.value.theirs["color"] == "#112233"
    with pytest.raises(ConflictError) as memo:
        minh.set_memo(article, "Minh nghĩ", seen=0)
    assert memo.value.who == "Lan" and memo.value.theirs == {"text": "Lan nghĩ"}
    assert minh.service.get_highlight(h.id).note == "Lan"
    # Use mine, knowingly. Lan's undo of what nobody changed since works; of the note, not.
    minh.set_note(h.id, "Minh", seen=note.value.version)
    lan.history.undo()  # the memo
    lan.history.undo()  # the colour
    assert memo_with_version(minh_db, article) == ("", 0)
    assert [t.color for t in minh.service.list_tags() if t.id == tag.id] == ["#aabbcc"]
    with pytest.raises(StepFailed):
        lan.history.undo()  # the note: Minh's since
    assert minh.service.get_highlight(h.id).note == "Minh"
    minh.history.undo()
    assert lan.service.get_highlight(h.id).note == "Lan"


def test_a_write_between_anothers_read_and_write_is_a_conflict(clients) -> None:
    lan_db, minh_db = clients
    article = add_article(lan_db, TEXT)
    h = Operations(lan_db).create_highlight(article, span("cán bộ"), []).value
    with lan_db.session() as s:
        mine = edits.checked(s, h.id, seen=1)  # Lan read version 1 ...
        Operations(minh_db).set_note(h.id, "Minh", seen=1)  # ... Minh commits version 2 ...
        mine.note = "Lan"
        with pytest.raises(ConflictError) as caught:
            edits.flush_versioned(s, h.id)  # ... Lan's UPDATE ... WHERE row_version = 1: no row
    assert caught.value.theirs["note"] == "Minh" and caught.value.version == 2
    assert Operations(lan_db).service.get_highlight(h.id).note == "Minh"


def race(dbs: tuple[ServerDatabase, ...], highlight_id: int, seen: int, label: str) -> dict[str, str]:
    """Each client saves its note on version `seen` at once; what became of each."""
    start = threading.Barrier(len(dbs))
    outcome: dict[str, str] = {}

    def edit(db: ServerDatabase, name: str) -> None:
        ops = Operations(db)
        start.wait()
        try:
            ops.set_note(highlight_id, f"{name} {label}", seen=seen)
            outcome[name] = "won"
        except ConflictError:
            outcome[name] = "refused"

    threads = [threading.Thread(target=edit, args=(db, f"coder {n}")) for n, db in enumerate(dbs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcome


def test_two_threads_racing_the_same_edit_one_wins(clients) -> None:
    lan_db, minh_db = clients
    article = add_article(lan_db, TEXT)
    h = Operations(lan_db).create_highlight(article, span("cán bộ"), []).value
    for round_ in range(5):
        seen = Operations(lan_db).service.get_highlight(h.id).row_version
        outcome = race((lan_db, minh_db), h.id, seen, str(round_))
        assert sorted(outcome.values()) == ["refused", "won"], outcome
        winner = next(name for name, result in outcome.items() if result == "won")
        after = Operations(minh_db).service.get_highlight(h.id)
        assert after.note == f"{winner} {round_}" and after.row_version == seen + 1
