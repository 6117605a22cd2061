"""Shared test setup. Qt must be headless before anything imports it."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CHUGIAI_LANG", "en")  # tests read English text, whatever the system speaks

import pytest  # noqa: E402

from desktop_app.core.nlp.worker_process import SegmenterProcess  # noqa: E402
from desktop_app.core.storage.database import Database  # noqa: E402

# The PostgreSQL server fixtures (one server per run, shared by tests/postgres and the core
# suite on the postgres engine) and the engine option: tests/engines.py.
pytest_plugins = ["tests.postgres_server", "tests.engines"]

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
# Many tests loop over the sample articles: without them they would pass on nothing.
assert len(list(SEEDS.glob("*.txt"))) >= 5, f"the sample articles are missing from {SEEDS}"


@pytest.fixture(scope="session", autouse=True)
def collect_on_the_main_thread() -> Iterator[None]:
    """As the app does (ui/main_thread_gc.py): no automatic cycle collection, which could
    start inside a worker thread and destroy a dead test's Qt objects there (a segfault)."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def db(tmp_path: Path) -> Database:
    """A real library (never a mock): a SQLite file in tmp_path, or on the postgres engine
    (tests/engines.py) a database on the test server."""
    database = Database.open(tmp_path / "data" / "chugiai.sqlite3")
    yield database
    database.close()


@pytest.fixture
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="module")
def process() -> Iterator[SegmenterProcess]:
    """One worker process per test module: spawning it and loading the models costs
    ~0.5-1.5 s."""
    proc = SegmenterProcess()
    proc.start()
    yield proc
    proc.stop()
    assert not proc.is_alive()
