"""No socket to the network is ever opened: an audit hook watches a full CLI session."""

import subprocess
import sys

AUDIT_HOOK = r"""
import socket, sys
seen = []
def hook(event, args):
    if event == "socket.__new__":
        family = args[1] if len(args) > 1 else None
        if family not in (socket.AF_UNIX, -1):
            seen.append((event, family))
    elif event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"):
        seen.append((event, str(args)[:80]))
sys.addaudithook(hook)
"""

SCRIPT = (
    AUDIT_HOOK
    + r"""
from paincompanion.cli.main import main
d = sys.argv[1]
for args in (["demo", "--years", "0.2"], ["log", "--pain", "4", "--note", "x"], ["entries", "--json"],
             ["export", "--format", "csv", "-o", d + "/x.csv"], ["export", "-o", d + "/x.json"],
             ["backup", "create"], ["backup", "list"], ["db", "check"]):
    assert main(["--data-dir", d + "/data", *args]) == 0, args
assert main(["--data-dir", d + "/other", "import", d + "/x.json"]) == 0
print("NETWORK", seen, file=sys.stderr)
assert not seen, seen
"""
)


def test_cli_session_opens_no_network_socket(tmp_path):
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "NETWORK []" in result.stderr


GUI_SCRIPT = (
    AUDIT_HOOK
    + r"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from paincompanion.cli.main import main
d = sys.argv[1]
assert main(["--data-dir", d, "demo", "--years", "0.1"]) == 0
from paincompanion.__main__ import main as entry
assert entry(["--data-dir", d, "--quit-after-startup"]) == 0
print("NETWORK", seen, file=sys.stderr)
assert not seen, seen
"""
)


def test_gui_start_opens_no_network_socket(tmp_path):
    result = subprocess.run([sys.executable, "-c", GUI_SCRIPT, str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "NETWORK []" in result.stderr
