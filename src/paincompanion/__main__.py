"""`paincompanion` / `python -m paincompanion`: no subcommand starts the GUI, a subcommand runs the CLI."""

from __future__ import annotations

import sys


def _plain_gui_start(argv: list[str]) -> tuple[str | None, bool, bool] | None:
    """(data_dir, quit_after_startup, minimised) when argv only starts the GUI; None when the CLI parser is needed.

    Starting the window is the common case, and argparse costs a few hundredths of a second.
    """
    data_dir, quit_after, minimised, rest = None, False, False, list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--quit-after-startup":
            quit_after = True
        elif arg == "--minimised":
            minimised = True
        elif arg == "--data-dir" and rest and not rest[0].startswith("-"):
            data_dir = rest.pop(0)
        elif arg.startswith("--data-dir=") and len(arg) > len("--data-dir="):
            data_dir = arg.split("=", 1)[1]
        else:
            return None
    return data_dir, quit_after, minimised


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    plain = _plain_gui_start(args)
    if plain is not None:
        from .gui.app import main as gui_main

        return gui_main(plain[0], quit_after_startup=plain[1], minimised=plain[2])
    from .cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
