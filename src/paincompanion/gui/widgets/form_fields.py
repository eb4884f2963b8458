"""Small input widgets for the entry form: optional 0–10 spin boxes, tag fields with suggestions, qualities."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPalette, QPen, QResizeEvent, QValidator
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QDoubleSpinBox,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

NOT_SET = "not set"


class OptionalScoreSpin(QSpinBox):
    """0–10, or "not set" (stored as None). Clearing the text also means "not set"."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, 10)
        self.setSpecialValueText(NOT_SET)
        self.setValue(-1)
        self.setAccessibleName(name)
        self.setAccelerated(False)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.value() == self.minimum():  # "not set": typing a digit should replace it, however focus came
            self.selectAll()
            QTimer.singleShot(0, self.selectAll)  # again after a mouse click has placed the cursor

    def score(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def setScore(self, value: int | None) -> None:
        self.setValue(-1 if value is None else int(value))

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> int:
        return -1 if not text.strip() or text == NOT_SET else super().valueFromText(text)


class OptionalHoursSpin(QDoubleSpinBox):
    """Hours of sleep 0–24 in half hours, or "not set"."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(2)
        self.setRange(-0.5, 24.0)
        self.setSingleStep(0.5)
        self.setSpecialValueText(NOT_SET)
        self.setSuffix(" h")
        self.setValue(-0.5)
        self.setAccessibleName(name)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.value() == self.minimum():
            self.selectAll()
            QTimer.singleShot(0, self.selectAll)

    def hours(self) -> float | None:
        return None if self.value() < 0 else float(self.value())

    def setHours(self, value: float | None) -> None:
        self.setValue(-0.5 if value is None else float(value))

    def textFromValue(self, value: float) -> str:
        return f"{value:.2f}".rstrip("0").rstrip(".")

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not text.strip() or text.strip() == self.suffix().strip():
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> float:
        bare = text.replace(self.suffix().strip(), "").strip()
        return -0.5 if not bare or text == NOT_SET else super().valueFromText(text)


def chain_tab_order(anchor: QWidget, widgets: Sequence[QWidget]) -> None:
    """Put `widgets` right after `anchor` in the Tab order (widgets made later otherwise go last)."""
    previous = anchor
    for widget in widgets:
        QWidget.setTabOrder(previous, widget)
        previous = widget


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


class TagEdit(QLineEdit):
    """Comma-separated tags; offers past tags (most used first) for the tag being typed."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.activated.connect(self._insert)
        self.textEdited.connect(self._update_completion)

    def set_suggestions(self, tags: Sequence[str]) -> None:
        self._model.setStringList(list(tags))
        example = ", ".join(tags[:2]) if tags else "cold weather, long walk"
        self.setPlaceholderText(f"e.g. {example} (commas between)")

    def suggestions(self) -> list[str]:
        return self._model.stringList()

    def tags(self) -> tuple[str, ...]:
        return split_tags(self.text())

    def set_tags(self, tags: Iterable[str]) -> None:
        self.setText(", ".join(tags))

    def _current_fragment(self) -> str:
        return self.text()[: self.cursorPosition()].rsplit(",", 1)[-1].strip()

    def _update_completion(self) -> None:
        fragment = self._current_fragment()
        popup = self._completer.popup()
        assert popup is not None  # QCompleter.popup() makes one when there is none yet
        if not fragment:
            popup.hide()
            return
        self._completer.setCompletionPrefix(fragment)
        if self._completer.completionCount() == 0:
            popup.hide()
            return
        popup.setCurrentIndex(self._completer.completionModel().index(0, 0))
        self._completer.complete()

    def _insert(self, tag: str) -> None:
        before = self.text()[: self.cursorPosition()]
        after = self.text()[self.cursorPosition() :]
        head = before.rsplit(",", 1)[0] + ", " if "," in before else ""
        tail = after.split(",", 1)[1] if "," in after else ""
        self.setText(f"{head}{tag}, {tail.strip()}".rstrip())
        self.setCursorPosition(len(f"{head}{tag}, "))


class VisibleCheckDelegate(QStyledItemDelegate):
    """Draws a clear outline round each check box: Fusion's own outline all but vanishes in dark palettes."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if not opt.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator:
            return
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, widget)
        colour = QColor(opt.palette.color(QPalette.ColorRole.Text))
        colour.setAlpha(170)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5), 2, 2)
        painter.restore()


class QualitiesList(QListWidget):
    """Pain qualities as checkable items that wrap in rows: one Tab stop, arrows move, Space ticks."""

    changed = Signal()

    def __init__(self, qualities: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("What the pain feels like")
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(0)
        self.setTabKeyNavigation(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(VisibleCheckDelegate(self))
        self._order: list[str] = []
        for quality in qualities:
            self._add(quality)
        self._update_grid()
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self.itemActivated.connect(self._toggle)

    def _add(self, quality: str) -> QListWidgetItem:
        item = QListWidgetItem(quality, self)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def _items(self) -> list[QListWidgetItem]:
        return [self.item(i) for i in range(self.count())]

    def _toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def qualities(self) -> tuple[str, ...]:
        """Ticked qualities: those loaded keep their order, newly ticked ones follow in list order."""
        ticked = [it.text() for it in self._items() if it.checkState() == Qt.CheckState.Checked]
        rank = {q: i for i, q in enumerate(self._order)}
        return tuple(sorted(ticked, key=lambda q: (rank.get(q, len(rank)), ticked.index(q))))

    def set_qualities(self, qualities: Iterable[str]) -> None:
        self._order = list(qualities)
        known = {it.text(): it for it in self._items()}
        for quality in self._order:
            if quality not in known:
                known[quality] = self._add(quality)  # a quality from an import or the CLI
                self._update_grid()
        for text, item in known.items():
            item.setCheckState(Qt.CheckState.Checked if text in self._order else Qt.CheckState.Unchecked)

    def _update_grid(self) -> None:
        """Equal cells wide enough for the longest word, so nothing is cut off."""
        if not self.count():
            return
        hints = [self.sizeHintForIndex(self.model().index(i, 0)) for i in range(self.count())]
        pad = self.fontMetrics().averageCharWidth() * 2
        self.setGridSize(QSize(max(h.width() for h in hints) + pad, max(h.height() for h in hints) + 6))
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._update_grid()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wanted = self.heightForWidth(self.width())
        if wanted and self.height() != wanted:
            self.setFixedHeight(wanted)  # rows follow the width; form layouts do not ask heightForWidth

    def sizeHint(self) -> QSize:
        cell = self.gridSize()
        width = cell.width() * 5 + 2 * self.frameWidth()
        return QSize(width, self.heightForWidth(max(self.width(), width)))

    def minimumSizeHint(self) -> QSize:
        cell = self.gridSize()
        return QSize(cell.width() * 2 + 2 * self.frameWidth(), self.heightForWidth(self.width()))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        cell = self.gridSize()
        if not self.count() or cell.width() <= 0:
            return 0
        usable = max(1, width - 2 * self.frameWidth())
        per_row = max(1, usable // cell.width())
        rows = -(-self.count() // per_row)
        return rows * cell.height() + 2 * self.frameWidth() + 2
