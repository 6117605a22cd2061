"""The right-hand pane: tag palette, the open article's highlight cards, the editor of
one highlight, and the memo on the whole article."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annotate.highlights import HighlightInfo, TagInfo
from desktop_app.ui.common.coder_look import CoderLook
from desktop_app.ui.common.match_level import MatchLevelButton
from desktop_app.ui.library.filters import tree_items
from desktop_app.ui.panel.cards import (
    HIGHLIGHT_ROLE,
    HighlightEditor,
    HighlightListModel,
    HighlightListView,
)
from desktop_app.ui.panel.fitting import PanelFitter
from desktop_app.ui.panel.memo_box import MemoBox
from desktop_app.ui.panel.orphan_box import OrphanBox
from desktop_app.ui.panel.tag_palette import TAG_ROLE, TagListModel, TagPaletteView


class PanelSplitter(QSplitter):
    """The pane's splitter. Sizes saved by a version with fewer panes (before the memo)
    would leave a new pane at zero height, unseen: it gets its default height instead."""

    def __init__(self, defaults: list[int], parent=None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.defaults = defaults

    restored = False  # sizes came from the settings: the user's, not ours to set

    def restoreState(self, state: QByteArray) -> bool:
        restored = super().restoreState(state)
        self.restored = self.restored or restored
        saved = _saved_pane_count(state)
        if restored and saved is not None and saved < self.count() == len(self.defaults):
            sizes = self.sizes()
            for i in range(saved, self.count()):
                sizes[i] = self.defaults[i]
            self.setSizes(sizes)
        return restored

    def reveal(self, index: int) -> None:
        """Give a pane dragged shut its default height back, taken from the largest pane."""
        sizes = self.sizes()
        if sizes[index] > 0:
            return
        largest = max(range(len(sizes)), key=lambda i: sizes[i])
        grant = min(self.defaults[index], max(sizes[largest] // 2, 1))
        sizes[largest] -= grant
        sizes[index] = grant
        self.setSizes(sizes)


def _saved_pane_count(state: QByteArray) -> int | None:
    """How many sizes a QSplitter.saveState() holds: big-endian marker 0xff, version,
    then the size list's length."""
    data = bytes(state.data())
    if len(data) < 12 or int.from_bytes(data[0:4], "big") != 0xFF:
        return None
    return int.from_bytes(data[8:12], "big")


