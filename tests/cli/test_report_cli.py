"""`paincompanion report`: one-line errors with a non-zero exit, and valid PDFs for any period."""

from __future__ import annotations

from datetime import date, timedelta

import pypdfium2 as pdfium
import pytest


def pdf_text(path) -> str:
    doc = pdfium.PdfDocument(path.read_bytes())
    try:
        return " ".join(" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc)))
    finally:
        doc.close()


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-03-05", "--to", "2026-03-01"), "The period is reversed"),
        (("--days", "0"), "The period is empty"),
        (("--days", "-3"), "The period is empty"),
        (("--days", "ninety"), "--days must be a whole number"),
        (("--days", "30", "--from", "2026-03-01"), "either --days or --from/--to"),
        (("--from", "2026-13-01"), "--from must be a date"),
        (("--sections", "pain,bogus"), "Unknown section 'bogus'"),
        (("--sections", " , "), "--sections is empty"),
        (("--paper", "a3"), "Unknown paper size 'a3'"),
    ],
)
def test_bad_requests_are_one_line_with_a_nonzero_exit_and_no_file(run, tmp_path, args, message):
    target = tmp_path / "summary.pdf"
    code, out, err = run("report", *args, "-o", str(target))
    assert code != 0 and out == ""
    assert message in err
    assert err.count("\n") == 1
    assert not target.exists()


def test_a_period_ending_in_the_future_is_refused(run, tmp_path):
    target = tmp_path / "summary.pdf"
    tomorrow = date.today() + timedelta(days=1)
    code, _, err = run("report", "--from", "2026-01-01", "--to", tomorrow.isoformat(), "-o", str(target))
    assert code != 0 and "future" in err and err.count("\n") == 1
    assert not target.exists()


@pytest.mark.parametrize("where", ["no-such-folder/summary.pdf", "."])
def test_an_unwritable_path_is_one_line_with_a_nonzero_exit(run, tmp_path, where):
    code, _, err = run("report", "--days", "30", "-o", str(tmp_path / where))
    assert code != 0
    assert "Cannot write the report" in err and err.count("\n") == 1


def test_a_period_with_no_entries_still_writes_a_valid_report_saying_so(run, tmp_path):
    target = tmp_path / "summary.pdf"
    code, out, err = run("report", "--days", "30", "-o", str(target))
    assert code == 0 and err == ""
    assert str(target) in out
    text = pdf_text(target)
    assert "Patient-reported data" in text
    assert "No diary entries in this period." in text
    assert "Page 1 of 1" in text


def test_from_to_chooses_the_period_and_sections_and_paper_are_honoured(run, tmp_path):
    for day, pain in (("2026-01-05", 6), ("2026-01-06", 8), ("2026-02-20", 2)):
        assert run("log", "--pain", str(pain), "--at", f"{day}T09:00", "--where", "lower back left")[0] == 0
    target = tmp_path / "january.pdf"
    code, _, err = run(
        "report", "--from", "2026-01-01", "--to", "2026-01-31", "--sections", "pain,where,questions",
        "--paper", "letter", "--questions", "Is this arthritis?", "-o", str(target),
    )  # fmt: skip
    assert code == 0, err
    text = pdf_text(target)
    assert "1 Jan 2026 to 31 Jan 2026 (31 days)" in text and "Left lower back" in text
    # Two days are too few for an average: the days are listed instead; February's 2 is outside the period.
    assert "Too few entries to summarise" in text and "5 Jan 2026: 6.0; 6 Jan 2026: 8.0." in text
    assert "Where and how it hurts" in text and "Is this arthritis?" in text
    assert "Medicines and supplements" not in text and "Routines done" not in text
    doc = pdfium.PdfDocument(target.read_bytes())
    try:
        assert round(doc[0].get_size()[0]) == 612  # Letter
    finally:
        doc.close()


def test_days_ends_today_and_json_tells_what_was_written(run, tmp_path):
    target = tmp_path / "week.pdf"
    code, out, err = run("report", "--days", "7", "-o", str(target), json_out=True)
    assert code == 0, err
    today = date.today()
    assert out["file"] == str(target)
    assert out["end"] == today.isoformat() and out["start"] == (today - timedelta(days=6)).isoformat()
    assert f"{day_text(today - timedelta(days=6))} to {day_text(today)} (7 days)" in pdf_text(target)


def test_report_needs_no_display_and_never_loads_qt_or_pyplot(tmp_path):
    import os
    import subprocess
    import sys

    target = tmp_path / "summary.pdf"
    code = (
        "import sys\n"
        "from paincompanion.cli.main import main\n"
        f"rc = main(['--data-dir', {str(tmp_path / 'data')!r}, 'report', '--days', '30', '-o', {str(target)!r}])\n"
        "loaded = [m for m in ('PySide6', 'matplotlib.pyplot') if m in sys.modules]\n"
        "print(rc, loaded)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stderr
    assert target.read_bytes().startswith(b"%PDF")


def test_name_and_date_of_birth_are_printed_on_every_page_and_saved(run, tmp_path):
    out_file = tmp_path / "s.pdf"
    code, out, err = run("report", "--days", "30", "--name", "Jo  Example", "--born", "1961-04-30", "-o", str(out_file))
    assert code == 0, err
    text = pdf_text(out_file)
    assert "Name: Jo Example" in text and "Born: 30 Apr 1961" in text
    assert "Entered by the patient, not verified by a clinician" in text
    again = tmp_path / "again.pdf"
    code, _, err = run("report", "--days", "30", "-o", str(again))  # saved for the next summary
    assert code == 0, err
    assert "Born: 30 Apr 1961" in pdf_text(again)


@pytest.mark.parametrize(
    ("args", "message"),
    [(("--born", "30/04/1961"), "--born must be a date"), (("--born", "2999-01-01"), "date of birth"),
     (("--name", "x" * 101), "name is longer")],
)  # fmt: skip
def test_a_bad_name_or_date_of_birth_is_one_line_and_saves_nothing(run, tmp_path, args, message, db_hash):
    run("goals", "add", "garden")
    before = db_hash(run.data)
    code, out, err = run("report", "--days", "30", *args, "-o", str(tmp_path / "s.pdf"))
    assert code != 0 and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "s.pdf").exists() and db_hash(run.data) == before
