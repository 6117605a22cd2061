"""The benchmarks' shared convention, so that `make bench` (benchmarks/run_all.py) can run
them all in a quick mode and print one table.

A benchmark adopts it in three lines:

    from figures import at_least, at_most, info, options, report

    def main() -> None:
        opts = options()              # strips --quick and --json PATH from sys.argv
        n = 1_000 if opts.quick else 10_000
        ...                           # measure and print as before
        report([at_most("p95 query", p95_ms, 50, "ms"), info("p50 query", p50_ms, "ms")])

`--quick` makes the run small (fewer articles, highlights, rounds) while measuring the same
thing; without it the benchmark keeps its full size and its output. `report` prints a short
"targets" summary and, when asked (`--json PATH`, or the environment variable
CHUGIAI_BENCH_JSON=PATH), writes the figures as JSON:

    {"benchmark": "search", "quick": true,
     "figures": [{"name": ..., "target": "≤ 50 ms", "measured": 18.1, "unit": "ms",
                  "passed": true}, ...]}

The runner treats a benchmark that never imports this module as "not in quick mode".
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

JSON_ENV = "CHUGIAI_BENCH_JSON"


@dataclass(frozen=True)
class Figure:
    """One measured figure: `target` is human text ("<= 500 ms", "" when there is none);
    `passed` is None when the figure only informs."""

    name: str
    target: str
    measured: float | str
    unit: str = ""
    passed: bool | None = None

    def as_json(self) -> dict[str, object]:
        return asdict(self)

    @staticmethod
    def from_json(data: dict[str, object]) -> Figure:
        measured = data.get("measured", "")
        passed = data.get("passed")
        return Figure(
            name=str(data.get("name", "")),
            target=str(data.get("target", "")),
            measured=measured if isinstance(measured, (int, float, str)) else str(measured),
            unit=str(data.get("unit", "")),
            passed=passed if isinstance(passed, bool) else None,
        )


@dataclass(frozen=True)
class Options:
    quick: bool
    json_path: Path | None


def options(argv: list[str] | None = None) -> Options:
    """Read --quick and --json PATH and remove them from argv (sys.argv by default), so a
    benchmark's own positional arguments keep their places."""
    args = sys.argv if argv is None else argv
    quick = "--quick" in args
    while "--quick" in args:
        args.remove("--quick")
    json_path: Path | None = None
    if "--json" in args:
        at = args.index("--json")
        if at + 1 >= len(args):
            raise SystemExit("--json needs a path")
        json_path = Path(args[at + 1])
        del args[at:at + 2]
    elif os.environ.get(JSON_ENV):
        json_path = Path(os.environ[JSON_ENV])
    return Options(quick=quick, json_path=json_path)


def number(value: float) -> str:
    """A figure with as many decimals as its size deserves."""
    size = abs(value)
    if size >= 100 or value == int(value):
        return f"{value:,.0f}"
    if size >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def with_unit(value: float | str, unit: str) -> str:
    text = number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("x", "%") else f"{text} {unit}"


def at_most(name: str, measured: float, limit: float, unit: str, note: str = "") -> Figure:
    target = f"≤ {with_unit(limit, unit)}" + (f" {note}" if note else "")
    return Figure(name, target, measured, unit, measured <= limit)


def at_least(name: str, measured: float, limit: float, unit: str, note: str = "") -> Figure:
    target = f"≥ {with_unit(limit, unit)}" + (f" {note}" if note else "")
    return Figure(name, target, measured, unit, measured >= limit)


def info(name: str, measured: float | str, unit: str = "") -> Figure:
    return Figure(name, "", measured, unit, None)


def peak_rss_mb() -> float:
    """This process's peak RSS in MB: VmHWM (ru_maxrss keeps a parent's peak across fork
    and exec, so a fresh measuring process would report its launcher's)."""
    import resource

    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def verdict(passed: bool | None) -> str:
    return "-" if passed is None else ("pass" if passed else "FAIL")


def report(figures: list[Figure], opts: Options | None = None, benchmark: str | None = None) -> None:
    """Print the figures against their targets; write them as JSON when asked."""
    opts = opts or options([])
    name = benchmark or Path(sys.argv[0]).stem
    print("\ntargets" + (" (--quick)" if opts.quick else ""))
    for f in figures:
        print(f"  {f.name:<50} {with_unit(f.measured, f.unit):>16}  {f.target or '(no target)':<22} "
              f"{verdict(f.passed)}")
    path = opts.json_path or (Path(os.environ[JSON_ENV]) if os.environ.get(JSON_ENV) else None)
    if path is not None:
        data = {"benchmark": name, "quick": opts.quick, "figures": [f.as_json() for f in figures]}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
