"""File → Report…: the window writes the same HTML as `chugiai report` for the same
choices (so their numbers agree), a PDF of it through Qt, and never over the library."""

from __future__ import annotations

from desktop_app.ui.analysis.report_dialog import HTML, PDF
from tests.ui.analysis_helpers import make_library


def test_the_report_from_the_window_is_the_command_lines(open_window, data_dir, qtbot, capsys, tmp_path):
    make_library(data_dir)
    window = open_window()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.analysis.act_report in file_menu.actions()
    rd = window.analysis.show_report()
    options = rd.options()
    assert options.quotes == 3 and options.memos
    assert [getattr(t, "columns", getattr(t, "within", None)) for t in options.tables] == ["attribute:outlet", "overlap"]
    html = tmp_path / "báo cáo.html"
    with qtbot.waitSignal(rd.written, timeout=20_000) as done:
        rd.write(html, HTML)
    assert done.args[0] == str(html) and rd.open_button.isVisible()
    from desktop_app.cli.main import main

    cli = tmp_path / "cli.html"
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "report", "-o", str(cli), "--title", "Coding report",
                 "--matrix", "attribute:outlet", "--cooccurrence", "overlap"]) == 0
    assert html.read_text(encoding="utf-8") == cli.read_text(encoding="utf-8")
    data = done.args[1]
    assert data.passages == 7 and len(data.tables) == 2

    pdf = tmp_path / "báo cáo.pdf"
    with qtbot.waitSignal(rd.written, timeout=30_000):
        rd.write(pdf, PDF)
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF") and len(content) > 5_000 and b"%%EOF" in content[-64:]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".chugiai-")]  # no temp file left

    before = window.db.path.read_bytes()
    with qtbot.waitSignal(rd.failed, timeout=10_000) as refused:
        rd.write(window.db.path, HTML)
    assert "belongs to the Chú Giải library" in refused.args[0]
    assert window.db.path.read_bytes() == before
