"""Machine-checked layering: the import contracts (pyproject.toml), the core never loads Qt, no network code."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "src" / "paincompanion"
NETWORK_MODULES = ("socket", "urllib", "http", "requests", "ftplib", "smtplib", "ssl", "asyncio", "xmlrpc")
QT_NETWORK = ("PySide6.QtNetwork", "PySide6.QtWebEngine", "PySide6.QtWebSockets")
#: Local sockets (single-instance handshake) are the only QtNetwork classes allowed.
LOCAL_ONLY = {"QLocalServer", "QLocalSocket"}


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _python_files():
    return [p for p in PACKAGE.rglob("*.py")]


def test_core_and_cli_load_no_qt():
    code = (
        "import sys\n"
        "import paincompanion.services.companion, paincompanion.services.transfer, paincompanion.services.demo\n"
        "import paincompanion.cli.main\n"
        "from paincompanion.cli.main import build_parser\n"
        "build_parser()\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'paincompanion.gui', 'matplotlib'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_subcommand_runs_without_qt(tmp_path):
    code = (
        "import sys\n"
        "from paincompanion.cli.main import main\n"
        f"assert main(['--data-dir', {str(tmp_path)!r}, 'log', '--pain', '3']) == 0\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_import_contracts_hold():
    """The layers, and which layer may import SQLAlchemy, Qt and matplotlib: the import-linter contracts in
    pyproject.toml (relative and in-function imports included). `make test` also runs `lint-imports`.
    In a child process: import-linter reconfigures logging, which would disable the app's loggers here."""
    code = (
        "import sys\n"
        "from importlinter.cli import lint_imports\n"
        f"sys.exit(lint_imports(config_filename={str(PACKAGE.parents[1] / 'pyproject.toml')!r}, no_cache=True))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_network_modules_anywhere():
    offenders = []
    for path in _python_files():
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found = [(a.name, None) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found = [(node.module, {a.name for a in node.names})]
            else:
                continue
            for module, names in found:
                if module.split(".")[0] in NETWORK_MODULES:
                    offenders.append(f"{path.relative_to(PACKAGE)}: {module}")
                elif module.startswith(QT_NETWORK) and not (module == "PySide6.QtNetwork" and names <= LOCAL_ONLY):
                    offenders.append(f"{path.relative_to(PACKAGE)}: {module} {sorted(names or [])}")
    assert offenders == []
