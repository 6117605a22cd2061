"""The right-hand pane: tag palette, the open article's highlight cards, and the editor."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget
from PySide6.QtCore import Qt

from desktop_app.core.annotations import HighlightInfo, TagInfo
from desktop_app.ui.annotation_panel import (
    HIGHLIGHT_ROLE,
    HighlightEditor,
    HighlightListModel,
    HighlightListView,
)
from desktop_app.ui.orphan_box import OrphanBox
from desktop_app.ui.tag_palette import TAG_ROLE, TagListModel, TagPaletteView


class AnnotationPane(QWidget):
    highlightSelected = Signal(int)  # a card was clicked or chosen with the keyboard
    tagClicked = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        self.tags_title = QLabel(self.tr("TAGS — select text, then click a tag"))
        self.tags_title.setObjectName("panelTitle")
        self.tag_model = TagListModel(self)
        self.palette = TagPaletteView()
        self.palette.setModel(self.tag_model)
        self.palette.clicked.connect(lambda idx: self.tagClicked.emit(idx.data(TAG_ROLE).name))
        self.palette.activated.connect(lambda idx: self.tagClicked.emit(idx.data(TAG_ROLE).name))
        palette_box = QWidget()
        palette_layout = QVBoxLayout(palette_box)
        palette_layout.setContentsMargins(0, 0, 0, 0)
        palette_layout.setSpacing(0)
        palette_layout.addWidget(self.tags_title)
        palette_layout.addWidget(self.palette)

        self.list_title = QLabel()
        self.list_title.setObjectName("panelTitle")
        self.model = HighlightListModel(self)
        self.list = HighlightListView()
        self.list.setModel(self.model)
        self.empty = QLabel(self.tr(
            "No highlights yet.\n\nSelect a passage in the text, then press Ctrl+H, "
            "right-click → Highlight with tags…, or click a tag above."
        ))
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(0)
        list_layout.addWidget(self.list_title)
        list_layout.addWidget(self.stack, 1)
        self.orphans = OrphanBox()
        list_layout.addWidget(self.orphans)

        self.editor = HighlightEditor()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(palette_box)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([130, 500, 170])
        layout.addWidget(self.splitter)

        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.clicked.connect(lambda idx: self.highlightSelected.emit(idx.data(HIGHLIGHT_ROLE).id))
        self._refresh_chrome()

    # --- data in ------------------------------------------------------------------------
    def set_tags(self, tags: list[TagInfo]) -> None:
        self.tag_model.set_tags(tags)

    def set_highlights(self, highlights: list[HighlightInfo]) -> None:
        self.list.cards.forget()
        self.model.set_highlights(highlights)
        self.editor.set_highlight(None)
        self._refresh_chrome()

    def upsert(self, info: HighlightInfo) -> None:
        self.list.cards.forget(info.id)
        self.model.upsert(info)
        if self.editor.current_id() == info.id:
            self.editor.set_highlight(info)
        self._refresh_chrome()

    def remove(self, highlight_id: int) -> None:
        if self.editor.current_id() == highlight_id:
            self.editor.set_highlight(None)
        self.list.cards.forget(highlight_id)
        self.model.remove(highlight_id)
        self._refresh_chrome()

    def select(self, highlight_id: int) -> None:
        """Select a card without emitting highlightSelected (the reader asked for it)."""
        row = self.model.row_of(highlight_id)
        if row < 0:
            return
        index = self.model.index(row)
        self.list.selectionModel().blockSignals(True)
        self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.selectionModel().blockSignals(False)
        self.list.viewport().update()
        self.list.scrollTo(index)
        self.editor.set_highlight(index.data(HIGHLIGHT_ROLE))

    def selected_id(self) -> int | None:
        return self.editor.current_id()

    # --- internals ----------------------------------------------------------------------
    def _on_current_changed(self, current, _previous) -> None:
        info = current.data(HIGHLIGHT_ROLE) if current.isValid() else None
        self.editor.set_highlight(info)
        if info is not None:
            self.highlightSelected.emit(info.id)

    def _refresh_chrome(self) -> None:
        n = self.model.rowCount()
        self.list_title.setText(self.tr("HIGHLIGHTS ({n})").format(n=n))
        self.stack.setCurrentWidget(self.list if n else self.empty)
        self.tags_title.setVisible(True)
