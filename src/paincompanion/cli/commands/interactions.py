"""`interactions [--json] [--mine] ITEM…` and `mme [--json] [--mine] FILE`."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from datetime import timedelta
from typing import Any

from ...domain import bounds
from ...domain.medications import GIVEN_BY_YOU, validate_name
from ...errors import ValidationError
from ...interactions import load_dataset
from ...interactions.checker import CheckResult, check, no_rules_message
from ...interactions.dataset import Dataset
from ...interactions.mme import MmeItem, MmeResult, compute_mme, items_from_json
from ...interactions.normalize import CheckItem, Resolution, split_given
from ...services.medications import check_item
from ..common import open_companion
from ..output import print_json, printable, say, show

WIDTH = 100
CLOSING = "Please go over these results with your pharmacist or doctor; they can see your whole picture."
NOT_RECOGNISED = "not recognised — no interaction information"
MAX_MME_FILE_BYTES = 1_000_000


def load_saved_items(companion: Any) -> list[CheckItem]:
    """The items on the saved medicine list that are taken now (stopped ones are not checked)."""
    return [check_item(med) for med in companion.meds.list_medications(include_stopped=False)]


def _checked_item(text: str) -> str:
    """An ITEM argument: a name, or "NAME=ingredient+ingredient" with the active ingredients from the pack."""
    given = split_given(text)
    if given is None:
        return validate_name(text, "Each item")
    name, parts = given
    validate_name(name, "The name before '='")
    if not parts:
        raise ValidationError(
            f"After '=' give the active ingredients from the pack, e.g. \"{name}=paracetamol+codeine\"."
        )
    for part in parts:
        validate_name(part, "Each ingredient after '='")
    return text


def load_saved_mme_items(companion: Any) -> list[MmeItem]:
    """The saved list's opioids with strength and schedule (as-needed ones without a most-per-day are left out)."""
    items: list[MmeItem] = companion.meds.mme_items()[0]
    return items


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    if name == "interactions":
        p.add_argument(
            "items", nargs="*", metavar="ITEM", help="medicines or supplements, e.g. 'Percocet 5/325' kratom"
        )
        p.add_argument("--mine", action="store_true", help="also check the saved medicine list")
        pages = p.add_mutually_exclusive_group()
        pages.add_argument("--kratom", action="store_true", help='print the page "Kratom: what to know" and stop')
        pages.add_argument("--about", action="store_true", help="print what the interaction data covers, and stop")
    else:
        p.add_argument("file", nargs="?", metavar="FILE", help='JSON list of {"drug", "strength_mg" | "mcg_per_hr", '
                       '"doses_per_day"}; "-" reads standard input')  # fmt: skip
        p.add_argument("--mine", action="store_true", help="also count the opioids on the saved medicine list")
        p.add_argument(
            "--taken",
            action="store_true",
            help="with --mine: the average a day of what the dose log says you took (not the schedule)",
        )
        p.add_argument("--from", dest="date_from", metavar="DATE", help="with --taken: first day (default 30 days ago)")
        p.add_argument("--to", dest="date_to", metavar="DATE", help="with --taken: last day (default today)")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    return _run_interactions(args) if args.command == "interactions" else _run_mme(args)


def _run_interactions(args: argparse.Namespace) -> int:
    if getattr(args, "kratom", False) or getattr(args, "about", False):
        return _print_page(args)
    items: list[str | CheckItem] = [_checked_item(item) for item in args.items if item.strip()]
    if args.mine:
        with open_companion(args) as companion:
            saved = load_saved_items(companion)
        if not saved:
            say(args.json, "No saved medicines yet.")
        items += saved
    if not items:
        raise ValidationError(
            "Nothing to check: name one or more medicines, e.g. 'paincompanion interactions Percocet Xanax'."
        )
    dataset = load_dataset()
    result = check(items, dataset)
    if args.json:
        print_json(result.to_json())
    else:
        show(format_check(result, dataset))
    return 0


