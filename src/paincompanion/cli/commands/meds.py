"""`meds add|list|stop|restart|take|doses|delete|acetaminophen`: the medicine list, the dose log, the daily limit."""

from __future__ import annotations

import argparse
import textwrap
from datetime import date
from typing import Any

from ...domain.interactions import InteractionWarning
from ...domain.medications import (
    Dose,
    Medication,
    MedicationDraft,
    PackIngredient,
    validate_medication,
)
from ...errors import ValidationError
from ...services.medications import MedicationService
from ...services.meds_transfer import medication_record
from ..common import auto_backup, open_companion, parse_day, parse_id, parse_moment
from ..output import print_json, say, show
from . import meds_more

NOT_RECOGNISED = "not recognised — no interaction information"
WIDTH = 100


def _json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="add a medicine or supplement to your list")
    add.add_argument("name", metavar="NAME", help="as on the pack, e.g. 'Percocet 5/325', 'kratom', 'fish oil'")
    add.add_argument("--strength", metavar="N", help="strength of one dose, e.g. 400")
    add.add_argument("--unit", metavar="U", default="mg", help="unit of the strength (default mg; mcg/hr for patches)")
    add.add_argument("--form", metavar="F", default="", help="tablet, capsule, powder, patch…")
    add.add_argument("--kind", choices=("drug", "supplement", "herbal"), help="what it is (default: from the name)")
    add.add_argument("--schedule", metavar="N", help="times a day (with --as-needed: the most times a day)")
    add.add_argument("--as-needed", action="store_true", help="taken only when needed")
    add.add_argument("--start", metavar="DATE", help="when you started it, e.g. 2026-01-31")
    add.add_argument("--stop", metavar="DATE", help="when you stopped it (for an item you no longer take)")
    add.add_argument("--ingredient", action="append", default=[], metavar="NAME",
                     help="an active ingredient as printed on the pack (repeat for each); the item is then checked "
                          "by these")  # fmt: skip
    add.add_argument("--ingredient-strength", action="append", default=[], metavar="S",
                     help="the strength of each --ingredient, in the same order, e.g. '500 mg'")  # fmt: skip
    for option, help_text in (("reason", "what it is for"), ("prescriber", "who prescribed it, or where you bought it"),
                              ("product", "the exact product when the name could be several, or the brand of a "
                                          "supplement"), ("strain", "strain (kratom)"),
                              ("notes", "anything else")):  # fmt: skip
        add.add_argument(f"--{option}", metavar="TEXT", default="", help=help_text)
    _json_flag(add)
    listing = sub.add_parser("list", help="list your medicines (stopped ones last)")
    listing.add_argument("--active", action="store_true", help="only what you take now")
    _json_flag(listing)
    stop = sub.add_parser("stop", help="mark a medicine as stopped (it stays in the list, with its doses)")
    stop.add_argument("id", metavar="ID")
    stop.add_argument("--on", metavar="DATE", help="the day you stopped (default today)")
    _json_flag(stop)
    restart = sub.add_parser("restart", help="take a stopped medicine up again")
    restart.add_argument("id", metavar="ID")
    _json_flag(restart)
    take = sub.add_parser("take", help="log a dose (now, or --at)")
    take.add_argument("id", metavar="ID")
    take.add_argument("--at", metavar="ISO-8601", help="when (default now); local time unless an offset is given")
    take.add_argument("--amount", metavar="TEXT", default="", help="e.g. '2 tablets' or '1000 mg'")
    take.add_argument("--note", metavar="TEXT", default="")
    take.add_argument("--pain", metavar="N", help="your pain right now, 0-10 (for 'meds effect')")
    _json_flag(take)
    doses = sub.add_parser("doses", help="the dose log, newest first")
    doses.add_argument("--from", dest="date_from", metavar="DATE")
    doses.add_argument("--to", dest="date_to", metavar="DATE")
    _json_flag(doses)
    delete = sub.add_parser("delete", help="delete a medicine and its logged doses")
    delete.add_argument("id", metavar="ID")
    _json_flag(delete)
    apap = sub.add_parser(
        "acetaminophen", help="today's acetaminophen total and your limit; --liver-disease/--regular-alcohol lower it"
    )
    apap.add_argument("--liver-disease", choices=("yes", "no"), help="save whether you have liver disease")
    apap.add_argument(
        "--regular-alcohol", choices=("yes", "no"), help="save whether you have 3 or more alcoholic drinks a day"
    )
    apap.add_argument("--date", metavar="DATE", help="another day than today")
    _json_flag(apap)
    meds_more.add_arguments(sub)


def _med_id(text: str) -> int:
    return parse_id(text, "The medicine id")


