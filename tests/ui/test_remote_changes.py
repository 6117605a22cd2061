"""Issue 14, 14: the window notices what the command line does to the same library (an
import: the count no longer stays stale), and its own changes never come back as remote."""

from __future__ import annotations

from tests.core.test_cli import chugiai
from tests.ui.test_highlighting import open_article_containing


def test_an_import_by_the_command_line_shows_in_the_open_window(open_window, qtbot, data_dir, tmp_path):
    window = open_window()
    remote = []
    window.bus.changed.connect(lambda c: remote.append(c) if c.origin == "remote" else None)
    polls = []
    window.views.watch_timer.timeout.connect(lambda: polls.append(1))
    assert window.library.count.text() == "5 articles"

    # The window's own change: two polls later, nothing has come back as remote.
    start = open_article_containing(window, "Ban Tổ chức Trung ương")
    window.reader.select_offsets(start, start + 3)
    window.highlight_selection(["Cơ quan"])
    qtbot.waitUntil(lambda: len(polls) >= 2, timeout=10_000)
    assert remote == []

    new = tmp_path / "bài mới.txt"
    new.write_text("Bài mới từ dòng lệnh\n\nHội nghị Ban Tổ chức Trung ương ở Hà Nội.\n", encoding="utf-8")
    result = chugiai("--data-dir", str(data_dir), "import", str(new))
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: window.library.count.text() == "6 articles", timeout=10_000)
    assert len(remote) == 1 and len(remote[0].articles_added) == 1
    assert window.current is not None and window.panel.model.rowCount() == 1  # the open article stays

    # A deletion by the command line of the open article: the reader moves on.
    opened = window.current.id
    result = chugiai("--data-dir", str(data_dir), "delete", str(opened))
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: window.library.count.text() == "5 articles", timeout=10_000)
    assert window.current is not None and window.current.id != opened
