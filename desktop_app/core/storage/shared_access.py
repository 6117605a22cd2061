"""Opening a shared library as a person does: an address typed in parts or pasted as a URL,
a password from the keyring, and a failure told apart (wrong or missing password, server
unreachable, anything else) so the window can say what to do about it.

`ServerAddress` is what the window's dialog edits; `open_shared(url, password)` opens the
library (storage.location.open_library) with the password given, else the keyring's, else
none (libpq then reads its password file). Passwords are never part of an address kept
anywhere: see passwords.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import quote, urlencode

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from desktop_app.core.storage import passwords
from desktop_app.core.storage.errors import CANT_OPEN, OTHER, DatabaseError
from desktop_app.core.storage.location import is_server_location, open_library
from desktop_app.core.storage.server import ServerDatabase

SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "allow", "disable")  # libpq's
DEFAULT_SSLMODE = "prefer"  # libpq's default: TLS when the server offers it

# What went wrong when opening, for the words the window chooses.
PASSWORD = "password"  # no password, or a wrong one
UNREACHABLE = "unreachable"  # no server there, a name that does not resolve, TLS refused, ...
_PASSWORD_SIGNS = ("password authentication failed", "no password supplied", "authentication failed")


@dataclass(frozen=True)
class ServerAddress:
    """A shared library's address, without any password."""

    host: str = "localhost"
    port: int = passwords.DEFAULT_PORT
    database: str = ""
    user: str = ""
    sslmode: str = DEFAULT_SSLMODE
    # Other libpq options a pasted URL carried (sslrootcert, connect_timeout...), kept as given.
    options: tuple[tuple[str, str], ...] = ()

    def url(self) -> str:
        """postgresql://user@host:port/database[?sslmode=...&other=...] (the default sslmode
        left out)."""
        host = self.host.strip()
        if ":" in host and not host.startswith("["):  # an IPv6 address
            host = f"[{host}]"
        text = (f"postgresql://{quote(self.user.strip(), safe='')}@{host}:{int(self.port)}/"
                f"{quote(self.database.strip(), safe='')}")
        query = [("sslmode", self.sslmode)] if self.sslmode and self.sslmode != DEFAULT_SSLMODE else []
        query += [(k, v) for k, v in self.options if k != "sslmode"]
        if query:
            text += "?" + urlencode(query)
        return text

    @property
    def label(self) -> str:
        """user@host/database: how the window names the library."""
        return f"{self.user}@{self.host}/{self.database}"

    def problems(self) -> list[str]:
        """The fields still missing, by name (host, database, user)."""
        return [name for name in ("host", "database", "user") if not str(getattr(self, name)).strip()]

    @classmethod
    def from_url(cls, text: str) -> tuple[ServerAddress, str | None]:
        """(the address, the password the URL carried or None). ValueError in words for
        anything but a postgresql:// URL naming a database."""
        text = text.strip()
        if not is_server_location(text):
            raise ValueError("not a PostgreSQL URL (postgresql://user@host:port/dbname)")
        if text.lower().startswith("postgres://"):
            text = "postgresql://" + text[len("postgres://"):]
        try:
            u = make_url(text)
        except ArgumentError as e:
            raise ValueError(f"not a URL this app can read: {e}") from e
        if not u.database:
            raise ValueError("the URL names no database (postgresql://user@host:port/dbname)")
        query = [(k, str(v)) for k, values in u.query.items()
                 for v in (values if isinstance(values, tuple) else (values,))]
        sslmode = next((v for k, v in reversed(query) if k == "sslmode"), DEFAULT_SSLMODE)
        address = cls(u.host or "localhost", int(u.port or passwords.DEFAULT_PORT), u.database,
                      u.username or "", sslmode, tuple((k, v) for k, v in query if k != "sslmode"))
        return address, u.password

    def with_sslmode(self, sslmode: str) -> ServerAddress:
        return replace(self, sslmode=sslmode)


def label_of(url: str) -> str:
    """user@host/database for a URL (the URL without its password when it cannot be read)."""
    try:
        return ServerAddress.from_url(url)[0].label
    except ValueError:
        return passwords.without_password(url)


class ServerAccessError(Exception):
    """Opening failed: `kind` is PASSWORD or UNREACHABLE, `detail` the server's or libpq's
    own words, `address` the URL without password."""

    def __init__(self, kind: str, detail: str, address: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.address = address


def failure_kind(error: BaseException) -> str:
    """PASSWORD or UNREACHABLE for a connection failure (libpq's words: its SQLSTATE is not
    set for failures at connect time)."""
    text = str(getattr(error, "__cause__", None) or error).lower()
    return PASSWORD if any(sign in text for sign in _PASSWORD_SIGNS) else UNREACHABLE


def _detail(error: DatabaseError) -> str:
    cause = error.__cause__
    orig = getattr(cause, "orig", None) or cause or error
    lines = [" ".join(line.split()).rstrip(".") for line in str(orig).splitlines() if line.strip()]
    return ". ".join(lines)  # libpq's lines (the second one tab-indented) as sentences


def open_shared(url: str, password: str | None = None, *, read_only: bool = False) -> ServerDatabase:
    """Open the shared library at `url` (a password in it is used as given). Without one,
    `password`, else the keyring's, else none (libpq's password file may have it).
    ServerAccessError when the server cannot be reached or refuses the password; other
    DatabaseErrors (a newer schema, a database that is not a library) as they come."""
    address = passwords.without_password(url)
    parsed = make_url(url.strip().replace("postgres://", "postgresql://", 1))
    if not parsed.password:
        password = password or passwords.password_from_keyring(parsed)
        parsed = passwords.with_password(parsed, password)
    try:
        db = open_library(parsed.render_as_string(hide_password=False), read_only=read_only)
    except ImportError as e:  # a build without the driver
        raise DatabaseError(f"Shared libraries need the PostgreSQL driver psycopg, which is not installed "
                            f"here ({e}): pip install 'psycopg[binary]'.", OTHER) from e
    except DatabaseError as e:
        if e.kind != CANT_OPEN:
            raise
        raise ServerAccessError(failure_kind(e), _detail(e), address) from e
    assert isinstance(db, ServerDatabase)
    return db
