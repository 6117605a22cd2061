"""Connection faults on a server library (issue 17 point 5), made for real: a relay that cuts
connections (fault_proxy.py), pg_terminate_backend from another connection, a deadlock
between two clients, and the test server stopped and started again.

What must hold: an operation whose commit was cut before the server got it runs again and
is applied once; one whose acknowledgement was lost is found by its op_id and not applied
again; a server gone for good refuses the edit in words (kind UNREACHABLE), nothing half
applied; the watch says it lost the server, reconnects and catches up."""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import event, func, select, text

from desktop_app.core.operations.changes import Changes
from desktop_app.core.operations.editor import Operations
from desktop_app.core.operations.history import StepFailed
from desktop_app.core.operations.server_watch import ServerWatch
from desktop_app.core.storage.database import Database
from desktop_app.core.storage.errors import UNREACHABLE, DatabaseError, server_error_kind
from desktop_app.core.storage.location import open_library
from desktop_app.core.storage.models import Article, Highlight
from desktop_app.core.text.spans import TextSpan
from tests.postgres.fault_proxy import FaultProxy
from tests.postgres_server import PostgresServer, start_server

BODY = "Sáng nay trời Hà Nội se lạnh, phố phường đông đúc người qua lại. " * 3


def add_article(db: Database) -> int:
    with db.session() as s:
        a = Article(title="Bài", text=BODY, original_text=BODY, content_hash=uuid.uuid4().hex.ljust(64, "0"))
        s.add(a)
        s.flush()
        return int(a.id)


def counts(db: Database) -> tuple[int, list[int]]:
    """(highlights, the attempts logged per operation)"""
    with db.session() as s:
        n = int(s.scalar(select(func.count()).select_from(Highlight)) or 0)
        attempts = [int(a) for a in s.execute(text("SELECT attempt FROM change_log ORDER BY id")).scalars()]
    return n, attempts


@pytest.fixture
def watches() -> Iterator[list[ServerWatch]]:
    """Watches a test made: closed at its end, whatever happened."""
    made: list[ServerWatch] = []
    yield made
    for watch in made:
        watch.close()


@pytest.fixture
def relay(postgres_server: PostgresServer, postgres_database_url: str) -> Iterator[tuple[FaultProxy, str]]:
    proxy = FaultProxy(postgres_server.port)
    try:
        yield proxy, proxy.url(postgres_database_url)
    finally:
        proxy.close()


@pytest.mark.parametrize("before", [True, False], ids=["commit-never-arrived", "answer-lost"])
def test_a_cut_commit_is_applied_exactly_once(relay: tuple[FaultProxy, str], before: bool) -> None:
    proxy, url = relay
    db = open_library(url)
    try:
        article = add_article(db)
        ops = Operations(db)
        proxy.cut_at_commit(before=before)
        made = ops.create_highlight(article, TextSpan(0, 4), ["Trời"])
        assert proxy.faults == 1
        n, attempts = counts(db)
        assert n == 1  # applied once, whichever way the cut fell
        # cut before delivery: the second run is the one committed; answer lost: the first,
        # found by its op_id (the second never ran)
        assert attempts == ([1] if before else [0])
        with db.session() as s:
            assert s.get(Highlight, made.value.id) is not None
        assert made.changes.highlights_created == {made.value.id}
        ops.history.undo()  # the step recorded is the one applied
        assert counts(db)[0] == 0
    finally:
        db.close()


def test_server_gone_refuses_the_edit_in_words_then_resumes(relay: tuple[FaultProxy, str],
                                                            postgres_database_url: str,
                                                            watches: list[ServerWatch]) -> None:
    proxy, url = relay
    db = open_library(url)
    other = open_library(postgres_database_url)  # another coder, straight to the server
    try:
        article = add_article(db)
        ops = Operations(db)
        ops.create_highlight(article, TextSpan(0, 4), ["Trời"])
        watch = ServerWatch(db)
        watches.append(watch)
        assert watch.start() and watch.connected
        proxy.down()
        with pytest.raises(DatabaseError) as caught:
            ops.create_highlight(article, TextSpan(5, 8), ["Phố"])
        assert caught.value.kind == UNREACHABLE
        assert caught.value.message.code == "db.server_lost"  # not saved, said plainly
        assert "Traceback" not in str(caught.value)
        assert not watch.poll() and not watch.connected and watch.lost_reason
        made = Operations(other).create_highlight(article, TextSpan(10, 14), ["Hà Nội"]).value
        proxy.up()
        watch.retry_now()  # do not wait out the pause between tries in a test
        caught_up = watch.poll()
        assert watch.connected and watch.reconnected
        assert caught_up.highlights_created == {made.id}  # what happened meanwhile, caught up
        again = ops.create_highlight(article, TextSpan(5, 8), ["Phố"])  # the edit works again
        assert again.value.id not in (made.id,)
        assert counts(other)[0] == 3
    finally:
        db.close()
        other.close()


def test_an_undo_while_the_server_is_gone_keeps_its_step(relay: tuple[FaultProxy, str]) -> None:
    proxy, url = relay
    db = open_library(url)
    try:
        article = add_article(db)
        ops = Operations(db)
        ops.create_highlight(article, TextSpan(0, 4), ["Trời"])
        proxy.down()
        with pytest.raises(StepFailed) as caught:
            ops.history.undo()
        assert caught.value.kept and "not saved" in caught.value.reason
        assert ops.history.can_undo  # still there: the server will be back
        proxy.up()
        assert ops.history.undo().highlights_deleted
        assert counts(db)[0] == 0
    finally:
        db.close()


