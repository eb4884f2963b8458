"""The three panels of the guided player (before, during, after) and its "When to stop" notes.

Layout only: PlayerDialog (gui/dialogs/player_dialog.py) drives them from a RoutineSession.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.routines import Routine, Step
from ...routines.library import image_file
from ...routines.safety_text import LEVELS_NOTE, plain_text, safety_sections, triage_sections
from .pain_scale import PainScale

SIDE_WORDS = {"left": "Left side", "right": "Right side"}


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def wrapped_label(text: str, parent: QWidget, name: str, *, factor: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if factor != 1.0 or bold:
        label.setFont(scaled_font(label, factor, bold=bold))
    return label


def big_button(text: str, parent: QWidget, name: str, accessible: str = "") -> QPushButton:
    """A large, easy target (at least two lines high)."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    if accessible:
        button.setAccessibleName(accessible)
    metrics = button.fontMetrics()
    button.setMinimumSize(metrics.averageCharWidth() * 14, metrics.height() * 2 + 10)
    return button


def rating_scale(name: str, object_name: str, parent: QWidget) -> PainScale:
    """A 0–10 scale on which Enter means the dialog's main button (its number buttons are not auto-default)."""
    scale = PainScale(name, parent=parent, object_name=object_name)
    for button in scale.buttons:
        button.setAutoDefault(False)
    return scale


def clock_text(seconds: float) -> str:
    """mm:ss, rounded up so a countdown shows 00:01 in its last second and 00:00 only at the end."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def routine_facts(routine: Routine) -> str:
    steps = len(routine.steps)
    return f"{routine.kind.label} · about {routine.minutes} min · {steps} step{'s' if steps != 1 else ''}"


def safety_text(routine: Routine) -> str:
    """Plain text of the routine's safety notes, most urgent first (never says a routine is safe)."""
    return plain_text(safety_sections(routine))


def before_start_html(routine: Routine) -> str:
    """The region's triage block first (most urgent first), then how often and the levels: before the first step."""
    out: list[str] = []
    if routine.triage is not None:
        out.append(f"<h3>Before you start. {escape(routine.triage.title)}</h3>")
        for heading, items in triage_sections(routine):
            if items:
                bullets = "".join(f"<li>{escape(t)}</li>" for t in items)
                out.append(f"<p><b>{escape(heading)}:</b></p><ul>{bullets}</ul>")
    if routine.frequency:
        out.append(f"<p><b>How often:</b> {escape(routine.frequency)}</p>")
    if routine.progression is not None:
        rows = [
            f"<li><b>{escape(v.name)}</b>: {escape(v.dose)}"
            + (f"<br><i>Move up: {escape(v.move_up)}</i>" if v.move_up else "")
            + "</li>"
            for v in routine.progression.levels
        ]
        out.append(f"<p><b>Levels:</b> {LEVELS_NOTE}</p><ol>" + "".join(rows) + "</ol>")
        if routine.progression.supervised:
            out.append(f"<p>{escape(routine.progression.supervised)}</p>")
    return "\n".join(out)


def picture(name: str, side: int) -> QPixmap:
    """A step's line drawing, drawn on a light card so it reads in light and dark themes (null if unreadable)."""
    try:
        data = image_file(name).read_bytes()
    except OSError:
        return QPixmap()
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        return QPixmap()
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#c9d3dc"))
    painter.setBrush(QColor("#fbfcfd"))
    painter.drawRoundedRect(QRectF(1, 1, side - 2, side - 2), side / 16, side / 16)
    margin = side / 20
    renderer.render(painter, QRectF(margin, margin, side - 2 * margin, side - 2 * margin))
    painter.end()
    return pixmap


