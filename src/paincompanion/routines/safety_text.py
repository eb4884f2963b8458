"""The safety notes of a routine in reading order, for every face (player, details pane, CLI, printed worksheets).

A routine's own notes are merged with its region's triage block and the shared crisis advice, which are written
once in data/routines/triage.json: call emergency services now, get urgent advice today, see a doctor, stop if,
good to know (what is normal and not a sign of harm), and the crisis advice with numbers.
"""

from __future__ import annotations

from ..domain.routines import Routine

EMERGENCY_NOW = "Call emergency services now if"
URGENT = "Get urgent advice today (your doctor, an urgent care service or NHS 111) if"
SEE_DOCTOR = "See a doctor if"
STOP_IF = "Stop if"
GOOD_TO_KNOW = "Good to know"
#: Said with the levels of a routine: the steps guide level 1.
LEVELS_NOTE = (
    "start at level 1. The steps guide level 1; at a higher level, play the routine again for each extra round, "
    "or do the extra repetitions as the countdown runs."
)

Section = tuple[str, tuple[str, ...]]


def triage_sections(routine: Routine) -> list[Section]:
    """The region's triage block as sections ([] for a routine without a region): shown before the first step."""
    triage = routine.triage
    if triage is None:
        return []
    emergency = triage.emergency_now + ((triage.emergency_numbers,) if triage.emergency_numbers else ())
    return [
        (EMERGENCY_NOW, emergency),
        (URGENT, triage.urgent),
        (SEE_DOCTOR, triage.see_doctor + routine.safety.see_doctor_if),
        (GOOD_TO_KNOW, triage.normal + routine.safety.good_to_know),
    ]


def safety_sections(routine: Routine) -> list[Section]:
    """Every safety note of the routine, most urgent first; empty sections are left out."""
    safety = routine.safety
    if routine.triage is not None:
        sections = triage_sections(routine)
        sections.insert(3, (STOP_IF, safety.stop_if))
    else:
        sections = [(STOP_IF, safety.stop_if), (SEE_DOCTOR, safety.see_doctor_if), (GOOD_TO_KNOW, safety.good_to_know)]
    if routine.crisis is not None:
        sections.append((routine.crisis.title, routine.crisis.lines))
    return [(heading, items) for heading, items in sections if items]


def get_help_lines(routine: Routine) -> tuple[str, ...]:
    """When to get help, as plain lines (printed worksheets): see-a-doctor notes, then the crisis advice."""
    lines = routine.safety.see_doctor_if
    if routine.triage is not None:
        lines = routine.triage.see_doctor + lines
    if routine.crisis is not None:
        lines = (*lines, f"{routine.crisis.title}: " + " ".join(routine.crisis.lines))
    return lines


def plain_text(sections: list[Section]) -> str:
    """Sections as plain text with bullets (no promise that a routine is safe)."""
    parts = [heading + ":\n" + "\n".join(f"• {item}" for item in items) for heading, items in sections]
    return "\n\n".join(parts) or "This routine has no special notes. Stop if anything feels wrong."
