"""Reading settings: font, size, line spacing and theme, tried live on a sample paragraph
and on the open article. OK keeps them; Cancel (or Esc) puts back what was there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.reader.view import ReaderView
from desktop_app.ui.theme import appearance
from desktop_app.ui.theme.appearance import Appearance, ReadingSettings

# Not translated: it shows how the face renders Vietnamese, whatever the interface speaks.
# Letters with two marks (ổ, ứ, ậ) and Đ are the ones weak fonts get wrong.
SAMPLE_TITLE = "Ban Tổ chức Trung ương tổng kết công tác năm"
SAMPLE_TEXT = (
    "(TTXVN) – Sáng 12/10, tại Hà Nội, Ban Tổ chức Trung ương tổ chức hội nghị tổng kết "
    "công tác tổ chức xây dựng Đảng. Đồng chí Trưởng ban nhấn mạnh: công tác cán bộ là "
    "“then chốt của then chốt”, cần tạo chuyển biến cơ bản, vững chắc; kiên quyết đấu tranh "
    "với tình trạng chạy chức, chạy quyền. Hội nghị cũng thảo luận việc đào tạo, bồi dưỡng "
    "đội ngũ cán bộ trẻ, nữ và người dân tộc thiểu số ở cơ sở."
)


class ReadingSettingsDialog(QDialog):
    def __init__(self, looks: Appearance, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reading settings"))
        self._looks = looks
        self._original = looks.current()

        self.family_box = QComboBox()
        for family in appearance.vietnamese_families():
            self.family_box.addItem(family, family)
            font = self.family_box.font()
            font.setFamily(family)
            self.family_box.setItemData(self.family_box.count() - 1, font, Qt.ItemDataRole.FontRole)
        self.family_box.setToolTip(self.tr("Fonts that have every Vietnamese letter"))
        self.size_box = QSpinBox()
        self.size_box.setRange(appearance.MIN_SIZE, appearance.MAX_SIZE)
        self.size_box.setSuffix(self.tr(" pt"))
        self.spacing_box = QSpinBox()
        self.spacing_box.setRange(appearance.MIN_SPACING, appearance.MAX_SPACING)
        self.spacing_box.setSingleStep(appearance.SPACING_STEP)
        self.spacing_box.setSuffix(" %")
        self.spacing_slider = QSlider(Qt.Orientation.Horizontal)
        self.spacing_slider.setRange(appearance.MIN_SPACING, appearance.MAX_SPACING)
        self.spacing_slider.setSingleStep(appearance.SPACING_STEP)
        self.spacing_slider.setPageStep(appearance.SPACING_STEP * 2)
        self.spacing_slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the spin box takes the keys
        self.spacing_slider.valueChanged.connect(self.spacing_box.setValue)
        self.spacing_box.valueChanged.connect(self.spacing_slider.setValue)
        self.theme_box = QComboBox()
        for code, name in ((appearance.SYSTEM, self.tr("Follow the system")),
                           (appearance.LIGHT, self.tr("Light")), (appearance.DARK, self.tr("Dark"))):
            self.theme_box.addItem(name, code)

        form = QFormLayout()
        form.addRow(self._label(self.tr("&Font:"), self.family_box), self.family_box)
        form.addRow(self._label(self.tr("&Size:"), self.size_box), self.size_box)
        spacing_row = QHBoxLayout()
        spacing_row.addWidget(self.spacing_box)
        spacing_row.addWidget(self.spacing_slider, 1)
        form.addRow(self._label(self.tr("&Line spacing:"), self.spacing_box), spacing_row)
        form.addRow(self._label(self.tr("&Theme:"), self.theme_box), self.theme_box)

        self.preview = ReaderView()
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # an illustration, not a stop for Tab
        self.preview.set_article(f"{SAMPLE_TITLE}\n{SAMPLE_TEXT}", (0, len(SAMPLE_TITLE)))
        self.preview.setMinimumSize(600, 320)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self._restore_defaults)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Preview")))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

        self._show(self._original)
        for signal in (self.family_box.currentIndexChanged, self.size_box.valueChanged,
                       self.spacing_box.valueChanged, self.theme_box.currentIndexChanged):
            signal.connect(self._changed)
        self._style_preview(self._original)
        self.family_box.setFocus()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)  # Alt+letter moves to the field
        return label

    def reading(self) -> ReadingSettings:
        """The settings as the fields show them."""
        return ReadingSettings(self.family_box.currentData(), self.size_box.value(), self.spacing_box.value(),
                               self.theme_box.currentData())

    def _show(self, reading: ReadingSettings) -> None:
        index = self.family_box.findData(reading.font_family)
        if index < 0:  # installed, but not listed as Vietnamese: still the user's choice
            self.family_box.addItem(reading.font_family, reading.font_family)
            index = self.family_box.count() - 1
        self.family_box.setCurrentIndex(index)
        self.size_box.setValue(reading.font_size)
        self.spacing_box.setValue(reading.line_spacing)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(reading.theme)))

    def _style_preview(self, reading: ReadingSettings) -> None:
        self.preview.set_reading_style(reading.font(), reading.line_spacing)

    def _changed(self) -> None:
        reading = self.reading()
        self._style_preview(reading)  # at once; the article and theme follow a moment later
        self._looks.preview(reading)

    def _restore_defaults(self) -> None:
        self._show(appearance.defaults())

    def accept(self) -> None:
        self._looks.set_current(self.reading())
        super().accept()

    def reject(self) -> None:
        self._looks.set_current(self._original, save_it=False)
        super().reject()