def test_a_connection_terminated_mid_transaction_is_retried(postgres_database_url: str) -> None:
    db = open_library(postgres_database_url)
    admin = open_library(postgres_database_url)
    try:
        article = add_article(db)
        fired = []

        def kill_self(conn, cursor, statement, *_args) -> None:  # a real fault, from outside
            if statement.lstrip().upper().startswith("INSERT INTO HIGHLIGHTS") and not fired:
                fired.append(True)
                pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
                with admin.engine.begin() as c:
                    c.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})

        event.listen(db.engine, "before_cursor_execute", kill_self)
        made = Operations(db).create_highlight(article, TextSpan(0, 4), ["Trời"])
        event.remove(db.engine, "before_cursor_execute", kill_self)
        assert fired and counts(db) == (1, [1])  # the first run died with its connection
        assert made.value.id is not None
    finally:
        db.close()
        admin.close()


def test_a_deadlock_is_retried_and_both_apply(postgres_database_url: str) -> None:
    a, b = open_library(postgres_database_url), open_library(postgres_database_url)
    try:
        first, second = add_article(a), add_article(a)
        meet = threading.Barrier(2, timeout=20)
        runs: list[int] = []
        errors: list[BaseException] = []

        def crossing(db: Database, one: int, two: int, title: str) -> None:
            def work(s) -> Changes:
                runs.append(one)
                s.execute(text("UPDATE articles SET title = :t WHERE id = :i"), {"t": title, "i": one})
                if len(runs) <= 2:
                    meet.wait()  # both hold their first row: each then waits for the other's
                s.execute(text("UPDATE articles SET title = :t WHERE id = :i"), {"t": title, "i": two})
                return Changes(article_metadata=frozenset({one, two}))
            try:
                Operations(db)._in_one_transaction(work)
            except BaseException as e:  # noqa: BLE001
                errors.append(e)

        threads = [threading.Thread(target=crossing, args=(a, first, second, "A")),
                   threading.Thread(target=crossing, args=(b, second, first, "B"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors
        assert len(runs) == 3  # the server aborted one; it ran again
        with a.session() as s:
            titles = set(s.scalars(select(Article.title).where(Article.id.in_([first, second]))))
            logged = s.execute(text("SELECT count(*), max(attempt) FROM change_log")).one()
        assert len(titles) == 1  # one whole transaction after the other, never a mix
        assert tuple(logged) == (2, 1)
    finally:
        a.close()
        b.close()


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    try:
        server = start_server()
    except RuntimeError as error:
        pytest.skip(f"PostgreSQL tests skipped: {error}")
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


def test_server_stopped_and_started_again(own_server: PostgresServer, watches: list[ServerWatch]) -> None:
    url = own_server.url()
    db = open_library(url)
    try:
        article = add_article(db)
        ops = Operations(db)
        watch = ServerWatch(db)
        watches.append(watch)
        assert watch.start()
        own_server.stop()
        with pytest.raises(DatabaseError) as caught:
            ops.create_highlight(article, TextSpan(0, 4), ["Trời"])
        assert caught.value.kind == UNREACHABLE and server_error_kind(caught.value) == UNREACHABLE
        watch.poll()
        assert not watch.connected
        started = own_server._run("pg_ctl", "-D", str(own_server.data), "-l", str(own_server.folder / "server.log"),
                                  "-w", "-t", "60", "-o", f"-p {own_server.port} -k {own_server.folder} "
                                  "-c listen_addresses=127.0.0.1 -c fsync=off", "start")
        assert started.returncode == 0, started.stderr
        made = ops.create_highlight(article, TextSpan(0, 4), ["Trời"])  # the pool reconnects
        watch.retry_now()
        watch.poll()
        assert watch.connected and watch.reconnected
        assert counts(db) == (1, [0]) and made.value.id is not None
    finally:
        db.close()


def test_sqlite_writes_no_log(tmp_path) -> None:
    db = Database.open(tmp_path / "lib.sqlite3")
    try:
        article = add_article(db)
        Operations(db).create_highlight(article, TextSpan(0, 4), ["Trời"])
        with db.session() as s:
            assert s.execute(text("SELECT name FROM sqlite_master WHERE name = 'change_log'")).first() is None
    finally:
        db.close()




def test_the_watch_thread_never_makes_its_reader_wait_on_a_silent_server(postgres_database_url: str) -> None:
    """A server whose host does not answer holds a connection attempt for the connect
    timeout; the window's timer only takes what the watch thread found, so it returns while
    the attempt is still open (polled on the window's thread, it blocked for seconds)."""
    import socket

    from desktop_app.core.operations.server_watch_thread import WatchThread

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    port = silent.getsockname()[1]
    db = open_library(postgres_database_url)
    watch = ServerWatch(db)
    try:
        assert watch.start()
        watch.conninfo = f"postgresql://nobody@127.0.0.1:{port}/none"
        watch.close()  # lost: the thread's next wait tries the silent address
        thread = WatchThread(watch, wait_s=0.05)
        silent.settimeout(30)
        accepted, _ = silent.accept()  # the thread is connecting now, and hears nothing back
        try:
            state = thread.take()
            accepted.setblocking(False)
            ended = False
            try:
                while chunk := accepted.recv(4096):  # libpq's first packet, then it waits for an answer
                    del chunk
                ended = True  # EOF: the client gave up before take() returned
            except BlockingIOError:
                pass
            assert not ended, "take() waited for the connection attempt"
            assert not state.connected
        finally:
            accepted.close()
            thread.close()
    finally:
        silent.close()
        db.close()
