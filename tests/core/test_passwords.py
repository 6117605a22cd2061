"""Passwords of shared libraries: the keyring (a real keyring backend, keyring's own
interface), never a plain-text one, and libpq's password file, read by libpq for real."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

keyring = pytest.importorskip("keyring")
from keyring.backend import KeyringBackend  # noqa: E402

from desktop_app.core.storage import passwords  # noqa: E402
from desktop_app.core.storage.shared_access import (  # noqa: E402
    PASSWORD,
    UNREACHABLE,
    ServerAccessError,
    ServerAddress,
    open_shared,
)
from tests.postgres_server import PostgresServer, postgres_server  # noqa: E402,F401

URL = "postgresql://lan@db.example.org:5433/nhom_nghien_cuu"


class FileKeyring(KeyringBackend):
    """A real keyring backend for the test (keyring's documented interface): a JSON file."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        del data[f"{service}/{username}"]
        self.path.write_text(json.dumps(data))


@pytest.fixture
def file_keyring(tmp_path: Path):
    before = keyring.get_keyring()
    backend = FileKeyring(tmp_path / "keyring.json")
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def test_a_password_goes_to_the_keyring_under_the_address_and_comes_back(file_keyring: FileKeyring) -> None:
    assert passwords.safe_keyring() is file_keyring
    assert passwords.save_in_keyring(URL, "mật khẩu:1")
    stored = json.loads(file_keyring.path.read_text())
    assert stored == {"chugiai/lan@db.example.org:5433/nhom_nghien_cuu": "mật khẩu:1"}
    assert passwords.password_from_keyring(URL) == "mật khẩu:1"
    assert passwords.password_from_keyring(URL.replace("5433", "5432")) is None  # another library
    passwords.forget_in_keyring(URL)
    assert passwords.password_from_keyring(URL) is None
    passwords.forget_in_keyring(URL)  # none kept: nothing to do, no error


def test_plain_text_and_failing_keyrings_are_refused(tmp_path: Path) -> None:
    from keyring.backends import fail

    before = keyring.get_keyring()
    try:
        keyring.set_keyring(fail.Keyring())
        assert passwords.safe_keyring() is None and passwords.keyring_name() is None
        assert not passwords.save_in_keyring(URL, "x")  # the caller then offers the password file
        plaintext = pytest.importorskip("keyrings.alt.file")
        backend = plaintext.PlaintextKeyring()
        backend.file_path = str(tmp_path / "plain.cfg")
        keyring.set_keyring(backend)
        assert passwords.safe_keyring() is None
        assert not passwords.save_in_keyring(URL, "x")
        assert not (tmp_path / "plain.cfg").exists()
    finally:
        keyring.set_keyring(before)


def test_password_file_lines_are_escaped_replaced_and_private(tmp_path: Path) -> None:
    path = tmp_path / "pg" / "pgpass"
    path.parent.mkdir()
    path.write_text("# mine\nother.host:5432:*:lan:keep\ndb.example.org:5433:nhom_nghien_cuu:lan:old\n")
    path.chmod(0o644)
    assert passwords.write_pgpass(URL, "a:b\\c", path) == path
    assert path.read_text().splitlines() == [
        "# mine", "other.host:5432:*:lan:keep", "db.example.org:5433:nhom_nghien_cuu:lan:a\\:b\\\\c"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["pgpass"]  # no partial file left


def test_password_file_that_cannot_be_written_is_said(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(passwords.PasswordStoreError, match="could not be written"):
        passwords.write_pgpass(URL, "x", blocker / "pgpass")  # its folder is a file


def test_the_password_file_path_follows_pgpassfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "p"))
    assert passwords.pgpass_path() == tmp_path / "p"
    monkeypatch.delenv("PGPASSFILE")
    assert passwords.pgpass_path().name in (".pgpass", "pgpass.conf")


def test_addresses_round_trip_through_urls() -> None:
    address, password = ServerAddress.from_url("postgres://l%40n:pw@db.example.org:5433/nhom?sslmode=require")
    assert address == ServerAddress("db.example.org", 5433, "nhom", "l@n", "require") and password == "pw"
    assert address.url() == "postgresql://l%40n@db.example.org:5433/nhom?sslmode=require"
    assert ServerAddress.from_url(address.url()) == (address, None)
    assert address.label == "l@n@db.example.org/nhom"
    assert ServerAddress("h", 5432, "d", "u").url() == "postgresql://u@h:5432/d"  # libpq's default sslmode
    kept, _ = ServerAddress.from_url("postgresql://u@h/d?sslrootcert=/etc/ca.pem&sslmode=verify-full")
    assert kept.sslmode == "verify-full" and kept.port == 5432
    assert kept.url() == "postgresql://u@h:5432/d?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem"
    for bad in ("/home/lan/lib.sqlite3", "postgresql://u@h:5432/", "mysql://u@h/d"):
        with pytest.raises(ValueError):
            ServerAddress.from_url(bad)


# --- for real, on the test server ------------------------------------------------------------
def password_role(server: PostgresServer, role: str, password: str) -> str:
    """A login role that must give its password (scram), owning a new database; its URL."""
    import psycopg

    hba = server.data / "pg_hba.conf"
    line = f"host all {role} 127.0.0.1/32 scram-sha-256\n"
    if line not in hba.read_text():
        hba.write_text(line + hba.read_text())  # before the trust lines: the first match wins
    with psycopg.connect(server.url("postgres", driver="postgresql"), autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
            conn.execute(f"CREATE DATABASE {role}_lib OWNER {role}")
    url = f"postgresql://{role}@127.0.0.1:{server.port}/{role}_lib"
    for _ in range(200):  # the reload is a signal: wait until the server asks for the password
        try:
            psycopg.connect(url, connect_timeout=5).close()
        except psycopg.OperationalError:
            return url
    raise AssertionError("the server never asked for a password")


def test_libpq_reads_the_password_file_written(postgres_server: PostgresServer, tmp_path: Path,  # noqa: F811
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    url = password_role(postgres_server, "coder_file", "bí:mật")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    with pytest.raises(ServerAccessError) as refused:
        open_shared(url)
    assert refused.value.kind == PASSWORD and "bí" not in str(refused.value.address)
    passwords.write_pgpass(url, "bí:mật")
    db = open_shared(url)  # no password given: libpq found it in the file
    try:
        assert db.on_server and "bí" not in db.location
    finally:
        db.close()


def test_the_keyring_password_opens_the_library_and_a_wrong_one_is_told(
        postgres_server: PostgresServer, file_keyring: FileKeyring) -> None:  # noqa: F811
    url = password_role(postgres_server, "coder_ring", "s3cret")
    with pytest.raises(ServerAccessError) as wrong:
        open_shared(url, "nope")
    assert wrong.value.kind == PASSWORD and "password authentication failed" in wrong.value.detail
    passwords.save_in_keyring(url, "s3cret")
    db = open_shared(url)
    db.close()
    with pytest.raises(ServerAccessError) as unreachable:
        open_shared(f"postgresql://coder_ring@127.0.0.1:1/{'coder_ring_lib'}")
    assert unreachable.value.kind == UNREACHABLE
