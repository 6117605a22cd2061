"""File -> Open shared library…: the address of a library on a PostgreSQL server, typed in
parts (host, port, database, user, password, encryption) or pasted as a URL.

The dialog only edits an address; opening is the caller's `attempt(url, password)`, which
returns None once the library is open, or the problem in words: the dialog then stays open
with the problem shown under the fields, so a mistyped password is corrected in place. The
URL it builds never carries the password. "Remember the password" says where it would go:
the system keyring, or (without one) the PostgreSQL password file, readable by the user only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.storage.passwords import DEFAULT_PORT
from desktop_app.core.storage.shared_access import DEFAULT_SSLMODE, SSL_MODES, ServerAddress, label_of
from desktop_app.ui.common.plain_text import plain_label

# (url without password, password or None) -> None when opened, else the problem in words
Attempt = Callable[[str, str | None], str | None]


class SharedLibraryDialog(QDialog):
    def __init__(self, attempt: Attempt, recent: Sequence[str] = (), keyring: str | None = None,
                 pgpass: str = "~/.pgpass", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self._options: tuple[tuple[str, str], ...] = ()
        self.setWindowTitle(self.tr("Open shared library"))
        self.setMinimumWidth(520)
        intro = plain_label(self.tr(
            "A library shared by a team lives in a PostgreSQL database on a server. Ask its "
            "administrator for the address, the database and your user name."), wrap=True)

        self.recent = QComboBox()
        self.recent.addItem(self.tr("(a new address)"), "")
        for url in recent:
            self.recent.addItem(label_of(url), url)
        self.recent.setToolTip(self.tr("Shared libraries opened before (their passwords are not kept here)"))
        self.recent.activated.connect(self._recent_chosen)
        self.paste = QLineEdit()
        self.paste.setPlaceholderText("postgresql://user@host:5432/database")
        self.paste.setToolTip(self.tr("Paste a postgresql:// address: the fields below are filled from it"))
        self.paste.textEdited.connect(self._pasted)
        self.paste.editingFinished.connect(self._paste_finished)
        self.host = QLineEdit()
        self.host.setPlaceholderText("db.example.org")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        host_row = QHBoxLayout()
        host_row.addWidget(self.host, 1)
        host_row.addWidget(plain_label(self.tr("Port:")))
        host_row.addWidget(self.port)
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sslmode = QComboBox()
        words = {
            "prefer": self.tr("Encrypted when the server offers it (prefer)"),
            "require": self.tr("Always encrypted (require)"),
            "verify-ca": self.tr("Encrypted, server certificate checked (verify-ca)"),
            "verify-full": self.tr("Encrypted, certificate and host name checked (verify-full)"),
            "allow": self.tr("Unencrypted unless the server insists (allow)"),
            "disable": self.tr("Never encrypted (disable)"),
        }
        for mode in SSL_MODES:
            self.sslmode.addItem(words[mode], mode)
        self.remember = QCheckBox()
        if keyring:
            self.remember.setText(self.tr("Remember the password in the system keyring"))
            where = self.tr("The password is kept by the system keyring ({name}), never in Chú Giải's "
                            "settings.").format(name=keyring)
        else:
            self.remember.setText(self.tr("Remember the password in {file}").format(file=pgpass))
            where = self.tr("No system keyring is available. The password can be written to the "
                            "PostgreSQL password file {file}, readable by you only (mode 0600), "
                            "which psql and other PostgreSQL tools read too. Otherwise it is asked "
                            "for each time.").format(file=pgpass)
        self.remember.setChecked(bool(keyring))
        self.where = plain_label(where, wrap=True, object_name="passwordNote")

        form = QFormLayout()
        if recent:
            form.addRow(self.tr("Recent:"), self.recent)
        form.addRow(self.tr("Address (URL):"), self.paste)
        form.addRow(self.tr("Server:"), host_row)
        form.addRow(self.tr("Database:"), self.database)
        form.addRow(self.tr("User:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Encryption:"), self.sslmode)
        form.addRow("", self.remember)
        self.built = plain_label(selectable=True, object_name="builtUrl")
        self.problem = plain_label(wrap=True, selectable=True, object_name="problem")
        self.problem.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._open)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.where)
        layout.addWidget(self.built)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for edit in (self.host, self.database, self.user):
            edit.textChanged.connect(self._update)
        self.port.valueChanged.connect(self._update)
        self.sslmode.currentIndexChanged.connect(self._update)
        if recent:
            self.fill(recent[0])
        self._update()

    # --- the address ----------------------------------------------------------------------
    def address(self) -> ServerAddress:
        return ServerAddress(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                             self.user.text().strip(), self.sslmode.currentData() or DEFAULT_SSLMODE,
                             self._options)

    def url(self) -> str:
        """The address as a postgresql:// URL, without the password."""
        return self.address().url()

    def fill(self, url: str) -> bool:
        """Fill the fields from a URL (a password in it goes to the password box). False,
        with the reason shown, when it is not a PostgreSQL URL."""
        try:
            address, password = ServerAddress.from_url(url)
        except ValueError as e:
            self.show_problem(self.tr("That address cannot be used: {why}").format(why=e))
            return False
        self._options = address.options  # libpq options the fields do not show: kept
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)
        index = self.sslmode.findData(address.sslmode)
        self.sslmode.setCurrentIndex(max(index, 0))
        if password:
            self.password.setText(password)
        self.recent.setCurrentIndex(max(self.recent.findData(self.url()), 0))  # the entry, if one
        self.show_problem("")
        return True

    def _pasted(self, text: str) -> None:
        """As it is typed or pasted: the fields follow once it reads as an address (a half
        typed one is not an error yet)."""
        try:
            ServerAddress.from_url(text)
        except ValueError:
            return
        self.fill(text)

    def _paste_finished(self) -> None:
        """The user leaves the box: an address that cannot be used is said; a password
        pasted in it shows only in the password box (as dots)."""
        text = self.paste.text()
        if not text.strip():
            return
        try:
            _address, password = ServerAddress.from_url(text)
        except ValueError:
            self.fill(text)  # says why
            return
        if password:
            self.paste.setText(self.url())

    def _recent_chosen(self, index: int) -> None:
        url = self.recent.itemData(index)
        if url:
            self.fill(url)
            self.password.clear()
            self.password.setFocus()

    def _update(self) -> None:
        missing = self.address().problems()
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(not missing)
        self.built.setText(self.tr("Opens: {url}").format(url=self.url()) if not missing else "")

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # --- opening --------------------------------------------------------------------------
    def _open(self) -> None:
        if self.address().problems():
            return
        self.setCursor(Qt.CursorShape.WaitCursor)
        self.buttons.setEnabled(False)
        try:
            problem = self._attempt(self.url(), self.password.text() or None)
        finally:
            self.buttons.setEnabled(True)
            self.unsetCursor()
        if problem:
            self.show_problem(problem)
            self.password.setFocus()
            self.password.selectAll()
            return
        self.accept()