def _print_page(args: argparse.Namespace) -> int:
    """`--kratom` / `--about`: the information page as plain text (or {"title", "markdown"} with --json)."""
    from ...interactions.about import about_markdown, build_about, markdown_to_text

    if [item for item in args.items if item.strip()] or args.mine:
        raise ValidationError("--kratom and --about print a page; give them without medicine names or --mine.")
    dataset = load_dataset()
    if args.kratom:
        title, markdown = "Kratom: what to know", dataset.kratom_markdown
    else:
        title, markdown = "About the interaction data", about_markdown(build_about(dataset))
    if args.json:
        print_json({"title": title, "dataset": {"version": dataset.version}, "markdown": markdown})
    else:
        print(markdown_to_text(markdown), end="")
    return 0


def _run_mme(args: argparse.Namespace) -> int:
    if args.taken or args.date_from or args.date_to:
        return _run_mme_taken(args)
    if not args.file and not args.mine:
        raise ValidationError("Give a FILE with the opioids to count (or --mine for the saved list); see 'mme --help'.")
    items = _read_mme_file(args.file) if args.file else []
    if args.mine:
        with open_companion(args) as companion:
            saved = load_saved_mme_items(companion)
        if not saved:
            say(args.json, "No saved medicines yet.")
        items += saved
    result = compute_mme(items, load_dataset())
    if args.json:
        print_json(result.to_json())
    else:
        show(format_mme(result))
    return 0


def _run_mme_taken(args: argparse.Namespace) -> int:
    """`mme --mine --taken [--from --to]`: the average daily MME of the logged doses over every day of the period."""
    from ...analysis.mme_taken import TAKEN_DAYS, service_mme_taken
    from ..common import parse_day

    if not args.taken:
        raise ValidationError("--from and --to go with --mine --taken (what the dose log says you took).")
    if args.file or not args.mine:
        raise ValidationError("--taken counts your own dose log: give it with --mine and without a FILE.")
    with open_companion(args) as companion:
        today = companion.clock.now().date()
        end = parse_day(args.date_to, "--to") or today
        start = parse_day(args.date_from, "--from") or end - timedelta(days=TAKEN_DAYS - 1)
        taken = service_mme_taken(companion.meds, start, end)
    if args.json:
        print_json(taken.to_json())
        return 0
    result = taken.result
    if result.items or not result.not_calculated:
        head = f"{_num(result.total_mme_per_day)} MME a day on average (CDC 2022 conversion factors)"
    else:
        head = "not calculated (see below)"
    lines = format_mme(result).splitlines()[1:]
    print(_wrap(f"Opioids you took, from your dose log: {head}, over the {taken.days} days from "
                f"{taken.start.isoformat()} to {taken.end.isoformat()}. Every day of the period counts, days "
                "without a dose too; the most your schedule allows is shown by 'mme --mine'."))  # fmt: skip
    print("\n".join(lines))
    return 0


def _read_mme_file(name: str) -> list[MmeItem]:
    """The opioid list from FILE or standard input ("-"): JSON, at most MAX_MME_FILE_BYTES."""
    where = "standard input" if name == "-" else printable(name)
    try:
        if name == "-":
            text = sys.stdin.read(MAX_MME_FILE_BYTES + 1)
        else:
            with bounds.check_input_file(name, "Cannot read the file").open(encoding="utf-8") as handle:
                text = handle.read(MAX_MME_FILE_BYTES + 1)
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8 text"
        raise ValidationError(f"Cannot read {where}: {reason}.") from None
    if len(text) > MAX_MME_FILE_BYTES:
        raise ValidationError(f"{where} is too large for a list of medicines (over {MAX_MME_FILE_BYTES:,} characters).")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{where} is not valid JSON: {exc.msg} (line {exc.lineno}).") from None
    except RecursionError:
        raise ValidationError(f"{where} is nested too deeply to be a list of medicines.") from None
    except ValueError:  # e.g. a number longer than Python converts
        raise ValidationError(f"{where} holds a number too long to be a dose.") from None
    return items_from_json(data, where=where)