def medication_json(med: Medication, uses_per_week: float | None) -> dict[str, Any]:
    """The export record (without doses) plus what the app worked out about the item."""
    record = medication_record(med, [])
    del record["doses"]
    record["schedule"] = record.pop("times_per_day")
    return {
        "id": med.id,
        **record,
        "recognized": med.recognized,
        "ingredients": list(med.ingredients),
        "active": med.active,
        "as_needed_uses_per_week": uses_per_week,
        "kind": med.effective_kind,
        "schedule_text": med.schedule_text,
        "suggestions": list(med.suggestions),
        "ingredients_given_by_you": med.ingredients_given,
        "candidates": list(med.candidates),
    }


def dose_json(dose: Dose) -> dict[str, Any]:
    return {
        "id": dose.id,
        "medication_id": dose.medication_id,
        "medication": dose.medication_name,
        "at": dose.at.isoformat(),
        "amount": dose.amount,
        "note": dose.note,
    }


def _record(meds: MedicationService, med: Medication) -> dict[str, Any]:
    return medication_json(med, meds.as_needed_uses_per_week(med.id) if med.as_needed else None)


def recognition_text(med: Medication) -> str:
    """'recognised as Percocet: Oxycodone + Acetaminophen' or 'not recognised — … Did you mean …?'."""
    if med.ingredients_given:
        return "checked by " + med.recognition
    if med.candidates:
        return "could be several products, not checked until you pick one: " + " or ".join(med.candidates)
    if med.recognized:
        contents = " + ".join(med.display_ingredients)
        what = f"{med.matched_product}: {contents}" if med.matched_product else contents
        return f"recognised as {what}"
    text = NOT_RECOGNISED
    if med.suggestions:
        text += ". Did you mean " + " or ".join(med.suggestions) + "?"
    return text


def med_line(med: Medication) -> str:
    parts = [f"#{med.id}", med.name]
    details = ", ".join(t for t in (med.strength_text, med.form, med.schedule_text) if t)
    if details:
        parts.append(f"({details})")
    if med.stop:
        parts.append(f"stopped {med.stop.isoformat()}" if not med.active else f"until {med.stop.isoformat()}")
    parts.append("— " + recognition_text(med))
    return " ".join(parts)


def dose_line(dose: Dose) -> str:
    parts = [f"#{dose.id}", dose.at.strftime("%Y-%m-%d %H:%M"), dose.medication_name]
    parts += [part for part in (dose.amount, repr(dose.note[:60]) if dose.note else "") if part]
    return "  ".join(parts)


def _warning_lines(warnings: list[InteractionWarning]) -> list[str]:
    count = len(warnings)
    lines = [f"{count} warning{'s' if count != 1 else ''} with your saved list, most serious first:"]
    for number, warning in enumerate(warnings, start=1):
        pad = " " * (len(str(number)) + 2)
        lines.append(_wrap(f"{number}. {warning.severity.label.upper()}: {warning.summary}", len(pad)))
        lines.append(_wrap(f"{pad}Items: {', '.join(warning.items)}", len(pad)))
        lines.append(_wrap(f"{pad}What to do: {warning.advice}", len(pad)))
    lines.append("Please go over these with your pharmacist or doctor; never stop a prescribed medicine on your own.")
    return lines


def _wrap(text: str, hang: int) -> str:
    return textwrap.fill(text, WIDTH, subsequent_indent=" " * hang, break_long_words=False, break_on_hyphens=False)


def pack_from_args(names: list[str], strengths: list[str]) -> tuple[PackIngredient, ...]:
    """--ingredient (repeatable) with --ingredient-strength paired in order."""
    if len(strengths) > len(names):
        raise ValidationError("Give an --ingredient for each --ingredient-strength.")
    return tuple(PackIngredient(n, strengths[k] if k < len(strengths) else "") for k, n in enumerate(names))


class AmbiguousName(ValidationError):
    """A name that could be several products: the patient must pick one (--product) or give the ingredients."""


