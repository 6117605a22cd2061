"""The PostgreSQL server fixtures for the tests in this folder (tests/postgres_server.py)."""

import pytest

from tests.postgres_server import postgres_database_url, postgres_server, postgres_url, report_skip

__all__ = ["postgres_database_url", "postgres_server", "postgres_url"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    report_skip(terminalreporter)
