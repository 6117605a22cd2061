"""Live updates on a server library (issue 17 point 3): every operation's transaction logs its
Changes in change_log; another client's ServerWatch reports them as Changes(origin="remote"),
its own client's never; rows committed out of id order are not missed; and three processes
(two coders writing, one reading) see every acknowledged change once."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.server_watch import ServerWatch
from desktop_app.core.operations.server_writes import changes_from_json, changes_to_json
from desktop_app.core.storage.change_log import log_in
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.location import open_library
from desktop_app.core.storage.models import Article, Highlight
from desktop_app.core.text.spans import TextSpan

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Hà Nội mùa thu, cây cơm nguội vàng, cây bàng lá đỏ, nằm kề bên nhau. " * 4


def add_article(db: Database, body: str = TEXT) -> int:
    with db.session() as s:
        a = Article(title="Bài", text=body, original_text=body, content_hash=uuid.uuid4().hex.ljust(64, "0"))
        s.add(a)
        s.flush()
        return int(a.id)


@pytest.fixture
def pair(postgres_database_url: str):
    a, b = open_library(postgres_database_url), open_library(postgres_database_url)
    try:
        yield a, b
    finally:
        a.close()
        b.close()


def log_count(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(text("SELECT count(*) FROM change_log")).scalar_one())


def test_changes_round_trip_through_json() -> None:
    from desktop_app.core.operations.changes import Changes

    c = Changes(highlights_created=frozenset({3, 1}), articles=frozenset({2}), codebook=True)
    back = changes_from_json(changes_to_json(c))
    assert back == c.as_origin("remote")
    assert changes_to_json(c) == {"highlights_created": [1, 3], "articles": [2], "codebook": True}
    # a newer client's field: reload everything rather than miss it
    assert changes_from_json({"something_new": [1]}).reloaded


def test_another_client_sees_each_operation_and_its_own_does_not(pair) -> None:
    a, b = pair
    article = add_article(a)
    watch_a, watch_b = ServerWatch(a), ServerWatch(b)
    assert watch_a.start() and watch_b.start()
    ops = Operations(a)

    made = ops.create_highlight(article, TextSpan(0, 6), ["Mùa"]).value
    seen = watch_b.wait(2)
    assert seen.origin == "remote" and seen.highlights_created == {made.id}
    assert seen.articles == {article} and seen.codebook  # a new tag too

    ops.set_note(made.id, "ghi chú")
    assert watch_b.wait(2).highlights_updated == {made.id}
    ops.set_memo(article, "memo")
    assert watch_b.wait(2).memos == {article}
    tag_id = ops.service.list_tags()[0].id
    ops.rename_tag(tag_id, "Thu")
    assert watch_b.wait(2).codebook
    ops.history.undo()  # the rename, undone: logged too
    assert watch_b.wait(2).codebook
    ops.delete_highlights([made.id])
    assert watch_b.wait(2).highlights_deleted == {made.id}
    ops.history.undo()
    assert watch_b.wait(2).highlights_created == {made.id}

    assert not watch_a.poll()  # its own operations do not come back to it
    assert not watch_b.poll()  # nothing twice
    assert log_count(a) == 7
    # B writes: A sees it
    Operations(b).create_highlight(article, TextSpan(10, 14), ["Mùa"])
    assert watch_a.wait(2).highlights_created
    watch_a.close()
    watch_b.close()


def test_reads_and_unchanged_values_log_nothing(pair) -> None:
    a, _b = pair
    article = add_article(a)
    ops = Operations(a)
    made = ops.create_highlight(article, TextSpan(0, 6), ["Mùa"]).value
    before = log_count(a)
    ops.set_tags(made.id, ["Mùa"])  # the same tags: nothing written
    ops.set_memo(article, "")  # no memo before, none after
    ops._in_one_transaction(lambda s: s.execute(text("SELECT count(*) FROM highlights")).scalar())
    assert log_count(a) == before
    # a write whose caller says nothing of what it changed: every view reloads
    ops._in_one_transaction(lambda s: s.execute(text("UPDATE articles SET title = 'x'")))
    with a.session() as s:
        logged = s.execute(text("SELECT changes FROM change_log ORDER BY id DESC LIMIT 1")).scalar_one()
    assert log_count(a) == before + 1 and logged == {"codebook": True, "reloaded": True}


def test_rows_committed_out_of_id_order_are_not_missed(pair) -> None:
    a, b = pair
    watch = ServerWatch(b)
    assert watch.start()
    early = a._sessions()  # takes the lower log id, commits last
    early.begin()
    log_in(early, uuid.uuid4(), "other", 1, {"memos": [1]})
    with a.session() as s:
        log_in(s, uuid.uuid4(), "other", 1, {"memos": [2]})
    assert watch.poll().memos == {2}
    assert not watch.poll()  # the gap is waited for, nothing is reported twice
    early.commit()
    early.close()
    assert watch.wait(2).memos == {1}
    rolled = a._sessions()  # a gap that never fills: passed once its transaction ended
    rolled.begin()
    log_in(rolled, uuid.uuid4(), "other", 1, {"memos": [3]})
    rolled.rollback()
    rolled.close()
    with a.session() as s:
        log_in(s, uuid.uuid4(), "other", 1, {"memos": [4]})
    assert watch.wait(2).memos == {4}
    watch.poll()
    assert not watch._gaps and watch.last == log_count(a) + 1  # the rolled-back id passed
    watch.close()


def test_a_lower_id_whose_xid_is_newer_than_the_last_completed_is_waited_for(pair) -> None:
    """The case a snapshot's xmin/xmax alone gets wrong: F takes its xid, then E takes a
    newer xid and the lower log id, F logs and commits. A snapshot then ignores E (its xid
    is above the last completed one), yet E's row is still to come."""
    a, b = pair
    watch = ServerWatch(b)
    assert watch.start()
    f = a._sessions()
    f.begin()
    f.execute(text("SELECT pg_current_xact_id()"))  # F's xid first
    e = a._sessions()
    e.begin()
    log_in(e, uuid.uuid4(), "other", 1, {"memos": [1]})  # E: a newer xid, the lower id
    log_in(f, uuid.uuid4(), "other", 1, {"memos": [2]})
    f.commit()
    f.close()
    assert watch.poll().memos == {2}
    assert not watch.poll() and not watch.poll()  # E's id is waited for, not passed
    e.commit()
    e.close()
    assert watch.wait(2).memos == {1}
    watch.close()


