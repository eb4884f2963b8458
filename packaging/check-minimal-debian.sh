#!/bin/sh
# Run the built bundle on a minimal Debian 12 with only libgl1 and libegl1 added: no fonts, no fontconfig
# configuration, no Qt or X libraries beyond what the bundle carries. Checks the CLI and the PDF (text must be
# in it) and, when Xvfb is installed on the host, shows the window on the xcb platform and saves a screenshot
# for a person to look at (text, not boxes).
#
#     sudo sh packaging/check-minimal-debian.sh [dist/paincompanion]
#
# Needs root (chroot, mounts), debootstrap and a Debian mirror (MIRROR=...) the first time; the chroot is kept in
# $CHROOT (default /var/tmp/pc-debian-minimal) for the next run. Host tools: pdftotext; optional Xvfb + .venv.
set -eu
BUNDLE=${1:-dist/paincompanion}
CHROOT=${CHROOT:-/var/tmp/pc-debian-minimal}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/pc-minimal.XXXXXX")}
HERE=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "run as root (chroot and mounts)" >&2; exit 2; }
[ -x "$BUNDLE/paincompanion" ] || { echo "no bundle at $BUNDLE (make package)" >&2; exit 2; }

if [ ! -x "$CHROOT/bin/sh" ]; then
  command -v debootstrap >/dev/null || { echo "apt-get install debootstrap first" >&2; exit 2; }
  echo "Creating a minimal Debian 12 in $CHROOT (libgl1 libegl1 only)…"
  debootstrap --variant=minbase --include=libgl1,libegl1 bookworm "$CHROOT" "$MIRROR" >"$OUT/debootstrap.log"
fi
echo "Fonts in the chroot: $(find "$CHROOT/usr/share/fonts" -type f 2>/dev/null | wc -l) files; fontconfig config: \
$([ -e "$CHROOT/etc/fonts/fonts.conf" ] && echo present || echo none)"

rm -rf "$CHROOT/opt/paincompanion" "$CHROOT/root/pc"
cp -a "$BUNDLE" "$CHROOT/opt/paincompanion"
mkdir -p "$CHROOT/root/pc" "$CHROOT/tmp/.X11-unix"
mounted=""
cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null || true
  for m in $mounted; do umount "$m" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM
mount -t proc proc "$CHROOT/proc" && mounted="$CHROOT/proc $mounted"
mount --bind /dev "$CHROOT/dev" && mounted="$CHROOT/dev $mounted"

in_chroot() { chroot "$CHROOT" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
APP=/opt/paincompanion/paincompanion
DATA=/root/pc/data

in_chroot QT_QPA_PLATFORM=offscreen $APP --version
in_chroot $APP --data-dir $DATA interactions kratom oxycodone | head -3
in_chroot $APP --data-dir $DATA demo
in_chroot $APP --data-dir $DATA report --days 90 -o /root/pc/summary.pdf
cp "$CHROOT/root/pc/summary.pdf" "$OUT/summary.pdf"
words=$(pdftotext "$OUT/summary.pdf" - | wc -w)
echo "PDF made in the chroot: $words words of text; fonts: $(pdffonts "$OUT/summary.pdf" | awk 'NR>2 {print $1}' | tr '\n' ' ')"
[ "$words" -ge 50 ] || { echo "FAIL: the PDF has no text" >&2; exit 1; }
in_chroot QT_QPA_PLATFORM=offscreen PAINCOMPANION_NO_BLOCKING_DIALOGS=1 $APP --data-dir $DATA --quit-after-startup
echo "ok: CLI, PDF and offscreen start-up work with no fonts installed"

if command -v Xvfb >/dev/null && [ -x "$HERE/.venv/bin/python" ]; then
  display=:$((90 + $$ % 9))
  Xvfb "$display" -screen 0 1280x800x24 -fbdir "$OUT" -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
  XVFB_PID=$!
  sleep 2
  mount --bind /tmp/.X11-unix "$CHROOT/tmp/.X11-unix" && mounted="$CHROOT/tmp/.X11-unix $mounted"
  in_chroot DISPLAY="$display" $APP --data-dir $DATA >"$OUT/gui.log" 2>&1 &
  APP_PID=$!
  sleep 12
  kill -0 "$APP_PID" 2>/dev/null || { echo "FAIL: the window did not stay open:" >&2; cat "$OUT/gui.log" >&2; exit 1; }
  "$HERE/.venv/bin/python" - "$OUT/Xvfb_screen0" "$OUT/window.png" <<'EOF'
import struct, sys
import numpy as np
from PIL import Image
data = open(sys.argv[1], "rb").read()
fields = struct.unpack(">25I", data[:100])  # XWD header: size, ..., width, height, ..., bytes per line, ..., ncolors
header, width, height, per_line, colours = fields[0], fields[4], fields[5], fields[12], fields[19]
start = header + colours * 12
pixels = np.frombuffer(data[start : start + per_line * height], dtype=np.uint8).reshape(height, per_line // 4, 4)
Image.fromarray(pixels[:, :width, [2, 1, 0]]).save(sys.argv[2])
EOF
  echo "ok: the window ran on xcb for 12 s; screenshot to look at: $OUT/window.png"
fi
