"""Crash trials: a writer process killed with SIGKILL must lose no acknowledged change.

Run as a script, this is the writer: it opens the library and changes highlights through
AnnotationService without end, printing

    BEGIN <kind> <id> <json value>   before each change ("-" for a create's id), and
    ACK <kind> <id> <json value>     after the change returned (it is committed),

flushing each line. `run_trial` (used by tests/core/test_crash_safety.py and
benchmarks/crash_trials.py) starts it, kills it after a random short time, reopens the
library and checks it against the acknowledgements: the one change that was under way may
or may not be there, every acknowledged one must be.

    python -m tests.core.crash_writer LIBRARY SEED
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TAGS = ("Tổ chức", "Cán bộ", "Đảng", "Hội nghị", "Nhân sự", "Kỷ luật", "Đào tạo")
KINDS = ("create", "note", "tags", "delete")


# --- the writer ---------------------------------------------------------------------------
def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _note(rng: random.Random, n: int) -> str:
    # Mostly short, sometimes long enough to grow the WAL and trigger checkpoints.
    return f"ghi chú {n} " + "đ" * (rng.choice((0, 0, 0, 40, 3000)))


def write_forever(path: Path, seed: int) -> None:
    from desktop_app.core.annotate.highlights import AnnotationService
    from desktop_app.core.storage.database import Database

    db = Database.open(path)
    service = AnnotationService(db)
    rng = random.Random(seed)
    with sqlite3.connect(path) as conn:
        articles = conn.execute("SELECT id, length(text) FROM articles").fetchall()
        live = [row[0] for row in conn.execute("SELECT id FROM highlights")]
    _say("READY")
    n = 0
    while True:
        n += 1
        kind = rng.choices(KINDS, weights=(40, 25, 20, 15))[0] if live else "create"
        if kind == "create":
            article_id, length = rng.choice(articles)
            start = rng.randrange(0, length - 40)
            value = {"tags": sorted(rng.sample(TAGS, rng.randrange(0, 3))), "note": _note(rng, n)}
            _say(f"BEGIN create - {json.dumps(value, ensure_ascii=False)}")
            info = service.create_highlight(article_id, start, start + rng.randrange(3, 40),
                                            value["tags"], value["note"])
            live.append(info.id)
            _say(f"ACK create {info.id} {json.dumps(value, ensure_ascii=False)}")
            continue
        hid = rng.choice(live)
        if kind == "note":
            value = _note(rng, n)
            _say(f"BEGIN note {hid} {json.dumps(value, ensure_ascii=False)}")
            service.set_note(hid, value)
        elif kind == "tags":
            value = sorted(rng.sample(TAGS, rng.randrange(0, 4)))
            _say(f"BEGIN tags {hid} {json.dumps(value, ensure_ascii=False)}")
            service.set_tags(hid, value)
        else:
            value = None
            _say(f"BEGIN delete {hid} null")
            service.delete_highlight(hid)
            live.remove(hid)
        _say(f"ACK {kind} {hid} {json.dumps(value, ensure_ascii=False)}")


# --- the checker --------------------------------------------------------------------------
@dataclass
class TrialResult:
    acks: int = 0  # acknowledged changes checked
    lost: int = 0  # acknowledged changes whose effect is missing
    integrity: str = ""
    foreign_key_problems: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.integrity == "ok" and not self.foreign_key_problems \
            and not self.problems


@dataclass
class _Line:
    kind: str
    op: str
    hid: int | None
    value: object


def _parse(line: str) -> _Line | None:
    parts = line.rstrip("\n").split(" ", 3)
    if len(parts) != 4 or parts[0] not in ("BEGIN", "ACK"):
        return None
    hid = None if parts[2] == "-" else int(parts[2])
    return _Line(parts[0], parts[1], hid, json.loads(parts[3]))


def prepare_library(path: Path, seeds: Path = REPO / "seeds") -> None:
    """A library with the sample articles, made once and reused by every trial (each
    trial also recovers from the previous kill)."""
    from desktop_app.core.library.ingest import import_paths
    from desktop_app.core.storage.database import Database

    db = Database.open(path)
    try:
        import_paths(db, sorted(seeds.glob("*.txt"))[:3])
    finally:
        db.close()


def _stored(path: Path) -> dict[int, tuple[str, list[str]]]:
    with sqlite3.connect(path) as conn:
        notes = dict(conn.execute("SELECT id, note FROM highlights"))
        tags: dict[int, list[str]] = {hid: [] for hid in notes}
        for hid, name in conn.execute(
            "SELECT ht.highlight_id, t.name FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id"
        ):
            tags.setdefault(hid, []).append(name)
    return {hid: (notes[hid], sorted(tags.get(hid, []))) for hid in notes}


def _apply(state: dict[int, dict | None], line: _Line, hid: int) -> None:
    if line.op == "create":
        state[hid] = {"note": line.value["note"], "tags": line.value["tags"]}
    elif line.op == "delete":
        state[hid] = None
    elif state.get(hid) is not None:
        state[hid] = dict(state[hid], **{"note" if line.op == "note" else "tags": line.value})


def check(path: Path, lines: list[str], before: dict[int, tuple[str, list[str]]]) -> TrialResult:
    """Compare the library with what the writer acknowledged."""
    result = TrialResult()
    with sqlite3.connect(path) as conn:
        result.integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        result.foreign_key_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
    stored = _stored(path)
    state: dict[int, dict | None] = {
        hid: {"note": note, "tags": tags} for hid, (note, tags) in before.items()
    }
    pending: _Line | None = None
    for raw in lines:
        line = _parse(raw)
        if line is None:
            continue
        if line.kind == "BEGIN":
            pending = line
            continue
        result.acks += 1
        pending = None
        _apply(state, line, line.hid)
    for hid, want in state.items():
        have = stored.get(hid)
        have = None if have is None else {"note": have[0], "tags": have[1]}
        if have == want:
            continue
        if pending is not None and pending.hid == hid:
            maybe = dict(state)
            _apply(maybe, pending, hid)
            if have == maybe[hid]:
                continue  # the change under way when the process died: either is right
        result.lost += 1
        result.problems.append(f"highlight {hid}: acknowledged {want}, stored {have}")
    extra = sorted(set(stored) - set(state))
    if len(extra) > (1 if pending is not None and pending.op == "create" else 0):
        result.problems.append(f"highlights nobody acknowledged: {extra}")
    return result


def run_trial(path: Path, seed: int, kill_after: float) -> TrialResult:
    """Start the writer on `path`, SIGKILL it `kill_after` seconds after it is ready, check."""
    before = _stored(path)
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.core.crash_writer", str(path), str(seed)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8",
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            if line.startswith("READY"):
                ready.set()
            else:
                lines.append(line)
        ready.set()  # died before it was ready: the check below says so

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        ready.wait(60)
        time.sleep(kill_after)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(30)
        reader.join(30)
        proc.stdout.close()
    result = check(path, lines, before)
    if proc.returncode != -signal.SIGKILL:
        result.problems.append(f"the writer ended on its own ({proc.returncode}): {proc.stderr.read()[-2000:]}")
    proc.stderr.close()
    if result.acks == 0:
        result.problems.append("the writer acknowledged nothing before it was killed")
    return result


if __name__ == "__main__":
    write_forever(Path(sys.argv[1]), int(sys.argv[2]))