def test_a_library_without_a_log_yet_is_watched_from_its_first_row(postgres_database_url: str) -> None:
    """A read-only client on a library no writing client has opened since it was published
    (no change_log yet): not "connection lost", and the first rows logged are reported."""
    writer = open_library(postgres_database_url)
    try:
        with writer.session() as s:
            s.execute(text("DROP TABLE change_log"))  # as publish leaves a library
        reader = open_library(postgres_database_url, read_only=True)
        watch = ServerWatch(reader)
        try:
            assert watch.start() and watch.connected
            assert not watch.poll() and watch.connected
            again = open_library(postgres_database_url)  # a writing client: the log is made
            try:
                article = add_article(again)
                Operations(again).set_memo(article, "memo")
            finally:
                again.close()
            assert watch.wait(2).memos == {article}
        finally:
            watch.close()
            reader.close()
    finally:
        writer.close()


def _client(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "tests.postgres.live_clients", *args], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_three_processes_two_writing_one_reading(postgres_database_url: str) -> None:
    """Every acknowledged highlight is seen by the reader exactly once, none is lost, and the
    library holds each once."""
    db = open_library(postgres_database_url)
    try:
        article = add_article(db)
        per_writer = 40
        reader = _client("reader", postgres_database_url, str(2 * per_writer), "60")
        assert reader.stdout is not None
        assert reader.stdout.readline().strip() == "ready", reader.stderr.read() if reader.stderr else ""
        writers = [_client("writer", postgres_database_url, name, str(article), str(per_writer))
                   for name in ("lan", "minh")]
        acked: list[int] = []
        for w in writers:
            out, err = w.communicate(timeout=120)
            assert w.returncode == 0, err
            acked += [int(line.split()[1]) for line in out.splitlines() if line.startswith("ack ")]
        out, err = reader.communicate(timeout=120)
        assert reader.returncode == 0, err
        seen = [int(line.split()[1]) for line in out.splitlines() if line.startswith("seen ")]
        assert len(acked) == 2 * per_writer == len(set(acked))
        assert Counter(seen) == Counter(acked)  # all of them, each once
        with db.session() as s:
            stored = list(s.scalars(select(Highlight.id).where(Highlight.article_id == article)))
            coders = s.scalar(select(func.count(func.distinct(Highlight.coder_id))))
        assert sorted(stored) == sorted(acked) and coders == 2
        assert log_count(db) == 2 * per_writer
    finally:
        db.close()


def test_imports_and_new_coders_reach_the_other_clients(pair, tmp_path: Path) -> None:
    """Writes that commit in transactions of their own (an import of files, a coder added by
    switching to a new name) are logged afterwards: another client sees them; the importing
    client does not get them back."""
    from desktop_app.core.library.coders import list_coders
    from desktop_app.core.operations.server_writes import import_files, use_coder_logged

    a, b = pair
    watch_a, watch_b = ServerWatch(a), ServerWatch(b)
    assert watch_a.start() and watch_b.start()
    files = []
    for n in range(3):
        path = tmp_path / f"bai{n}.txt"
        path.write_text(f"Bài số {n}\n\n{TEXT}{n}", encoding="utf-8")
        files.append(path)
    report = import_files(a, files)
    assert len(report.imported) == 3
    seen = watch_b.wait(2)
    assert seen.origin == "remote" and seen.articles_added == {aid for _p, aid in report.imported}
    assert not watch_a.poll()

    use_coder_logged(a, "Ngọc Anh")
    assert watch_b.wait(2).coders
    assert "Ngọc Anh" in [c.name for c in list_coders(b)]
    use_coder_logged(a, "Ngọc Anh")  # a coder already there: nothing to tell
    assert not watch_b.poll()
    watch_a.close()
    watch_b.close()
