"""The optional fields of an entry (time, where, qualities, mood, sleep, activity, tags).

The quick entry builds them only when "More details" is first opened, which keeps start-up light.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateTimeEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...domain.diary import PAIN_QUALITIES, EntryDraft, LocationPain
from .date_fields import TabLeavingDateTimeEdit
from .form_fields import OptionalHoursSpin, OptionalScoreSpin, QualitiesList, TagEdit
from .locations_editor import LocationsEditor


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def set_wall_time(edit: QDateTimeEdit, moment: datetime) -> None:
    """Show a moment's wall-clock time (in its own offset) without emitting a change."""
    wall = QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))
    edit.blockSignals(True)
    edit.setDateTime(wall)
    edit.blockSignals(False)


def wall_time(edit: QDateTimeEdit) -> datetime:
    """The wall-clock time an edit shows, to the minute (naive: the caller knows its offset)."""
    day, clock = edit.date(), edit.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())


class DateTimeField(TabLeavingDateTimeEdit):
    """The entry's date and time (Tab leaves it at once; see date_fields)."""


class DetailFields:
    """The widgets, created with `parent` in Tab order; `add_rows()` puts them into a form layout."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.time_edit = DateTimeField(parent)
        self.time_edit.setObjectName("timeEdit")
        self.time_edit.setAccessibleName("Date and time of the entry")
        self.time_edit.setCalendarPopup(True)
        self.time_edit.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.locations = LocationsEditor(parent)
        self.qualities = QualitiesList(PAIN_QUALITIES, parent)
        self.qualities.setObjectName("qualitiesList")
        self.mood = OptionalScoreSpin("Mood, 0 very low to 10 very good", parent)
        self.mood.setObjectName("moodSpin")
        self.sleep_hours = OptionalHoursSpin("Hours of sleep last night", parent)
        self.sleep_hours.setObjectName("sleepHoursSpin")
        self.sleep_quality = OptionalScoreSpin("Sleep quality, 0 very poor to 10 very good", parent)
        self.sleep_quality.setObjectName("sleepQualitySpin")
        self.activity = QLineEdit(parent)
        self.activity.setObjectName("activityEdit")
        self.activity.setAccessibleName("What I did")
        self.activity.setPlaceholderText("e.g. shopping, gardening, rested")
        self.activity_level = OptionalScoreSpin("Activity level, 0 resting to 10 very active", parent)
        self.activity_level.setObjectName("activityLevelSpin")
        self.triggers = TagEdit("Made it worse", parent)
        self.triggers.setObjectName("triggersEdit")
        self.helped = TagEdit("What helped", parent)
        self.helped.setObjectName("helpedEdit")

    def focus_order(self) -> list[QWidget]:
        """The Tab stops in order (the locations' own rows follow its button by themselves)."""
        return [
            self.time_edit,
            self.locations.choose_button,
            self.qualities,
            self.mood,
            self.sleep_hours,
            self.sleep_quality,
            self.activity,
            self.activity_level,
            self.triggers,
            self.helped,
        ]

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self.parent)
        label.setBuddy(buddy)
        return label

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow(self._label("&When:", self.time_edit), self.time_edit)
        form.addRow(self._label("Whe&re:", self.locations.choose_button), self.locations)
        form.addRow(self._label("Feels &like:", self.qualities), self.qualities)
        hint = QLabel("0 = very low, 10 = very good", self.parent)
        form.addRow(self._label("M&ood:", self.mood), _row(self.mood, hint))
        sleep_row = _row(self.sleep_hours, self._label("&quality", self.sleep_quality), self.sleep_quality)
        form.addRow(self._label("Sleep last n&ight:", self.sleep_hours), sleep_row)
        activity_row = _row(self.activity, self._label("level", self.activity_level), self.activity_level)
        activity_row.setStretch(0, 1)
        activity_row.setStretch(activity_row.count() - 1, 0)
        form.addRow(self._label("&Activity:", self.activity), activity_row)
        form.addRow(self._label("Made i&t worse:", self.triggers), self.triggers)
        form.addRow(self._label("What helpe&d:", self.helped), self.helped)

    # --- values ---------------------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        """The EntryDraft fields these widgets hold (all but at, pain and note)."""
        return {
            "locations": self.locations.locations(),
            "qualities": self.qualities.qualities(),
            "mood": self.mood.score(),
            "sleep_hours": self.sleep_hours.hours(),
            "sleep_quality": self.sleep_quality.score(),
            "activity": self.activity.text().strip(),
            "activity_level": self.activity_level.score(),
            "triggers": self.triggers.tags(),
            "helped": self.helped.tags(),
        }

    def load(self, draft: EntryDraft) -> None:
        set_wall_time(self.time_edit, draft.at)
        self.locations.set_locations(draft.locations)
        self.qualities.set_qualities(draft.qualities)
        self.mood.setScore(draft.mood)
        self.sleep_hours.setHours(draft.sleep_hours)
        self.sleep_quality.setScore(draft.sleep_quality)
        self.activity.setText(draft.activity)
        self.activity_level.setScore(draft.activity_level)
        self.triggers.set_tags(draft.triggers)
        self.helped.set_tags(draft.helped)

    def clear(self, now: datetime) -> None:
        set_wall_time(self.time_edit, now)
        self.locations.set_locations(())
        self.qualities.set_qualities(())
        for spin in (self.mood, self.sleep_quality, self.activity_level):
            spin.setScore(None)
        self.sleep_hours.setHours(None)
        for edit in (self.activity, self.triggers, self.helped):
            edit.clear()

    def set_suggestions(self, triggers: Sequence[str], helped: Sequence[str]) -> None:
        self.triggers.set_suggestions(triggers)
        self.helped.set_suggestions(helped)

    @staticmethod
    def empty_values() -> dict[str, object]:
        """What `values()` gives for untouched fields (used while the quick entry's details are not built)."""
        empty_locations: tuple[LocationPain, ...] = ()
        return {
            "locations": empty_locations,
            "qualities": (),
            "mood": None,
            "sleep_hours": None,
            "sleep_quality": None,
            "activity": "",
            "activity_level": None,
            "triggers": (),
            "helped": (),
        }
