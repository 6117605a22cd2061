"""Where files live: the user's data and log directories, and the shipped seeds.

Precedence for the data directory: --data-dir, then CHUGIAI_DATA_DIR, then appdirs.
Nothing the user makes is ever written inside the application bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import appdirs

from desktop_app import APP_NAME

DATA_DIR_ENV = "CHUGIAI_DATA_DIR"
DB_FILENAME = "chugiai.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(appdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(appdirs.user_log_dir(APP_NAME, appauthor=False))


def database_path(directory: Path) -> Path:
    return directory / DB_FILENAME


def resource_root() -> Path:
    """The folder holding seeds/ and resources/: the repo in development, _MEIPASS when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def seeds_dir() -> Path:
    return resource_root() / "seeds"


def resources_dir() -> Path:
    return resource_root() / "resources"