class AnnotationPane(QWidget):
    highlightSelected = Signal(int)  # a card was clicked or chosen with the keyboard
    tagClicked = Signal(str)
    bulkTagRequested = Signal(list, bool)  # highlight ids; True: add tags, False: remove
    bulkDeleteRequested = Signal(list)
    memoEdited = Signal(int, str, int)  # article id, memo, version seen: the window stores it

    MEMO_PANE = 3

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
        # No taller than title and chips (the palette's maximum follows its chips): the
        # room a few tags leave goes to the cards.
        self.tags_title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        palette_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinAndMaxSize)

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
        list_layout.addWidget(self._make_filter_row())
        list_layout.addWidget(self.stack, 1)
        self.orphans = OrphanBox()
        list_layout.addWidget(self.orphans)

        self.editor = HighlightEditor()
        self.memo = MemoBox()
        self.memo.memoEdited.connect(self.memoEdited)
        # The memo is the last pane: dragged shut, it gives the cards all their room back.
        self.splitter = PanelSplitter([130, 420, 170, 100])
        self.splitter.addWidget(palette_box)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.memo)
        for i, stretch in enumerate((0, 1, 0, 0)):
            self.splitter.setStretchFactor(i, stretch)
        self.splitter.setSizes(self.splitter.defaults)
        layout.addWidget(self.splitter)
        self.fitter = PanelFitter(self)  # pane heights: palette to its chips, cards the rest

        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._card_menu)
        self.list.clicked.connect(lambda idx: self.highlightSelected.emit(idx.data(HIGHLIGHT_ROLE).id))
        self._refresh_chrome()

    def _make_filter_row(self) -> QWidget:
        row = QWidget()
        row.setObjectName("highlightFilters")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 0, 8, 4)
        layout.setSpacing(4)
        self.filter_text = QLineEdit()
        self.filter_text.setPlaceholderText(self.tr("Filter (diacritics optional)"))
        self.filter_text.setClearButtonEnabled(True)
        self.filter_text.setAccessibleName(self.tr("Filter highlights by text"))
        self.filter_tag = QComboBox()
        self.filter_tag.setAccessibleName(self.tr("Filter highlights by tag"))
        self.filter_tag.addItem(self.tr("All tags"), None)
        self.order = QComboBox()
        self.order.setAccessibleName(self.tr("Order of highlights"))
        self.order.addItem(self.tr("By position"), "position")
        self.order.addItem(self.tr("By time"), "time")
        self.filter_level = MatchLevelButton(self.filter_text)  # follows the text until the user picks
        layout.addWidget(self.filter_text, 2)
        layout.addWidget(self.filter_tag, 1)
        layout.addWidget(self.order)
        self.filter_text.textChanged.connect(self.filter_level.follow)
        self.filter_text.textChanged.connect(self._apply_filter)
        self.filter_level.chosen.connect(self._apply_filter)
        self.filter_tag.currentIndexChanged.connect(self._apply_filter)
        self.order.currentIndexChanged.connect(self._apply_filter)
        return row

    def _apply_filter(self) -> None:
        selected = self.selected_id()
        self.model.set_filter(self.filter_text.text(), self.filter_tag.currentData(), self.order.currentData(),
                              self.filter_level.level())
        if selected is not None:
            self.select(selected)
        self._refresh_chrome()

    # --- several cards at once --------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.list.selectionModel().selectedIndexes())
        return [self.model.index(r).data(HIGHLIGHT_ROLE).id for r in rows]

    def step(self, delta: int) -> None:
        """Select the next (1) or previous (-1) card shown, and tell the window."""
        n = self.model.rowCount()
        if not n:
            return
        current = self.list.currentIndex()
        row = (current.row() + delta) % n if current.isValid() else (0 if delta > 0 else n - 1)
        self.list.setCurrentIndex(self.model.index(row))  # emits highlightSelected

    def _card_menu(self, pos) -> None:
        menu = self.card_menu(self.selected_ids())
        if menu is not None:
            menu.exec(self.list.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def card_menu(self, ids: list[int]) -> QMenu | None:
        """What right-clicking the selected cards offers (None: nothing selected)."""
        if not ids:
            return None
        menu = QMenu(self)
        n = len(ids)
        menu.addAction(self.tr("Add tags to %n highlight(s)…", "", n),
                       lambda: self.bulkTagRequested.emit(ids, True))
        menu.addAction(self.tr("Remove tags from %n highlight(s)…", "", n),
                       lambda: self.bulkTagRequested.emit(ids, False))
        menu.addSeparator()
        menu.addAction(self.tr("Delete %n highlight(s)", "", n),
                       lambda: self.bulkDeleteRequested.emit(ids))
        return menu

    # --- data in ------------------------------------------------------------------------
    def set_tags(self, tags: list[TagInfo]) -> None:
        self.tag_model.set_tags(tags)
        current = self.filter_tag.currentData()
        self.filter_tag.blockSignals(True)
        self.filter_tag.clear()
        self.filter_tag.addItem(self.tr("All tags"), None)
        for label, name in tree_items([t.name for t in tags]):
            self.filter_tag.addItem(label, name)
        at = self.filter_tag.findData(current) if current is not None else 0
        self.filter_tag.setCurrentIndex(max(at, 0))
        self.filter_tag.blockSignals(False)
        if current is not None and at < 0:
            self._apply_filter()  # the tag filtered on is gone

    def set_coder_look(self, look: CoderLook) -> None:
        """Whose cards are whose (ui/common/coder_look.py): names and dashed borders."""
        self.list.cards.look = self.editor.look = look
        self.list.cards.forget()
        self.list.doItemsLayout()  # heights change with the coder line
        self.list.viewport().update()

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

    # --- the article's memo ---------------------------------------------------------------
    def show_memo(self, article_id: int | None, memo: str = "", version: int = -1) -> None:
        """The memo of the article just opened; a pending edit of the last one is sent first.
        `version`: the memo's as read (-1: not known)."""
        self.memo.set_article(article_id, memo, version)

    def flush_memo(self) -> None:
        self.memo.flush_memo()

    def focus_memo(self) -> None:
        """Bring the memo into view (even if its pane was dragged shut) and type in it."""
        self.splitter.reveal(self.MEMO_PANE)
        self.memo.focus()

    def set_read_only(self, read_only: bool) -> None:
        self.memo.set_read_only(read_only)

    # --- internals ----------------------------------------------------------------------
    def _on_current_changed(self, current, _previous) -> None:
        info = current.data(HIGHLIGHT_ROLE) if current.isValid() else None
        self.editor.set_highlight(info)
        if info is not None:
            self.highlightSelected.emit(info.id)

    def _refresh_chrome(self) -> None:
        n, total = self.model.rowCount(), len(self.model.highlights())
        if n == total:
            self.list_title.setText(self.tr("HIGHLIGHTS ({n})").format(n=n))
        else:
            self.list_title.setText(self.tr("HIGHLIGHTS ({n} OF {total})").format(n=n, total=total))
        self.stack.setCurrentWidget(self.list if n or total else self.empty)
        self.tags_title.setVisible(True)
