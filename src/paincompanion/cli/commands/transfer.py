"""`export` and `import`."""

from __future__ import annotations

import argparse

from ... import importers
from ...domain import bounds
from ...errors import ValidationError
from ...importers.generic_csv import parse_scale, parse_where
from ...services import transfer
from ..common import open_companion, output_file
from ..output import print_json, say


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    if name == "export":
        p.add_argument("--format", choices=("csv", "json"), default="json")
        p.add_argument("-o", "--output", required=True, metavar="FILE")
    else:
        p.add_argument("file", metavar="FILE")
        p.add_argument(
            "--format",
            choices=importers.FORMATS,
            default="auto",
            help="auto: tell from the file; csv: any CSV with date and pain columns (see --map)",
        )
        p.add_argument(
            "--map",
            metavar="FIELD=COLUMN,…",
            help="for --format csv: which column is which, e.g. date=Start,pain=Level,note=Comment",
        )
        p.add_argument(
            "--date-order",
            choices=importers.DATE_ORDERS,
            help="how to read dates like 3/4/24 when the file cannot tell: dmy (day/month) or mdy (month/day)",
        )
        p.add_argument(
            "--scale",
            metavar="LOW-HIGH",
            help="for --format csv: the file's pain scale, converted to 0-10 (e.g. 1-5 or 1-10)",
        )
        p.add_argument(
            "--where",
            metavar="COLUMN=VALUE",
            help="for --format csv: read only rows whose COLUMN holds VALUE (ignoring case), e.g. type=pain",
        )
        p.add_argument(
            "--pain-item",
            metavar="NAME",
            help="Flaredown: which tracked condition or symptom is the pain score (0-4, converted to 0-10)",
        )
        p.add_argument("--person", metavar="ID", help="Flaredown research file of several people: whose user_id")
        p.add_argument(
            "--mood",
            action="append",
            metavar="NAME=0-10",
            help="a mood diary's (Daylio's) mood NAME counts as this 0–10 (repeat for each; see --dry-run's list)",
        )
        p.add_argument("--dry-run", action="store_true", help="check and count, change nothing")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    # What the file is, before anything is opened: a refusal touches nothing.
    if args.command == "import":
        source = bounds.check_input_file(args.file, "The file to import")
        mapping = _mapping(args.map)
        options = importers.ImportOptions(
            pain_item=args.pain_item,
            person=args.person,
            scale=parse_scale(args.scale) if args.scale is not None else None,
            where=parse_where(args.where) if args.where is not None else None,
        )
        moods = _moods(args.mood)
    else:
        path = output_file(args, args.output, "Cannot write the export")
    with open_companion(args) as companion:
        if args.command == "export":
            writer = transfer.export_csv if args.format == "csv" else transfer.export_json
            n = writer(companion, path)
            records = companion.moods.count()  # exported with the entries (no pain score)
            if args.json:
                print_json({"format": args.format, "entries": n, "mood_records": records, "file": str(path)})
            else:
                also = f" and {records} records without a pain score" if records else ""
                say(False, f"Exported {n} entries{also} to {path}.")
            return 0
        result = transfer.import_file(
            companion,
            source,
            dry_run=args.dry_run,
            fmt=args.format,
            mapping=mapping,
            date_order=args.date_order,
            options=options,
            moods=moods,
        )
        if args.json:
            print_json(result.to_json())
        else:
            verb = "Would import" if args.dry_run else "Imported"
            say(
                False,
                f"{verb} {result.entries} entries, {result.peg} PEG check-ins, "
                f"{result.medications} medicines and {result.doses} logged doses"
                + (f"; {result.moods} mood-only records (no pain score)." if result.moods else "."),
            )
            for line in result.mapping:
                say(False, f"  {line}")
            for mood in result.mood_names:
                unknown = "" if mood["recognised"] else " (not recognised: check it)"
                say(False, f"  mood {mood['name']!r} ({mood['count']}×) = {mood['value']} of 10{unknown}")
            for skip in result.skipped[:20]:
                say(False, f"  skipped line {skip['line']}: {skip['reason']}")
            if len(result.skipped) > 20:
                say(False, f"  … and {len(result.skipped) - 20} more skipped.")
    return 0


def _mapping(text: str | None) -> dict[str, str] | None:
    """`date=Start,pain=Level` → {"date": "Start", "pain": "Level"}."""
    if not text:
        return None
    mapping = {}
    for part in text.split(","):
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise ValidationError(f"--map needs FIELD=COLUMN pairs separated by commas, not {part!r}.")
        mapping[field.strip().lower()] = column.strip()
    return mapping


def _moods(items: list[str] | None) -> dict[str, int] | None:
    """`["content=8", "okay=5"]` → {"content": 8, "okay": 5}; a number outside 0–10 is refused."""
    if not items:
        return None
    moods = {}
    for item in items:
        name, sep, value = item.rpartition("=")
        if not sep or not name.strip():
            raise ValidationError(f"--mood needs NAME=NUMBER (a whole number 0–10), not {item!r}.")
        score = bounds.parse_score(value, f"The number for the mood {name.strip()!r}", required=True)
        moods[name.strip()] = int(score)
    return moods
