"""The detail pane of the Routines page: what a routine is, its steps, when to stop, its sources, and its actions."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ...domain.routines import CONDITIONS
from ...routines.safety_text import LEVELS_NOTE, safety_sections, triage_sections

if TYPE_CHECKING:
    from ...domain.routines import Routine, Source, Step

NOTHING_CHOSEN = "Choose a routine from the list to see its steps."


def seconds_text(seconds: int) -> str:
    """E.g. "30 seconds", "2 minutes", "1 min 30 s"."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    if not rest:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{minutes} min {rest} s"


def step_extra(step: Step) -> str:
    """How long and how often, e.g. "5 seconds, 8 times, left side" ('' when the step has neither)."""
    parts = []
    if step.seconds is not None:
        parts.append(seconds_text(step.seconds) + (" each" if step.repetitions else ""))
    if step.repetitions is not None:
        parts.append(f"{step.repetitions} time{'s' if step.repetitions != 1 else ''}")
    if step.side:
        parts.append(f"{step.side} side")
    return ", ".join(parts)


def source_text(source: Source) -> str:
    where = source.url or (f"doi:{source.doi}" if source.doi else "") or (f"PMID {source.pmid}" if source.pmid else "")
    return f"{source.title} — {where}" if where else source.title


def review_text(routine: Routine) -> str:
    """Plainly whether a clinician has checked the routine ('' for the user's own routines)."""
    if routine.origin == "user":
        return ""
    if routine.reviewed and routine.review is not None:
        return f"✓ {routine.review.text()}"
    return "Not yet reviewed by a clinician"


def meta_text(routine: Routine, favourite: bool) -> str:
    parts = [routine.kind.label, f"about {routine.minutes} minutes", routine.level.label]
    if routine.origin == "user":
        parts.append("My routine")
    else:
        parts.append("Reviewed" if routine.reviewed else "Awaiting review")
    if favourite:
        parts.append("★ Favourite")
    return " · ".join(parts)


