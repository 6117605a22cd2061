"""An unexpected error is logged with its traceback and told to the user without one."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QMessageBox

from desktop_app.ui.errors import install_excepthook, setup_logging


def test_unexpected_error_is_logged_and_shown_in_words(tmp_path, monkeypatch, qapp):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append((self.text(), self.detailedText())))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log_file = setup_logging(tmp_path)
    try:
        install_excepthook(log_file)
        try:
            raise RuntimeError("ổ đĩa đầy")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", "") == str(log_file):
                logging.getLogger().removeHandler(handler)
                handler.close()
    [(text, details)] = shown
    assert "ổ đĩa đầy" in text and "saved" in text and "Traceback" not in text
    assert "Traceback" in details
    logged = log_file.read_text(encoding="utf-8")
    assert "RuntimeError: ổ đĩa đầy" in logged
