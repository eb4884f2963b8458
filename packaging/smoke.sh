#!/bin/sh
# Smoke test of a built bundle, headless: the binary starts, finds its data, writes a PDF with text, shows its window.
#
#     sh packaging/smoke.sh [path/to/paincompanion]      (default: dist/paincompanion/paincompanion)
#
# Uses a temporary --data-dir (removed afterwards) and QT_QPA_PLATFORM=offscreen. Prints each check;
# exits non-zero at the first one that fails. Needs pdftotext (poppler-utils) for the PDF check.
set -u
BIN=${1:-dist/paincompanion/paincompanion}
[ -x "$BIN" ] || { echo "FAIL: no executable at $BIN (run 'make package' first)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pc-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
DATA="$WORK/data"
export QT_QPA_PLATFORM=offscreen LANG=${LANG:-C.UTF-8} PAINCOMPANION_NO_BLOCKING_DIALOGS=1
# Keep matplotlib's cache out of the user's home, as a fresh machine would.
export XDG_CACHE_HOME="$WORK/cache"

pass() { echo "ok   $1"; }
fail() { echo "FAIL $1" >&2; [ -s "$WORK/err" ] && sed 's/^/     | /' "$WORK/err" >&2; exit 1; }

# run NAME CMD... : run the bundle with a time limit, keep stdout in $WORK/out and stderr in $WORK/err.
run() {
  name=$1; shift
  if timeout 120 "$BIN" "$@" >"$WORK/out" 2>"$WORK/err"; then return 0; fi
  fail "$name (exit $?): $BIN $*"
}

echo "Smoke test of $BIN ($(du -sh "$(dirname "$BIN")" | cut -f1) folder)"

run "--version" --version
expected=$(grep -m1 '^__version__' "$(dirname "$0")/../src/paincompanion/__init__.py" | cut -d'"' -f2)
grep -qx "Pain Companion $expected" "$WORK/out" || fail "--version printed '$(cat "$WORK/out")', expected 'Pain Companion $expected'"
pass "--version: $(cat "$WORK/out")"

run "interactions" --data-dir "$DATA" interactions --json kratom oxycodone
tr -d '\n' <"$WORK/out" | tr -s ' ' >"$WORK/flat"
grep -q '"input": "kratom", "recognized": true' "$WORK/flat" || fail "interactions: kratom not recognised"
grep -q '"input": "oxycodone", "recognized": true' "$WORK/flat" || fail "interactions: oxycodone not recognised"
grep -q '"severity": "major", "items": \[ "kratom", "oxycodone" \]' "$WORK/flat" \
  || fail "interactions: no major kratom + oxycodone warning in $(cut -c1-300 "$WORK/flat")"
dataset=$(grep -o '"dataset": { "version": "[^"]*"' "$WORK/flat" | cut -d'"' -f6)
pass "interactions --json kratom oxycodone: major warning for kratom + oxycodone (dataset $dataset)"

run "demo" --data-dir "$DATA" demo
pass "demo: $(tr '\n' ' ' <"$WORK/out" | cut -c1-100)"

run "report" --data-dir "$DATA" report --days 90 -o "$WORK/summary.pdf"
[ -s "$WORK/summary.pdf" ] || fail "report wrote no PDF"
head -c 5 "$WORK/summary.pdf" | grep -q '%PDF-' || fail "report output is not a PDF"
pdftotext "$WORK/summary.pdf" "$WORK/summary.txt" 2>"$WORK/err" || fail "pdftotext could not read the PDF"
words=$(wc -w <"$WORK/summary.txt")
[ "$words" -ge 50 ] || fail "the PDF has only $words words of text (fonts missing?)"
grep -qi "pain" "$WORK/summary.txt" || fail "the PDF text does not mention pain"
pages=$(pdfinfo "$WORK/summary.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
fonts=$(pdffonts "$WORK/summary.pdf" 2>/dev/null | awk 'NR>2 {print $1}' | sed 's/^[A-Z]*+//' | sort -u | tr '\n' ' ')
pass "report: $(du -k "$WORK/summary.pdf" | cut -f1) KB PDF, ${pages:-?} page(s), $words words of text, fonts: ${fonts:-?}"

run "--quit-after-startup" --data-dir "$DATA" --quit-after-startup
if grep -q "Traceback (most recent call last)" "$WORK/err"; then fail "--quit-after-startup raised an exception"; fi
pass "--quit-after-startup: window shown with the demo diary and closed (exit 0)"

# Encryption at rest needs sqlcipher3 and its SQLAlchemy dialect inside the bundle.
printf '%s\n' "smoke test passphrase" >"$WORK/passphrase"
run "encrypt" --data-dir "$DATA" encrypt --new-passphrase-file "$WORK/passphrase"
head -c 15 "$DATA/paincompanion.sqlite" | grep -q "SQLite format" && fail "encrypt: the diary file is still plain SQLite"
PAINCOMPANION_PASSPHRASE="smoke test passphrase" run "entries (encrypted)" --data-dir "$DATA" entries
entries=$(grep -c "pain [0-9]*/10" "$WORK/out")
[ "$entries" -gt 0 ] || fail "entries of the encrypted diary: none listed"
if PAINCOMPANION_PASSPHRASE="wrong" timeout 120 "$BIN" --data-dir "$DATA" entries >"$WORK/out" 2>"$WORK/err"; then
  fail "a wrong passphrase opened the encrypted diary"
fi
pass "encrypt (SQLCipher): file no longer plain SQLite; $entries entries listed with the passphrase; a wrong one refused"

echo "All smoke checks passed."
