"""File -> Restore from backup…: the automatic backups, newest first (when, why, size, how
many articles), to choose one; or any other backup file. The dialog only chooses: the
window asks for confirmation and restores (ui/window/safety.py); at start, the dialog for
a library that cannot be opened uses it the same way."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.storage.backups import (
    BEFORE_RESTORE,
    CLOSE,
    MANUAL,
    PERIODIC,
    BackupInfo,
    backup_article_count,
)
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.common import file_dialogs
from desktop_app.ui.common.formatting import display_date, file_size
from desktop_app.ui.common.plain_text import plain_label
from desktop_app.ui.i18n import number

Index = QModelIndex | QPersistentModelIndex


def when(info: BackupInfo) -> str:
    return display_date(info.created.isoformat(timespec="minutes"))


class BackupsModel(QAbstractTableModel):
    """The backups as rows; article counts arrive later (read in the background)."""

    def __init__(self, backups: list[BackupInfo], parent=None) -> None:
        super().__init__(parent)
        self.backups = list(backups)
        self.counts: dict[Path, int | None] = {}
        self.headers = [self.tr("When"), self.tr("Made"), self.tr("Size"), self.tr("Articles")]
        self.reasons = {CLOSE: self.tr("on closing"), PERIODIC: self.tr("while working"),
                        MANUAL: self.tr("by hand"), BEFORE_RESTORE: self.tr("before a restore")}

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        info = self.backups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return when(info)
            if column == 1:
                return self.reasons.get(info.reason, info.reason)
            if column == 2:
                return file_size(info.size)
            count = self.counts.get(info.path, -1)
            return "…" if count == -1 else ("?" if count is None else number(count))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return info
        return None

    def set_counts(self, counts: dict[Path, int | None]) -> None:
        self.counts = dict(counts)
        if self.backups:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self.backups) - 1, 3))

    def count_of(self, info: BackupInfo) -> int | None:
        return self.counts.get(info.path)


class RestoreDialog(QDialog):
    """Choose a backup; once accepted, `choice()` says which."""

    def __init__(self, folder: Path, backups: list[BackupInfo], parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings  # where "Other file…" starts: the folder last used for backups
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(620, 420)
        self._path: Path | None = None
        intro = plain_label(self.tr(
            "Automatic backups of the library, newest first. Restoring one replaces everything in "
            "the library with it; the library as it is now is kept as a safety copy first."), wrap=True)
        self.folder = plain_label(str(folder), selectable=True, wrap=True, object_name="backupFolder")
        self.model = BackupsModel(backups, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = plain_label(self.tr("No automatic backup yet: the first is made when the window "
                                         "closes after changes, or after 30 minutes of work."), wrap=True)
        self.empty.setVisible(not backups)
        self.table.setVisible(bool(backups))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(self.tr("Restore…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = self.buttons.addButton(self.tr("Other file…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setEnabled(False)
        self.restore_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.other_button.clicked.connect(self._other_file)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.chosen() is not None))
        self.table.doubleClicked.connect(lambda _index: self.accept())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.folder)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.buttons)
        if backups:
            self.table.selectRow(0)
            self._count_articles(backups)

    def _count_articles(self, backups: list[BackupInfo]) -> None:
        (BackgroundOp(self, lambda _progress: {b.path: backup_article_count(b.path) for b in backups})
         .on_success(self.model.set_counts)
         .on_failure(lambda _message: None)
         .run())

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def choice(self) -> tuple[Path, BackupInfo | None] | None:
        """What to restore: a file from "Other file…" (no BackupInfo), or the chosen row."""
        if self._path is not None:
            return self._path, None
        info = self.chosen()
        return (info.path, info) if info is not None else None

    def articles_in(self, info: BackupInfo) -> int | None:
        return self.model.count_of(info)

    def _other_file(self) -> None:
        title = self.tr("Restore from a backup file")
        filters = self.tr("Chú Giải library (*.sqlite3 *.db);;All files (*)")
        if self.settings is not None:
            path = file_dialogs.open_file_name(self, self.settings, "backups", title, filters)
        else:
            path, _ = QFileDialog.getOpenFileName(self, title, str(file_dialogs.default_folder()), filters)
        if path:
            self._path = Path(path)
            self.accept()
