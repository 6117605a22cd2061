"""`make bench`'s runner (benchmarks/run_all.py) and the convention it reads
(benchmarks/figures.py): options, JSON, parsing, rows and the table. No real benchmark
runs here; the few subprocesses are tiny stand-in scripts."""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
import threading
import time
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def runner() -> ModuleType:
    saved = list(sys.path)
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module("run_all")
    finally:
        sys.path[:] = saved  # run_all adds its folder too: keep the session's path as it was


@pytest.fixture(scope="module")
def figures(runner: ModuleType) -> ModuleType:
    return sys.modules["figures"]


def stand_in(tmp_path: Path, name: str, body: str) -> Path:
    """A script in tmp_path that can import the real figures.py."""
    path = tmp_path / f"{name}.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(BENCH)!r})\n" + textwrap.dedent(body),
                    encoding="utf-8")
    return path


def test_options_strip_the_runner_flags_and_keep_positionals(figures: ModuleType, tmp_path: Path) -> None:
    argv = ["bench.py", "500", "--quick", "--json", str(tmp_path / "f.json"), "--keep", "x"]
    opts = figures.options(argv)
    assert opts.quick is True
    assert opts.json_path == tmp_path / "f.json"
    assert argv == ["bench.py", "500", "--keep", "x"]


def test_options_read_the_json_path_from_the_environment(figures: ModuleType, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(figures.JSON_ENV, str(tmp_path / "env.json"))
    opts = figures.options(["bench.py"])
    assert opts == figures.Options(quick=False, json_path=tmp_path / "env.json")


def test_targets_decide_pass_and_fail(figures: ModuleType) -> None:
    assert figures.at_most("open", 499.0, 500, "ms").passed is True
    assert figures.at_most("open", 501.0, 500, "ms").passed is False
    assert figures.at_least("rate", 0.89, 0.9, "x").passed is False
    assert figures.at_least("rate", 0.9, 0.9, "x").target == "≥ 0.90x"
    assert figures.info("size", 12.5, "MB").passed is None
    assert figures.at_most("export", 0.4, 0.4, "s", "(scaled)").target == "≤ 0.40 s (scaled)"


def test_report_writes_json_that_the_runner_reads_back(figures: ModuleType, runner: ModuleType,
                                                      tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    made = [figures.at_most("p95 query", 18.1, 50, "ms"), figures.info("rows", "1,000"),
            figures.Figure("identical", "identical", "False", "", False)]
    out = tmp_path / "f.json"
    figures.report(made, figures.Options(quick=True, json_path=out), benchmark="search")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["benchmark"], data["quick"]) == ("search", True)
    assert runner.parse_figures(out.read_text(encoding="utf-8")) == made
    printed = capsys.readouterr().out
    assert "p95 query" in printed and "FAIL" in printed


@pytest.mark.parametrize("text", ["not json", "[]", '{"figures": 3}'])
def test_parse_figures_rejects_what_is_not_a_figures_file(runner: ModuleType, text: str) -> None:
    with pytest.raises(ValueError):
        runner.parse_figures(text)


def test_convention_is_an_import_of_figures(runner: ModuleType) -> None:
    assert runner.follows_convention("import os\nfrom figures import at_most, report\n")
    assert runner.follows_convention("import figures\n")
    assert not runner.follows_convention('"""Prints figures."""\nimport os\n# figures below\n')


def test_discover_lists_benchmarks_not_helpers(runner: ModuleType) -> None:
    names = [p.stem for p in runner.discover()]
    assert "search" in names and "crash_trials" in names
    assert not {"corpus", "figures", "run_all"} & set(names)


def test_only_selects_by_name_and_refuses_unknown_ones(runner: ModuleType) -> None:
    paths = [Path(f"{n}.py") for n in ("search", "startup", "upgrade")]
    assert runner.selected(paths, ["upgrade,search.py"]) == [Path("search.py"), Path("upgrade.py")]
    assert runner.selected(paths, []) == paths
    with pytest.raises(SystemExit, match="no such benchmark: nope"):
        runner.selected(paths, ["nope"])


def test_rows_and_table(runner: ModuleType, figures: ModuleType) -> None:
    rows = (runner.rows_of(runner.Outcome("search", [figures.at_most("p95 query", 18.1, 50, "ms"),
                                                     figures.info("p50 query", 6.4, "ms")]))
            + runner.rows_of(runner.Outcome("crash_trials", [], skipped="not in quick mode"))
            + runner.rows_of(runner.Outcome("startup", [], error="timed out after 100 s"))
            + runner.rows_of(runner.Outcome("empty", [])))
    assert [r.result for r in rows] == ["pass", "-", "not in quick mode", "error: timed out after 100 s",
                                        "error: no figures reported"]
    lines = runner.table(rows).splitlines()
    assert lines[0].split() == ["benchmark", "figure", "target", "measured", "result"]
    assert set(lines[1]) == {"-"}
    body = lines[2:]
    assert body[0].startswith("search ") and body[1].startswith(" ")  # the name once per benchmark
    target_at = lines[0].index("target")
    assert body[0][target_at:].startswith("≤ 50 ms") and body[1][target_at:].startswith("-")
    assert body[2][target_at:].startswith("-") and "not in quick mode" in body[2]
    assert runner.tally(rows) == "1 passed, 0 missed, 2 errors, 1 not in quick mode"


def test_a_script_without_the_convention_is_listed_not_run(runner: ModuleType, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = stand_in(tmp_path, "old_style", f"open({str(marker)!r}, 'w').close()\n")
    outcome = runner.run_one(path, timeout=30)
    assert outcome.skipped == "not in quick mode"
    assert not marker.exists()


def test_run_one_collects_figures_and_passes_quick(runner: ModuleType, figures: ModuleType, tmp_path: Path) -> None:
    path = stand_in(tmp_path, "tiny", """
        from figures import at_least, options, report
        opts = options()
        report([at_least("quick flag seen", 1.0 if opts.quick else 0.0, 1, "")], opts)
    """)
    outcome = runner.run_one(path, timeout=60)
    assert outcome.error is None
    assert outcome.figures == [figures.at_least("quick flag seen", 1.0, 1, "")]


def test_a_crash_is_an_error_row_with_its_last_words(runner: ModuleType, tmp_path: Path) -> None:
    path = stand_in(tmp_path, "broken", """
        from figures import report
        raise RuntimeError("the library vanished")
    """)
    outcome = runner.run_one(path, timeout=60)
    assert outcome.error == "exit 1: RuntimeError: the library vanished"


def test_a_benchmark_that_reports_nothing_is_an_error(runner: ModuleType, tmp_path: Path) -> None:
    path = stand_in(tmp_path, "silent", "from figures import report\nprint('done')\n")
    assert runner.run_one(path, timeout=60).error == "no figures reported"


def test_a_hung_benchmark_times_out(runner: ModuleType, tmp_path: Path) -> None:
    path = stand_in(tmp_path, "hung", "from figures import report\nimport time\nwhile True:\n    time.sleep(0.1)\n")
    assert runner.run_one(path, timeout=1).error == "timed out after 1 s"


def test_a_timeout_also_ends_the_benchmarks_own_children(runner: ModuleType, tmp_path: Path) -> None:
    # A grandchild holding the output pipe open must not hang the runner.
    pid_file = tmp_path / "child.pid"
    path = stand_in(tmp_path, "spawner", f"""
        from figures import report
        import subprocess, time
        child = subprocess.Popen([sys.executable, "-c", "import time\\nwhile True: time.sleep(0.1)"])
        open({str(pid_file)!r}, "w").write(str(child.pid))
        while True:
            time.sleep(0.1)
    """)
    outcomes: list[object] = []
    thread = threading.Thread(target=lambda: outcomes.append(runner.run_one(path, timeout=2)), daemon=True)
    thread.start()
    thread.join(60)  # a generous bound: a hang (the pipe held open) shows as a failure, not a stuck run
    assert not thread.is_alive()
    assert outcomes[0].error == "timed out after 2 s"  # type: ignore[attr-defined]
    if Path("/proc/self/stat").exists():  # Linux: the grandchild is gone, or dead and unreaped
        stat = Path(f"/proc/{int(pid_file.read_text())}/stat")

        def ended() -> bool:
            try:
                return stat.read_text().split(") ")[1][0] in "ZX"
            except FileNotFoundError:
                return True

        deadline = time.monotonic() + 10  # SIGKILL lands at once; the kernel's exit takes a moment
        while not ended() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert ended()