def _add(args: argparse.Namespace, meds: MedicationService, today: date) -> None:
    draft = MedicationDraft(
        name=args.name, kind=args.kind or "", strength=args.strength, unit=args.unit, form=args.form,
        times_per_day=args.schedule, as_needed=args.as_needed, start=parse_day(args.start, "--start"),
        stop=parse_day(args.stop, "--stop"), reason=args.reason, prescriber=args.prescriber, product=args.product,
        strain=args.strain, notes=args.notes,
        pack_ingredients=pack_from_args(args.ingredient, args.ingredient_strength),
    )  # fmt: skip
    resolution = meds.resolve_draft(validate_medication(draft, today))
    if resolution.candidates:
        lines = [f"{args.name!r} could be several products with different ingredients; nothing was saved.",
                 "Which one is on your pack?"]  # fmt: skip
        lines += [f"  - {c.label}" for c in resolution.candidates]
        lines.append("Add it again with --product \"exact name\" from this list, or with the active ingredients "
                     "from the pack: --ingredient NAME (once for each).")  # fmt: skip
        raise AmbiguousName("\n".join(lines))
    med = meds.add(draft)
    warnings = [w for w in meds.check().warnings if med.name in w.items] if med.active else []
    if args.json:
        print_json({"medication": _record(meds, med), "warnings": [w.to_json() for w in warnings]})
        return
    text = recognition_text(med)
    say(False, f"Saved #{med.id}: {med.name} — {text}{'' if text.endswith('?') else '.'}")
    if warnings:
        say(False, "\n".join(_warning_lines(warnings)))


def _answer(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


def _acetaminophen(args: argparse.Namespace, meds: MedicationService, today: date) -> None:
    if args.liver_disease is not None or args.regular_alcohol is not None:
        meds.set_apap_profile(liver_disease=_answer(args.liver_disease), regular_alcohol=_answer(args.regular_alcohol))
    chosen = parse_day(args.date, "--date")
    day = chosen or today
    result = meds.acetaminophen_on(day)
    profile = meds.apap_profile()
    if args.json:
        print_json({"date": day.isoformat(), **profile, **result.to_json()})
        return
    when = f"on {day.isoformat()}" if chosen else "today"
    say(False, f"Acetaminophen {when} (schedule and doses logged): {result.total_mg:,.0f} mg.")
    say(False, f"The daily limit used for you: {result.limit_mg:,} mg.")
    for note in meds.apap_limit_notes():
        say(False, _wrap(note, 0))
    if result.uncounted:
        say(False, f"Amount unknown, not counted: {', '.join(result.uncounted)}.")
    if result.warning is not None:
        say(False, _wrap(f"WARNING: {result.warning.summary} {result.warning.advice}", 0))


def run(args: argparse.Namespace) -> int:
    with open_companion(args) as companion:
        meds = companion.meds
        action = args.action
        if action == "add":
            _add(args, meds, companion.clock.now().date())
        elif action == "list":
            found = meds.list_medications(include_stopped=not args.active)
            if args.json:
                print_json({"medications": [_record(meds, m) for m in found]})
            else:
                for med in found:
                    show(_wrap(med_line(med), 4))
                if not found:
                    say(False, "No medicines saved yet. Add one with 'paincompanion meds add NAME'.")
            return 0
        elif action in ("stop", "restart"):
            med_id = _med_id(args.id)
            med = meds.stop(med_id, parse_day(args.on, "--on")) if action == "stop" else meds.restart(med_id)
            if args.json:
                print_json({"medication": _record(meds, med)})
            elif action == "stop":
                say(False, f"Marked {med.name} as stopped on {med.stop}. It stays in your list with its doses.")
            else:
                say(False, f"{med.name} is on your current list again.")
        elif action == "take":
            med_id = _med_id(args.id)
            at = parse_moment(args.at) if args.at else None
            dose, rating = companion.dose_effects.take(med_id, at, args.amount, args.note, args.pain)
            if args.json:
                print_json({"dose": {**dose_json(dose), **meds_more.rating_json(rating)}})
            else:
                say(False, f"Logged a dose of {dose.medication_name} at {dose.at:%Y-%m-%d %H:%M} (dose #{dose.id}).")
                if rating is not None:
                    say(False, meds_more.follow_up_hint(dose.id, rating))
        elif action == "doses":
            logged = meds.doses(parse_day(args.date_from, "--from"), parse_day(args.date_to, "--to"))
            if args.json:
                ratings = companion.dose_effects.ratings([d.id for d in logged])
                print_json({"doses": [{**dose_json(d), **meds_more.rating_json(ratings.get(d.id))} for d in logged]})
            else:
                for dose in logged:
                    show(dose_line(dose))
                if not logged:
                    say(False, "No doses logged in this period.")
            return 0
        elif action == "acetaminophen":
            _acetaminophen(args, meds, companion.clock.now().date())
            if args.liver_disease is None and args.regular_alcohol is None:
                return 0
        elif action in meds_more.ACTIONS:
            if meds_more.run(args, companion) == 0 and meds_more.changes_nothing(args):
                return 0
        elif action == "delete":
            med, doses = meds.delete_with_doses(_med_id(args.id))
            if args.json:
                print_json({"deleted": medication_json(med, None), "doses": len(doses)})
            else:
                say(False, f"Deleted {med.name} and its {len(doses)} logged doses. A backup keeps earlier data.")
        auto_backup(companion)
    return 0
