"""A real PostgreSQL server for tests, started by the tests themselves.

`postgres_server` (session scope) runs initdb in a fresh temporary folder, starts the server on
a free loopback port with its socket in that folder, and stops it and deletes the folder at the
end. PostgreSQL refuses to run as root, so under root the server runs as the `postgres` account
(made by Debian's package) or else `nobody`, through subprocess's user=/group= (no sudo).

The binaries are Debian's `postgresql` package (/usr/lib/postgresql/N/bin, the newest N), or
the folder named by $CHUGIAI_PG_BINDIR. docs/postgresql.md says why that source and not a PyPI
wheel. When no server can be had the tests that need it are skipped with one line saying why;
$CHUGIAI_REQUIRE_POSTGRES=1 (set by .ci/run) turns that skip into a failure.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ADMIN = "chugiai"  # the superuser initdb creates; trust authentication on loopback only
TEST_DATABASE = "chugiai_test"
# Why the PostgreSQL tests were skipped, for the one line at the end of the run.
skip_reason: str | None = None


def find_bindir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None."""
    named = os.environ.get("CHUGIAI_PG_BINDIR")
    if named:
        return Path(named) if (Path(named) / "pg_ctl").exists() else None
    versions = []
    for folder in Path("/usr/lib/postgresql").glob("*/bin"):
        if (folder / "pg_ctl").exists() and folder.parent.name.isdigit():
            versions.append((int(folder.parent.name), folder))
    if versions:
        return max(versions)[1]
    found = shutil.which("pg_ctl")
    return Path(found).resolve().parent if found else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_account() -> pwd.struct_passwd | None:
    """The unprivileged account to run the server as; None: run as ourselves (not root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' account exists")


@dataclass
class PostgresServer:
    bindir: Path
    folder: Path
    port: int
    account: pwd.struct_passwd | None
    durable: bool = False  # True: the server's own fsync and commit settings (benchmarks)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = TEST_DATABASE, driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://{ADMIN}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        owner = {}
        if self.account is not None:
            owner = {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}
        env = {"PATH": f"{self.bindir}:/usr/bin:/bin", "LC_ALL": "C.UTF-8", "TZ": "UTC"}
        return subprocess.run(
            [str(self.bindir / args[0]), *args[1:]], cwd=self.folder, env=env, capture_output=True,
            text=True, timeout=timeout, check=False, **owner,  # type: ignore[arg-type]
        )

    def _check(self, done: subprocess.CompletedProcess[str], what: str) -> None:
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-600:] if log.exists() else ""
            raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr.strip()[-600:]} {tail}".strip())

    def start(self) -> None:
        # Loopback-only trust: nothing else on the machine can reach the port's folder socket,
        # and the port listens on 127.0.0.1 alone. fsync off: a test server never survives a crash.
        self._check(self._run("initdb", "-D", str(self.data), "-U", ADMIN, "--auth=trust", "-E", "UTF8",
                              "--locale=C.UTF-8", "--no-sync"), "initdb")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=60"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._check(self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                              "-w", "-t", "60", "-o", options, "start"), "pg_ctl start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=60)

    def create_database(self, name: str, template: str = "template1") -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise ValueError(f"not a plain database name: {name!r}")
        import psycopg

        with psycopg.connect(self.url("postgres", driver="postgresql"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)


def start_server(durable: bool = False) -> PostgresServer:
    """Start a server or raise RuntimeError saying why none can be had."""
    try:
        import psycopg  # noqa: F401
    except ImportError as error:
        raise RuntimeError(f"psycopg is not installed ({error}); pip install 'psycopg[binary]'") from None
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server binaries (apt-get install postgresql, or set CHUGIAI_PG_BINDIR)")
    account = server_account()
    folder = Path(tempfile.mkdtemp(prefix="chugiai-pg-"))
    if account is not None:
        os.chown(folder, account.pw_uid, account.pw_gid)
    last: Exception | None = None
    for _attempt in range(3):  # another process may take the free port before the server does
        server = PostgresServer(bindir, folder, free_port(), account, durable)
        try:
            server.start()
            server.create_database(TEST_DATABASE)
            return server
        except Exception as error:  # noqa: BLE001  (a server half started is stopped, then said why)
            last = error
            try:
                server.stop()
            except (OSError, subprocess.SubprocessError):
                pass
            shutil.rmtree(server.data, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    raise RuntimeError(str(last)) from last


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    global skip_reason
    try:
        server = start_server()
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        skip_reason = f"PostgreSQL tests skipped: {error}"
        if os.environ.get("CHUGIAI_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{skip_reason} (and CHUGIAI_REQUIRE_POSTGRES=1)", pytrace=False)
        pytest.skip(skip_reason)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """SQLAlchemy URL of one test database on the session's server (psycopg 3 driver)."""
    return postgres_server.url()


_databases = itertools.count(1)


@pytest.fixture
def postgres_database_url(postgres_server: PostgresServer) -> str:
    """SQLAlchemy URL of a new, empty database for one test (left for the server's end)."""
    return postgres_server.create_database(f"test_{os.getpid()}_{next(_databases)}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The one line at the end of a run that says the PostgreSQL tests did not run, and why."""
    if skip_reason:
        terminalreporter.write_line(skip_reason, yellow=True, bold=True)
