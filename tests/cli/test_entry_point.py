import pytest

from paincompanion.__main__ import _plain_gui_start


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False)),
        (["--quit-after-startup"], (None, True)),
        (["--data-dir", "/x", "--quit-after-startup"], ("/x", True)),
        (["--data-dir=/y"], ("/y", False)),
        (["--data-dir"], None),
        (["--version"], None),
        (["log", "--pain", "3"], None),
        (["--data-dir", "/x", "entries"], None),
        (["--bogus"], None),
    ],
)
def test_only_plain_gui_starts_skip_the_cli_parser(argv, expected):
    assert _plain_gui_start(argv) == expected