# -- text output --------------------------------------------------------------------------------------------------
def format_check(result: CheckResult, dataset: Dataset) -> str:
    """Calm, readable text: what each item was recognised as, then the warnings, most serious first."""
    n = len(result.items)
    lines = [
        f"Checked {n} item{'s' if n != 1 else ''} against the interaction data, version {result.dataset_version}.",
        "",
    ]
    width = min(max((len(item.input) for item in result.items), default=0), 30)
    uncovered = dict(result.no_rules)
    for item in result.items:
        what = item_text(item, dataset)
        if item.recognized and item.input in uncovered:
            what += f" ({no_rules_message(uncovered[item.input])})"
        lines.append(_wrap(f"{item.input:<{width}}  {what}", indent="  ", hang=width + 4))
    lines.append("")
    if result.warnings:
        count = len(result.warnings)
        lines += [f"{count} warning{'s' if count != 1 else ''}, most serious first:", ""]
        for number, warning in enumerate(result.warnings, start=1):
            label = warning.severity.label.upper() + (" (overlap)" if warning.kind == "duplicate" else "")
            lines.append(_wrap(f"{number}. {label}: {warning.summary}", hang=len(str(number)) + 2))
            pad = " " * (len(str(number)) + 2)
            lines.append(_wrap(f"{pad}Items: {', '.join(warning.items)}", hang=len(pad)))
            lines.append(_wrap(f"{pad}What to do: {warning.advice}", hang=len(pad)))
            first = warning.sources[0]
            more = f" (and {len(warning.sources) - 1} more)" if len(warning.sources) > 1 else ""
            lines.append(_wrap(f"{pad}Source: {first.title} {first.reference()}{more}", hang=len(pad)))
            lines.append("")
    elif result.unrecognized:
        lines += ["No warnings for the recognised items. The items that were not recognised could not be checked.", ""]
    elif result.no_rules:
        names = ", ".join(name for _, group in result.no_rules for name in group)
        lines += [
            _wrap(
                "No warnings for the items the dataset has rules for. It has no interaction rules at all for "
                f"{names}, so nothing could be checked for them; ask your pharmacist."
            ),
            "",
        ]
    else:
        lines += ["No warnings in this dataset for these items. It does not cover every medicine or every risk.", ""]
    lines.append(CLOSING)
    return "\n".join(lines)


def item_text(item: Resolution, dataset: Dataset) -> str:
    """What one item was checked as; candidates and suggestions always with their ingredients."""
    contents = " + ".join(dataset.ingredient_name(i) for i in item.ingredients)
    if item.given:
        unknown = f"; not recognised: {', '.join(item.unknown_ingredients)}" if item.unknown_ingredients else ""
        return f"{contents or 'no ingredient recognised'}{unknown} ({GIVEN_BY_YOU})"
    if item.candidates:
        shared = f" Checked only for what they all contain: {contents}." if contents else ""
        return "could be several products: " + " or ".join(c.label for c in item.candidates) + "." + shared
    if item.recognized:
        return f"{item.product}: {contents}" if item.product else contents
    what = NOT_RECOGNISED + "."
    if item.suggested:
        what += " Did you mean " + " or ".join(c.label for c in item.suggested) + "?"
    return what


def format_mme(result: MmeResult) -> str:
    if result.items or not result.not_calculated:
        total = f"{_num(result.total_mme_per_day)} MME a day (CDC 2022 conversion factors)."
    else:  # only items that cannot be converted (buprenorphine, 7-OH…): no number rather than a false 0
        total = "not calculated (see below)."
    lines = [f"Opioid daily total: {total}", ""]
    if result.items:
        width = min(max(len(line.drug) for line in result.items), 30)
        for line in result.items:
            lines.append(
                f"  {line.drug:<{width}}  {line.ingredient} × {line.factor:g} = {_num(line.mme_per_day)} MME a day"
            )
        lines.append("")
    if result.not_calculated:
        lines.append("Not calculated:")
        lines += [_wrap(f"  {n.drug}: {n.reason}", hang=4) for n in result.not_calculated]
        lines.append("")
    if result.notes:
        lines.append("Good to know:")
        lines += [_wrap(f"  - {note}", hang=4) for note in result.notes]
        lines.append("")
    lines.append("Talk to your prescriber or pharmacist before changing any dose.")
    return "\n".join(lines)


def _wrap(text: str, *, indent: str = "", hang: int = 0) -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=indent, subsequent_indent=" " * (len(indent) + hang),
        break_long_words=False, break_on_hyphens=False,
    )  # fmt: skip


def _num(value: float) -> str:
    return f"{round(value, 1):g}"
