"""Passwords of shared libraries (issue 17): never kept in plain text by the app.

A password the user asks to remember goes to the operating system's keyring (macOS
Keychain, Windows Credential Locker, the Secret Service of GNOME/KDE) through the `keyring`
package, when it is installed and its backend really is a keyring. The backends that are
not one are refused: keyring's `fail` and `null` backends, and any plain-text store
(keyrings.alt's PlaintextKeyring, which a developer's environment may rank first), or any
backend keyring itself does not recommend (priority below 1).

Without a keyring the password can go where libpq looks by itself: the password file
(`$PGPASSFILE`, else ~/.pgpass, or %APPDATA%\\postgresql\\pgpass.conf on Windows), one line
`host:port:database:user:password` readable by its owner only (0600: libpq ignores a file
others can read). The window offers that, saying so; it is the user's file, shared with
psql and every other PostgreSQL client.

Nothing here keeps a password in memory longer than the call, nor writes one to QSettings or
a log. Keys are the library's address without the password: "user@host:port/database".
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url

log = logging.getLogger(__name__)

SERVICE = "chugiai"  # the keyring's service name for every shared library's password
DEFAULT_PORT = 5432
PGPASS_ENV = "PGPASSFILE"


class PasswordStoreError(Exception):
    """The keyring or the password file refused the password (its own words in str())."""


def _url(url: str | URL) -> URL:
    return make_url(url) if isinstance(url, str) else url


def account(url: str | URL) -> str:
    """The keyring's user name for a library: user@host:port/database (no password)."""
    u = _url(url)
    return f"{u.username or ''}@{u.host or 'localhost'}:{u.port or DEFAULT_PORT}/{u.database or ''}"


def with_password(url: str | URL, password: str | None) -> URL:
    """`url` carrying `password` (for connecting only: render it with hide_password)."""
    u = _url(url)
    return u.set(password=password) if password else u


def without_password(url: str | URL) -> str:
    """The URL as text without its password: what settings, titles and logs may hold."""
    return str(_url(url).set(password=None).render_as_string(hide_password=False))


# --- the OS keyring ------------------------------------------------------------------------
def _is_real_keyring(backend: Any) -> bool:
    from keyring.backends import fail, null

    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    if "plaintext" in type(backend).__name__.lower():
        return False
    try:
        return float(backend.priority) >= 1  # keyring's own "recommended"
    except Exception:  # noqa: BLE001  (a backend whose priority raises is not viable)
        return False


def safe_keyring() -> Any | None:
    """The keyring backend passwords may go to, or None (no `keyring` package, or only a
    fail, null or plain-text backend). In a chain, the first real keyring of it."""
    try:
        import keyring
        from keyring.backends import chainer
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception as e:  # noqa: BLE001  (a broken keyring configuration: none usable)
        log.warning("no keyring: %s", e)
        return None
    if isinstance(backend, chainer.ChainerBackend):
        return next((b for b in backend.backends if _is_real_keyring(b)), None)
    return backend if _is_real_keyring(backend) else None


def keyring_name() -> str | None:
    """The usable keyring's name for the user (e.g. "SecretService Keyring"), or None."""
    backend = safe_keyring()
    return str(getattr(backend, "name", type(backend).__name__)) if backend is not None else None


def save_in_keyring(url: str | URL, password: str) -> bool:
    """Keep `password` for the library at `url` in the keyring. False when there is no
    usable keyring; PasswordStoreError when it refused (locked, cancelled by the user)."""
    backend = safe_keyring()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, account(url), password)
    except Exception as e:  # keyring.errors.KeyringError, dbus errors: the backend's words
        raise PasswordStoreError(str(e) or type(e).__name__) from e
    return True


def password_from_keyring(url: str | URL) -> str | None:
    """The password kept for the library at `url`, or None (none kept, no keyring, or it
    could not be read: the user is then asked, as when none was kept)."""
    backend = safe_keyring()
    if backend is None:
        return None
    try:
        found = backend.get_password(SERVICE, account(url))
    except Exception as e:  # noqa: BLE001  (a locked keyring: ask the user instead)
        log.warning("could not read the keyring: %s", e)
        return None
    return str(found) if found else None


def forget_in_keyring(url: str | URL) -> None:
    """Remove the kept password (a wrong one); nothing when there is none."""
    backend = safe_keyring()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, account(url))
    except Exception as e:  # noqa: BLE001  (keyring.errors.PasswordDeleteError: none was kept)
        log.info("no password removed from the keyring: %s", e)


# --- libpq's password file -----------------------------------------------------------------
def pgpass_path() -> Path:
    """Where libpq reads passwords: $PGPASSFILE, else its per-user default."""
    named = os.environ.get(PGPASS_ENV, "").strip()
    if named:
        return Path(named).expanduser()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _escape(field: str) -> str:
    return field.replace("\\", "\\\\").replace(":", "\\:")


def _fields(u: URL) -> list[str]:
    return [u.host or "localhost", str(u.port or DEFAULT_PORT), u.database or "*", u.username or "*"]


def pgpass_line(url: str | URL, password: str) -> str:
    """The password file's line for the library at `url` (':' and '\\' escaped)."""
    return ":".join(_escape(f) for f in [*_fields(_url(url)), password])


def _split(line: str) -> list[str]:
    """A password-file line's fields, unescaped."""
    fields: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in line:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ":" and len(fields) < 4:
            fields.append("".join(current))
            current = []
        else:
            current.append(ch)
    fields.append("".join(current))
    return fields


def write_pgpass(url: str | URL, password: str, path: Path | None = None) -> Path:
    """Add (or replace) the line for the library at `url` in the password file, which is
    left with mode 0600 (written to a temporary file of that mode, then renamed: never
    readable by others, never half written). Other lines are kept as they were. Returns
    the file's path; PasswordStoreError in words when it cannot be written."""
    path = path or pgpass_path()
    key = _fields(_url(url))
    try:
        old = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    except (OSError, UnicodeDecodeError) as e:
        raise PasswordStoreError(f"{path} could not be read: {e}") from e
    kept = [line for line in old if line.startswith("#") or _split(line)[:4] != key]
    lines = [*kept, pgpass_line(url, password)]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(prefix=".pgpass-", dir=path.parent)  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")
                out.flush()
                os.fsync(out.fileno())
            os.chmod(partial, 0o600)
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise PasswordStoreError(f"{path} could not be written: {e}") from e
    return path
