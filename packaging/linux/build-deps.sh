#!/bin/sh
# Debian packages the build host needs beyond .ci/system-deps.sh: binutils (readelf, strip) so the spec can
# drop debug info from the bundle. (Qt's xcb libraries come from system-deps; libGL/libEGL and the Wayland
# client libraries are deliberately not bundled by PyInstaller: the target system provides them.)
# Run as root to install what is missing; does nothing otherwise.
set -e
PKGS="binutils"
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "Missing Debian packages for the bundle:$missing (install them, or run 'make package' as root)" >&2
  exit 0
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends $missing >/dev/null || { apt-get update -q >/dev/null &&
  apt-get install -y -q --no-install-recommends $missing >/dev/null; }