class SafetyNotes(QWidget):
    """A "When to stop" toggle that shows the routine's stop-if and see-a-doctor notes."""

    def __init__(self, routine: Routine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safetyNotes")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = QPushButton(self)
        self.toggle.setObjectName("safetyToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoDefault(True)  # Enter on it opens the notes, never presses the main button
        self.toggle.setAccessibleName("When to stop: show or hide the safety notes")
        self.toggle.toggled.connect(self._show)
        self.text = wrapped_label(safety_text(routine), self, "safetyText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("When to stop")
        self.text.setAccessibleDescription(self.text.text())
        self.text.setContentsMargins(8, 4, 8, 4)
        self.text.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.text.setAutoFillBackground(True)
        row = QHBoxLayout()
        row.addWidget(self.toggle)
        row.addStretch(1)
        self.row = row
        layout.addLayout(row)
        layout.addWidget(self.text)
        self._show(False)

    def _show(self, on: bool) -> None:
        self.toggle.setText("&When to stop  ▾" if on else "&When to stop  ▸")
        self.text.setVisible(on)


class StartPanel(QWidget):
    """Before: what the routine is, an optional pain rating, and Start."""

    def __init__(self, routine: Routine, parent: QWidget | None = None, note: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("playerStart")
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(routine.title, self, "startTitle", factor=1.6, bold=True))
        layout.addWidget(wrapped_label(routine_facts(routine), self, "startFacts"))
        if routine.summary:
            layout.addSpacing(8)
            layout.addWidget(wrapped_label(routine.summary, self, "startSummary", factor=1.15))
        if routine.flare_tip:
            layout.addWidget(wrapped_label(f"In a flare: {routine.flare_tip}", self, "startFlareTip"))
        self.note = wrapped_label(note, self, "startNote", factor=1.1)
        self.note.setAccessibleName(note)
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        self.before = QTextBrowser(self)
        self.before.setObjectName("startBeforeYouStart")
        self.before.setAccessibleName("Before you start: how often, levels and when to get help")
        self.before.setOpenLinks(False)
        self.before.setTabChangesFocus(True)
        html = before_start_html(routine)
        self.before.setHtml(html)
        self.before.setAccessibleDescription(self.before.toPlainText())
        self.before.setVisible(bool(html))
        layout.addWidget(self.before, 3)
        layout.addSpacing(16)
        label = QLabel("Pain &now (0–10), if you like:", self)
        label.setFont(scaled_font(label, 1.1, bold=True))
        self.pain = rating_scale("Pain before", "painBefore", self)
        label.setBuddy(self.pain)
        layout.addWidget(label)
        layout.addWidget(self.pain)
        layout.addStretch(0 if html else 1)  # the notes take the room when there are any
        row = QHBoxLayout()
        row.addStretch(1)
        self.start_button = big_button("&Start", self, "startButton", "Start the routine")
        self.start_button.setFont(scaled_font(self.start_button, 1.2, bold=True))
        row.addWidget(self.start_button)
        layout.addLayout(row)
        if html and self.pain.buttons:
            QWidget.setTabOrder(self.before, self.pain.buttons[0])  # read from the top: the notes, then the scale

    def first_focus(self) -> QWidget:
        """The safety notes when there are any (a screen reader reads them first), else the pain scale."""
        return self.before if not self.before.isHidden() else self.pain


class StepPanel(QWidget):
    """During: one step in large text, the countdown or repetition counter, progress and the controls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playerStep")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.step_label = wrapped_label("", self, "stepNumber", factor=1.1, bold=True)
        top.addWidget(self.step_label, 1)
        self.side_label = wrapped_label("", self, "stepSide", factor=1.1, bold=True)
        top.addWidget(self.side_label, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(top)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("routineProgress")
        self.progress.setAccessibleName("Progress through the routine")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(max(10, self.fontMetrics().height() // 2))
        layout.addWidget(self.progress)

        self.cue = wrapped_label("", self, "cueBanner", factor=1.2, bold=True)
        self.cue.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cue.setAutoFillBackground(True)
        self.cue.setMinimumHeight(self.cue.fontMetrics().height() * 2)
        layout.addWidget(self.cue)

        self.image = QLabel(self)
        self.image.setObjectName("stepImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader can reach the picture's description
        self.image.setVisible(False)
        self.text = wrapped_label("", self, "stepText", factor=1.7)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.text.setMinimumHeight(self.text.fontMetrics().height() * 4)
        middle = QHBoxLayout()
        middle.addWidget(self.image)
        middle.addWidget(self.text, 1)
        layout.addLayout(middle, 2)

        self.countdown = QLabel(self)
        self.countdown.setObjectName("countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setFont(scaled_font(self.countdown, 4.0, bold=True))
        layout.addWidget(self.countdown)
        self.reps = wrapped_label("", self, "repetitions", factor=1.3)
        self.reps.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.reps)
        self.up_next = wrapped_label("", self, "upNext")
        self.up_next.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.up_next.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        count_row = QHBoxLayout()
        count_row.addStretch(1)
        self.count_button = big_button("&Count one", self, "countButton", "Count one repetition")
        self.count_button.setToolTip("C")
        count_row.addWidget(self.count_button)
        count_row.addStretch(1)
        layout.addLayout(count_row)
        layout.addStretch(1)
        layout.addWidget(self.up_next)
        layout.addSpacing(self.fontMetrics().height())

        buttons = QHBoxLayout()
        self.back_button = big_button("◂ &Back", self, "backButton", "Back: previous step")
        self.back_button.setToolTip("Left arrow")
        self.pause_button = big_button("&Pause", self, "pauseButton", "Pause")
        self.pause_button.setToolTip("Space")
        self.next_button = big_button("&Next ▸", self, "nextButton", "Next step")
        self.next_button.setToolTip("Right arrow. A timed step left early counts as skipped.")
        self.finish_button = big_button("&Finish", self, "finishButton", "Finish: stop here")
        for button in (self.back_button, self.pause_button, self.next_button):
            buttons.addWidget(button, 1)  # auto-default (Qt's default in a dialog): Enter presses the focused one
        buttons.addSpacing(self.fontMetrics().averageCharWidth() * 3)
        buttons.addWidget(self.finish_button)
        layout.addLayout(buttons)
        keys = wrapped_label("Keys: Space pauses or resumes · ← back · → next", self, "keysHint")
        keys.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        keys.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(keys)

    def picture_side(self) -> int:
        """About 16 lines of text high: large, and larger with a larger font."""
        return max(200, self.fontMetrics().height() * 16)

    def show_picture(self, step: Step) -> None:
        """The step's line drawing, large, with its description as the accessible name (hidden without one)."""
        pixmap = picture(step.image, self.picture_side()) if step.image else QPixmap()
        self.image.setPixmap(pixmap)
        self.image.setVisible(not pixmap.isNull())
        alt = step.image_alt or ""
        self.image.setAccessibleName(f"Picture: {alt}" if alt else "")
        self.image.setAccessibleDescription(alt)
        self.image.setToolTip(alt)

    def show_step(self, step: Step, number: int, total: int, following: Step | None = None) -> None:
        self.show_picture(step)
        self.step_label.setText(f"Step {number} of {total}")
        self.side_label.setText(SIDE_WORDS.get(step.side or "", ""))
        self.text.setText(step.text)
        self.text.setAccessibleName(f"Step {number} of {total}")
        self.text.setAccessibleDescription(step.text)
        self.countdown.setVisible(step.seconds is not None)
        self.count_button.setVisible(step.seconds is None and step.repetitions is not None)
        self.next_button.setText("&Done ▸" if number == total else "&Next ▸")
        self.next_button.setAccessibleName("Done: last step" if number == total else "Next step")
        self.up_next.setText(f"Next: {following.text}" if following is not None else "This is the last step.")


class EndPanel(QWidget):
    """After: how it went, an optional pain rating and note, and Save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playerEnd")
        layout = QVBoxLayout(self)
        self.heading = wrapped_label("", self, "endHeading", factor=1.6, bold=True)
        self.heading.setAutoFillBackground(True)
        self.heading.setContentsMargins(8, 6, 8, 6)  # reads as a banner when it flashes, not as selected text
        layout.addWidget(self.heading)
        self.summary = wrapped_label("", self, "endSummary", factor=1.15)
        self.summary.setContentsMargins(8, 0, 8, 0)
        layout.addWidget(self.summary)
        layout.addSpacing(16)
        label = QLabel("Pain &now (0–10), if you like:", self)
        label.setFont(scaled_font(label, 1.1, bold=True))
        self.pain = rating_scale("Pain after", "painAfter", self)
        label.setBuddy(self.pain)
        layout.addWidget(label)
        layout.addWidget(self.pain)
        layout.addSpacing(8)
        note_label = QLabel("N&ote (optional):", self)
        self.note = QLineEdit(self)
        self.note.setObjectName("sessionNote")
        self.note.setPlaceholderText("e.g. easier than last time")
        self.note.setMaxLength(500)
        note_label.setBuddy(self.note)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.discard_button = big_button("Close without sa&ving", self, "discardButton")
        self.discard_button.setAutoDefault(True)  # Enter on it means it (and asks), not Save
        self.save_button = big_button("&Save to diary", self, "saveSessionButton", "Save to diary")
        self.save_button.setFont(scaled_font(self.save_button, 1.2, bold=True))
        row.addWidget(self.discard_button)
        row.addWidget(self.save_button)
        layout.addLayout(row)


class SoundSwitch(QCheckBox):
    """Whether step ends also make a sound (the visible flash always shows)."""

    def __init__(self, on: bool, parent: QWidget | None = None) -> None:
        super().__init__("Sound when a step ends", parent)
        self.setObjectName("soundSwitch")
        self.setChecked(on)
