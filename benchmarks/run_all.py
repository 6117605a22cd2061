"""`make bench`: every benchmark in quick mode, one table of figure, target, measured, result.

Each benchmark runs in its own interpreter with `--quick --json FILE` (see figures.py for
the convention) and QT_QPA_PLATFORM=offscreen, under a time limit. A crash or a timeout is
a row "error: ..." and the run goes on; a benchmark that does not import figures.py yet is
listed as "not in quick mode" and not run. Exit status 0 even when targets are missed
(benchmarks inform, they are not tests); 1 only if this runner itself broke.

    .venv/bin/python benchmarks/run_all.py [--only NAME[,NAME...]] [--timeout SECONDS] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure, verdict, with_unit  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# Modules here that are not benchmarks (search_library and scale_words are run by search.py
# --library and scale.py; scale_library builds scale.py's libraries).
HELPERS = frozenset({"corpus", "figures", "run_all", "scale_library", "scale_words", "search_library", "server_bench"})
ADOPTED = re.compile(r"^\s*(from figures import|import figures\b)", re.MULTILINE)
DEFAULT_TIMEOUT = 100.0
# Benchmarks whose quick mode needs longer. scale.py builds and caches its 100,000-article
# library with its search and word indexes on its first run (~3 min, more on a busy
# machine; later runs measure, ~2 min with the segmentation pools). word_index builds 10,000 articles, measures the texts-read path (~13 s of
# frequencies) and builds the word index (~30 s) on 2 cores.
LONGER = {"scale": 900.0, "word_index": 420.0}


@dataclass(frozen=True)
class Row:
    benchmark: str
    figure: str
    target: str
    measured: str
    result: str


@dataclass(frozen=True)
class Outcome:
    """What one benchmark's run gave: its figures, or why there are none."""

    name: str
    figures: list[Figure]
    error: str | None = None
    skipped: str | None = None
    seconds: float = 0.0


def discover(folder: Path = HERE) -> list[Path]:
    return sorted(p for p in folder.glob("*.py") if p.stem not in HELPERS and not p.stem.startswith("_"))


def follows_convention(source: str) -> bool:
    return ADOPTED.search(source) is not None


def parse_figures(text: str) -> list[Figure]:
    """The figures of a benchmark's JSON file; ValueError when it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("figures"), list):
        raise ValueError("no list of figures")
    return [Figure.from_json(f) for f in data["figures"] if isinstance(f, dict)]


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:120] if lines else ""


def kill_group(proc: subprocess.Popen[str]) -> None:
    if os.name == "posix":
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    else:
        proc.kill()


def run_one(path: Path, timeout: float, verbose: bool = False) -> Outcome:
    if not follows_convention(path.read_text(encoding="utf-8")):
        return Outcome(path.stem, [], skipped="not in quick mode")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures.json"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
        env.pop("CHUGIAI_BENCH_JSON", None)
        t0 = time.perf_counter()
        # Its own process group: on a timeout the benchmark's worker processes go too (they
        # would otherwise hold the output pipes open and hang this runner).
        proc = subprocess.Popen([sys.executable, str(path), "--quick", "--json", str(out)],
                                cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=os.name == "posix")
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(proc)
            proc.communicate()
            return Outcome(path.stem, [], error=f"timed out after {timeout:.0f} s",
                           seconds=time.perf_counter() - t0)
        seconds = time.perf_counter() - t0
        if verbose:
            print(stdout, end="", flush=True)
            print(stderr, end="", file=sys.stderr, flush=True)
        if proc.returncode != 0:
            why = last_line(stderr) or last_line(stdout)
            return Outcome(path.stem, [], error=f"exit {proc.returncode}: {why}", seconds=seconds)
        if not out.exists():
            return Outcome(path.stem, [], error="no figures reported", seconds=seconds)
        try:
            figures = parse_figures(out.read_text(encoding="utf-8"))
        except ValueError as e:  # json.JSONDecodeError is a ValueError
            return Outcome(path.stem, [], error=f"unreadable figures: {e}", seconds=seconds)
    return Outcome(path.stem, figures, seconds=seconds)


def rows_of(outcome: Outcome) -> list[Row]:
    if outcome.skipped:
        return [Row(outcome.name, "-", "-", "-", outcome.skipped)]
    if outcome.error:
        return [Row(outcome.name, "-", "-", "-", f"error: {outcome.error}")]
    if not outcome.figures:
        return [Row(outcome.name, "-", "-", "-", "error: no figures reported")]
    return [Row(outcome.name, f.name, f.target or "-", with_unit(f.measured, f.unit), verdict(f.passed))
            for f in outcome.figures]


def table(rows: list[Row]) -> str:
    """Aligned columns; the benchmark's name only on its first row."""
    header = Row("benchmark", "figure", "target", "measured", "result")
    cells = [header] + [
        Row("" if i and rows[i - 1].benchmark == r.benchmark else r.benchmark,
            r.figure, r.target, r.measured, r.result)
        for i, r in enumerate(rows)
    ]
    widths = [max(len(getattr(c, field)) for c in cells) for field in ("benchmark", "figure", "target", "measured")]
    lines = []
    for k, c in enumerate(cells):
        lines.append(f"{c.benchmark:<{widths[0]}}  {c.figure:<{widths[1]}}  {c.target:<{widths[2]}}  "
                     f"{c.measured:>{widths[3]}}  {c.result}".rstrip())
        if k == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


def tally(rows: list[Row]) -> str:
    count = {word: sum(1 for r in rows if r.result == word) for word in ("pass", "FAIL")}
    errors = sum(1 for r in rows if r.result.startswith("error"))
    skipped = sum(1 for r in rows if r.result == "not in quick mode")
    return (f"{count['pass']} passed, {count['FAIL']} missed, {errors} errors, "
            f"{skipped} not in quick mode")


def selected(paths: list[Path], only: list[str]) -> list[Path]:
    if not only:
        return paths
    wanted = {n.strip().removesuffix(".py") for item in only for n in item.split(",") if n.strip()}
    unknown = wanted - {p.stem for p in paths}
    if unknown:
        raise SystemExit(f"no such benchmark: {', '.join(sorted(unknown))} "
                         f"(have {', '.join(p.stem for p in paths)})")
    return [p for p in paths if p.stem in wanted]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only these benchmarks (repeat, or separate with commas)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help=f"seconds each benchmark may take (default {DEFAULT_TIMEOUT:.0f})")
    parser.add_argument("--verbose", action="store_true", help="show each benchmark's own output")
    args = parser.parse_args(argv)
    paths = selected(discover(), args.only)
    started = time.perf_counter()
    rows: list[Row] = []
    for path in paths:
        print(f"{path.stem} ...", end=" ", file=sys.stderr, flush=True)
        outcome = run_one(path, max(args.timeout, LONGER.get(path.stem, 0.0)), args.verbose)
        print(outcome.skipped or ("error" if outcome.error else f"{outcome.seconds:.0f} s"),
              file=sys.stderr, flush=True)
        rows += rows_of(outcome)
    print()
    print(table(rows))
    print(f"\n{tally(rows)}; {time.perf_counter() - started:.0f} s in all "
          f"(quick mode; other jobs on this machine make the figures noisy)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SystemExit:
        raise
    except BaseException as e:  # the runner itself broke (not a benchmark)
        print(f"run_all: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