def _list(items: list[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def routine_html(routine: Routine) -> str:
    """The routine's text as simple HTML (everything escaped): summary, conditions, steps, safety, sources."""
    out: list[str] = []
    if routine.summary:
        out.append(f"<p>{escape(routine.summary)}</p>")
    if routine.conditions:
        names = ", ".join(CONDITIONS.get(c, c) for c in routine.conditions)
        out.append(f"<p><b>Suits:</b> {escape(names)}</p>")
    if routine.frequency:
        out.append(f"<p><b>How often:</b> {escape(routine.frequency)}</p>")
    if routine.flare_tip:
        out.append(f"<p><b>On a flare-up day:</b> {escape(routine.flare_tip)}</p>")
    review = review_text(routine)
    if review:
        out.append(f"<p><b>Review:</b> {escape(review)}</p>")
    before = triage_sections(routine)
    if routine.triage is not None:
        out.append(f"<h3>Before you start. {escape(routine.triage.title)}</h3>")
        out += [f"<p><b>{escape(h)}</b></p>" + _list([escape(t) for t in items]) for h, items in before if items]
    steps = []
    for step in routine.steps:
        extra = step_extra(step)
        steps.append(escape(step.text) + (f" <i>({escape(extra)})</i>" if extra else ""))
    out.append("<h3>Steps</h3>" + _list(steps, ordered=True))
    if routine.is_worksheet:
        fields = [escape(f.label) for f in routine.worksheet]
        out.append("<h3>You fill in</h3>" + _list(fields))
    if routine.progression is not None:
        levels = [
            f"<b>{escape(v.name)}</b>: {escape(v.dose)}" + (f" <i>Move up: {escape(v.move_up)}</i>" * bool(v.move_up))
            for v in routine.progression.levels
        ]
        out.append(f"<h3>Levels</h3><p>{escape(LEVELS_NOTE.capitalize())}</p>" + _list(levels, ordered=True))
        if routine.progression.supervised:
            out.append(f"<p>{escape(routine.progression.supervised)}</p>")
    for heading, items in safety_sections(routine):
        if (heading, items) not in before:
            out.append(f"<h3>{escape(heading)}</h3>" + _list([escape(t) for t in items]))
    if routine.sources:
        out.append("<h3>Sources</h3>" + _list([escape(source_text(s)) for s in routine.sources]))
    elif routine.origin == "user":
        out.append("<p><i>Your own routine: no sources listed.</i></p>")
    return "\n".join(out)


def _button(text: str, name: str, accessible: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    return button


class RoutineDetail(QWidget):
    """Title, a one-line summary of kind/length/level, the action buttons and the routine's text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routineDetail")
        self.title_label = QLabel(NOTHING_CHOSEN, self)
        self.title_label.setObjectName("routineTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title_label.setFont(font)
        self.meta_label = QLabel(self)
        self.meta_label.setObjectName("routineMeta")
        self.meta_label.setWordWrap(True)
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)

        self.start_button = _button("&Start", "startRoutine", "Start the chosen routine", self)
        big = QFont(self.start_button.font())
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.15)
        self.start_button.setFont(big)
        self.favourite_button = _button("Add to favou&rites", "favouriteRoutine", "Add to favourites", self)
        self.duplicate_button = _button(
            "D&uplicate to adapt…", "duplicateRoutine", "Duplicate the chosen routine to adapt it", self
        )
        self.edit_button = _button("Edi&t…", "editRoutine", "Edit your routine", self)
        self.delete_button = _button("&Delete", "deleteRoutine", "Delete your routine", self)

        self.text = QTextBrowser(self)
        self.text.setObjectName("routineText")
        self.text.setAccessibleName("Routine details")
        self.text.setOpenLinks(False)
        self.text.setTabChangesFocus(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

        main_row = QHBoxLayout()
        main_row.addWidget(self.start_button, 2)
        main_row.addWidget(self.favourite_button, 1)
        more_row = QHBoxLayout()
        more_row.addWidget(self.duplicate_button)
        more_row.addWidget(self.edit_button)
        more_row.addWidget(self.delete_button)
        more_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addLayout(main_row)
        layout.addLayout(more_row)
        layout.addWidget(self.text, 1)
        self._apply_sizes()
        self.show_routine(None)

    def _apply_sizes(self) -> None:
        height = self.fontMetrics().height() * 2 + 8  # large targets
        for button in (self.favourite_button, self.duplicate_button, self.edit_button, self.delete_button):
            button.setMinimumHeight(height)
        self.start_button.setMinimumHeight(int(height * 1.2))

    def show_routine(self, routine: Routine | None, favourite: bool = False) -> None:
        """Fill the pane (None: nothing chosen; the actions are disabled)."""
        chosen = routine is not None
        for button in (self.start_button, self.favourite_button, self.duplicate_button):
            button.setEnabled(chosen)
        mine = routine is not None and routine.origin == "user"
        self.edit_button.setVisible(mine)
        self.delete_button.setVisible(mine)
        if routine is None:
            self.title_label.setText(NOTHING_CHOSEN)
            self.meta_label.clear()
            self.meta_label.setVisible(False)
            self.text.clear()
            self.start_button.setText("&Start")
            self.start_button.setAccessibleName("Start the chosen routine")
            return
        self.title_label.setText(routine.title)
        self.meta_label.setText(meta_text(routine, favourite))
        self.meta_label.setVisible(True)
        if routine.is_worksheet:
            self.start_button.setText("F&ill in…")
            self.start_button.setAccessibleName(f"Fill in {routine.title}")
        else:
            self.start_button.setText("&Start")
            self.start_button.setAccessibleName(f"Start {routine.title}")
        self.favourite_button.setText("Remove from favou&rites" if favourite else "Add to favou&rites")
        self.favourite_button.setAccessibleName(
            f"Remove {routine.title} from favourites" if favourite else f"Add {routine.title} to favourites"
        )
        self.duplicate_button.setAccessibleName(f"Duplicate {routine.title} to adapt it")
        self.edit_button.setAccessibleName(f"Edit {routine.title}")
        self.delete_button.setAccessibleName(f"Delete {routine.title}")
        self.text.setHtml(routine_html(routine))
        self.text.setAccessibleDescription(f"Summary, steps, when to stop and sources of {routine.title}")
