#!/bin/sh
# Install the Debian libraries Qt needs (offscreen + xcb) and the test tools, when run as root
# on Debian/Ubuntu and something is missing. Safe to run repeatedly; does nothing otherwise.
set -e
PKGS="libgl1 libegl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
libxkbcommon-x11-0 fonts-dejavu-core xvfb xauth poppler-utils desktop-file-utils appstream"
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "Missing Debian packages:$missing (run 'make test' as root, or install them yourself)" >&2
  exit 0
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null
