"""Computing the appointment summary's sections (see reports/summary.py for the fields)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .summary import (
    AppointmentSummary,
    MedicinesSummary,
    NotesSummary,
    PainSummary,
    PatternsSummary,
    PegSummary,
    ReportRequest,
    RoutinesSummary,
    SleepMoodSummary,
    WhereSummary,
)

NO_ENTRIES = "No diary entries in this period."


def build(companion: Any, request: ReportRequest, made_at: datetime) -> AppointmentSummary:
    """Placeholder while the sections are written: every wanted section is present and says it has no data."""
    on = request.wants
    return AppointmentSummary(
        request=request,
        made_at=made_at,
        dataset_version=None,
        pain=PainSummary(False, NO_ENTRIES, period_days=request.days) if on("pain") else None,
        peg=PegSummary(False, "No PEG check-ins in this period.") if on("peg") else None,
        where=WhereSummary(False, NO_ENTRIES) if on("where") else None,
        sleep_mood=SleepMoodSummary(False, NO_ENTRIES) if on("sleep_mood") else None,
        medicines=MedicinesSummary(False, "No medicines on the list.") if on("medicines") else None,
        routines=RoutinesSummary(False, "No routines done in this period.") if on("routines") else None,
        patterns=PatternsSummary(False, NO_ENTRIES) if on("patterns") else None,
        notes=NotesSummary(False, "No flagged notes in this period.") if on("notes") else None,
    )
