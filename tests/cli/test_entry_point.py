import pytest

from paincompanion.__main__ import _plain_gui_start


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False, False)),
        (["--quit-after-startup"], (None, True, False)),
        (["--data-dir", "/x", "--quit-after-startup"], ("/x", True, False)),
        (["--data-dir=/y"], ("/y", False, False)),
        (["--minimised", "--data-dir", "/z"], ("/z", False, True)),
        (["--data-dir"], None),
        (["--version"], None),
        (["log", "--pain", "3"], None),
        (["--data-dir", "/x", "entries"], None),
        (["--bogus"], None),
    ],
)
def test_only_plain_gui_starts_skip_the_cli_parser(argv, expected):
    assert _plain_gui_start(argv) == expected


def test_minimised_reaches_the_gui_through_the_cli_parser(monkeypatch):
    import paincompanion.gui.app as gui_app
    from paincompanion.cli.main import main

    calls = []
    monkeypatch.setattr(gui_app, "main", lambda *args, **kwargs: calls.append((args, kwargs)) or 0)
    assert main(["--json", "--minimised"]) == 0
    assert calls == [((None,), {"quit_after_startup": False, "minimised": True, "verbose": False, "theme": None})]
