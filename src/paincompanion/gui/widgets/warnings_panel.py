"""Interaction warnings, most serious first: one entry each (severity word, summary, which items), expandable
with the mouse or the keyboard for why it happens, what to ask, and the sources. Never says "safe"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.interactions import InteractionWarning, Severity
from ...interactions.about import mentions_kratom
from ...interactions.checker import no_rules_message
from ..theme import is_dark, readable

NOT_RECOGNISED = "not recognised — no interaction information"
NO_WARNING = "The dataset has no warning for these items."
DISCLAIMER = "It does not replace a pharmacist or doctor."

#: A symbol per severity, so the level never depends on colour alone.
SYMBOLS: dict[Severity, str] = {
    Severity.CONTRAINDICATED: "✖",
    Severity.MAJOR: "▲",
    Severity.MODERATE: "◆",
    Severity.MINOR: "●",
}
UNKNOWN_SYMBOL = "?"
_LIGHT = {
    Severity.CONTRAINDICATED: "#8e0000",
    Severity.MAJOR: "#b3261e",
    Severity.MODERATE: "#8a5000",
    Severity.MINOR: "#1b5e96",
}
_DARK = {
    Severity.CONTRAINDICATED: "#ff7b7b",
    Severity.MAJOR: "#ffab91",
    Severity.MODERATE: "#ffd180",
    Severity.MINOR: "#90caf9",
}
KIND_WORDS = {"duplicate": "overlap", "daily-limit": "daily limit", "interaction": ""}


def severity_colour(severity: Severity, palette: QPalette) -> QColor:
    """A colour for the level that reads on the window background, light, dark or high contrast (4.5:1 at
    least, else the text colour); always paired with its symbol and word, never colour alone."""
    return readable(QColor((_DARK if is_dark(palette) else _LIGHT)[severity]), palette)


def severity_mark(severity: Severity) -> str:
    """Symbol and word, e.g. "▲ Major"."""
    return f"{SYMBOLS[severity]} {severity.label}"


def dataset_line(version: str) -> str:
    return f"From the bundled dataset (version {version}). {DISCLAIMER}"


def count_line(warnings: Sequence[InteractionWarning]) -> str:
    """ "3 warnings: 1 major, 2 moderate." (plain words, most serious first)."""
    counts = {s: 0 for s in Severity}
    for warning in warnings:
        counts[warning.severity] += 1
    parts = [f"{n} {s.value}" for s in sorted(Severity, key=lambda s: -s.rank) if (n := counts[s])]
    noun = "warning" if len(warnings) == 1 else "warnings"
    return f"{len(warnings)} {noun}: {', '.join(parts)}."


def unrecognised_line(names: Iterable[str], suggestions: Mapping[str, Sequence[str]] | None = None) -> str:
    """ "Not recognised — no interaction information: a (did you mean b?), c"."""
    shown = []
    for name in names:
        hint = list((suggestions or {}).get(name, ()))[:3]
        shown.append(f"“{name}” (did you mean {' or '.join(hint)}?)" if hint else f"“{name}”")
    return f"Not recognised — no interaction information: {', '.join(shown)}." if shown else ""


def no_rules_line(no_rules: Iterable[tuple[str, Sequence[str]]]) -> str:
    """ "“metformin”: no interaction rules for Metformin in this dataset." for each recognised item no rule covers."""
    return " ".join(f"“{item}”: {no_rules_message(names)}." for item, names in no_rules)


def warning_plain_text(warning: InteractionWarning) -> str:
    """The one-line text of a warning (screen readers, tests, copying)."""
    kind = KIND_WORDS.get(warning.kind, "")
    kind_text = f" ({kind})" if kind else ""
    return f"{warning.severity.label}{kind_text}: {warning.summary} Involves: {', '.join(warning.items)}."


def breakable(text: str) -> str:
    """Let long addresses wrap: a zero-width space after / ? & = (labels cannot wrap inside a word)."""
    return re.sub(r"([/?&=_])", "\\1\u200b", text)


def details_html(warning: InteractionWarning) -> str:
    sources = "".join(
        f"<p style='margin-left:12px; margin-top:2px; margin-bottom:4px'>• {escape(source.title)}"
        f"{' — ' + escape(breakable(source.reference())) if source.reference() else ''}</p>"
        for source in warning.sources
    )
    return (
        f"<p><b>Why:</b> {escape(warning.mechanism)}</p>"
        f"<p><b>What to ask your pharmacist or doctor:</b> {escape(warning.advice)}</p>"
        f"<p style='margin-bottom:0'><b>Sources:</b></p>{sources}"
    )


def details_plain_text(warning: InteractionWarning) -> str:
    sources = "; ".join(f"{s.title} {s.reference()}".strip() for s in warning.sources)
    return f"Why: {warning.mechanism} What to ask your pharmacist or doctor: {warning.advice} Sources: {sources}"


class WarningRow(QFrame):
    """One warning: a Details toggle (Space/Enter or a click on the text) and the text; details hidden at first."""

    toggled = Signal(bool)
    kratom_requested = Signal()

    def __init__(self, warning: InteractionWarning, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.warning = warning
        self.setObjectName(f"warningRow{number}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 8, 6)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName(f"warningToggle{number}")
        self.toggle.setCheckable(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setText("Details")
        self.toggle.setAccessibleName(f"Details of warning {number}: {warning_plain_text(warning)}")
        height = self.fontMetrics().height() * 2
        self.toggle.setMinimumHeight(height)
        self.toggle.toggled.connect(self.set_expanded)
        row.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(4)
        self.header = QLabel(self)
        self.header.setObjectName(f"warningHeader{number}")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setAccessibleName(warning_plain_text(warning))
        self.header.installEventFilter(self)
        self.details = QLabel(details_html(warning), self)
        self.details.setObjectName(f"warningDetails{number}")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(details_plain_text(warning))
        self.details.setVisible(False)
        for label in (self.header, self.details):
            label.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # text to read and copy; the toggle is the Tab stop
            label.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)  # wrap instead of widening the panel
        text.addWidget(self.header)
        text.addWidget(self.details)
        self.kratom_button: QPushButton | None = None
        if mentions_kratom(warning.ingredients):  # kratom or 7-OH: the page says what to know and what to do
            self.kratom_button = QPushButton("Kratom: what to know", self)
            self.kratom_button.setObjectName(f"warningKratom{number}")
            self.kratom_button.setAccessibleName("Open the page Kratom: what to know")
            self.kratom_button.clicked.connect(self.kratom_requested)
            self.kratom_button.setVisible(False)
            text.addWidget(self.kratom_button, 0, Qt.AlignmentFlag.AlignLeft)
        row.addLayout(text, 1)
        self._paint_header()

    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, on: bool) -> None:
        if self.toggle.isChecked() != on:
            self.toggle.setChecked(on)  # re-enters through the toggled signal
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        # Screen readers get the details with the toggle, as they are not a Tab stop of their own.
        self.toggle.setAccessibleDescription(f"Expanded. {details_plain_text(self.warning)}" if on else "Collapsed")
        self.details.setVisible(on)
        if self.kratom_button is not None:
            self.kratom_button.setVisible(on)
        self.toggled.emit(on)

    def _paint_header(self) -> None:
        warning = self.warning
        colour = severity_colour(warning.severity, self.palette()).name()
        kind = KIND_WORDS.get(warning.kind, "")
        kind_html = f" <i>({escape(kind)})</i>" if kind else ""
        items = ", ".join(escape(item) for item in warning.items)
        self.header.setText(
            f"<b style='color:{colour}'>{escape(severity_mark(warning.severity))}</b>{kind_html} — "
            f"{escape(warning.summary)}<br><span>Involves: <b>{items}</b></span>"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.header
            and isinstance(event, QMouseEvent)
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
            and not self.header.hasSelectedText()
        ):
            self.toggle.toggle()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._paint_header()


class WarningsPanel(QWidget):
    """The dataset line, a count, the unrecognised names, and the warnings in a scroll area."""

    #: A kratom or 7-OH warning's "Kratom: what to know" button was pressed.
    kratom_requested = Signal()

    def __init__(self, title: str = "Warnings", parent: QWidget | None = None, *, scroll: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("warningsPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(title, self)
        self.title.setObjectName("warningsTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setVisible(bool(title))
        self.source_line = self._label("warningsSource")
        self.summary = self._label("warningsSummary")
        self.unrecognised = self._label("warningsUnrecognised")
        self.expand_button = QToolButton(self)
        self.expand_button.setObjectName("expandAllWarnings")
        self.expand_button.setText("Show all details")
        self.expand_button.setAccessibleName("Show all details of the warnings")
        self.expand_button.clicked.connect(self._toggle_all)
        self.expand_button.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        if not title:
            top.addStretch(1)
        top.addWidget(self.expand_button)
        layout.addLayout(top)
        layout.addWidget(self.source_line)
        layout.addWidget(self.summary)
        layout.addWidget(self.unrecognised)
        self.rows_widget = QWidget(self)
        self.rows_widget.setObjectName("warningRows")
        self.rows_layout = QVBoxLayout(self.rows_widget)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.addStretch(1)
        if scroll:
            self.scroll_area = QScrollArea(self)
            self.scroll_area.setObjectName("warningsScroll")
            self.scroll_area.setWidgetResizable(True)
            self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the rows are the Tab stops
            self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.scroll_area.setWidget(self.rows_widget)
            layout.addWidget(self.scroll_area, 1)
        else:
            layout.addWidget(self.rows_widget)
        self.rows: list[WarningRow] = []

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        label.setVisible(False)
        return label

    def _set(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setAccessibleName(text)
        label.setVisible(bool(text))

    def show_warnings(
        self,
        warnings: Sequence[InteractionWarning],
        *,
        version: str | None,
        unrecognised: Sequence[str] = (),
        suggestions: Mapping[str, Sequence[str]] | None = None,
        none_text: str = NO_WARNING,
        intro: str = "",
        no_rules: Sequence[tuple[str, Sequence[str]]] = (),
    ) -> None:
        """Replace the content. `none_text` is said when there is no warning (it must never claim safety);
        `intro` goes before the count of warnings; `no_rules` names recognised items that no rule covers."""
        self._set(self.source_line, dataset_line(version) if version else "")
        self._set(self.summary, intro + count_line(warnings) if warnings else none_text)
        notes = [unrecognised_line(unrecognised, suggestions), no_rules_line(no_rules)]
        self._set(self.unrecognised, "\n".join(n for n in notes if n))
        self._clear_rows()
        for number, warning in enumerate(sorted(warnings, key=InteractionWarning.sort_key), start=1):
            row = WarningRow(warning, number, self.rows_widget)
            row.toggled.connect(self._update_expand_button)
            row.kratom_requested.connect(self.kratom_requested)
            self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
            self.rows.append(row)
        previous: QWidget = self.expand_button
        for row in self.rows:  # Tab goes from "Show all details" through the rows, then on as before
            QWidget.setTabOrder(previous, row.toggle)
            previous = row.toggle
            if row.kratom_button is not None:
                QWidget.setTabOrder(previous, row.kratom_button)
                previous = row.kratom_button
        self.expand_button.setVisible(len(self.rows) > 0)
        self._update_expand_button()

    def show_message(self, text: str) -> None:
        """Only a message (nothing to check yet, or an error)."""
        self._set(self.source_line, "")
        self._set(self.unrecognised, "")
        self._set(self.summary, text)
        self._clear_rows()
        self.expand_button.setVisible(False)

    def _clear_rows(self) -> None:
        for row in self.rows:
            self.rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []

    def set_all_expanded(self, on: bool) -> None:
        for row in self.rows:
            row.set_expanded(on)

    def _toggle_all(self) -> None:
        self.set_all_expanded(not all(row.expanded() for row in self.rows))

    def _update_expand_button(self) -> None:
        all_open = bool(self.rows) and all(row.expanded() for row in self.rows)
        self.expand_button.setText("Hide all details" if all_open else "Show all details")
        self.expand_button.setAccessibleName(
            "Hide all details of the warnings" if all_open else "Show all details of the warnings"
        )

    def all_text(self) -> str:
        """Everything the panel says, for tests and copying."""
        parts = [self.source_line.text(), self.summary.text(), self.unrecognised.text()]
        for row in self.rows:
            parts += [warning_plain_text(row.warning), details_plain_text(row.warning)]
        return "\n".join(p for p in parts if p)
