"""The list of bundled routines still waiting for a clinician's sign-off, kept in data/routines/README.md.

Regenerate the README section after changing the library:
    python -m paincompanion.routines.review_list
(tests/routines/test_library_content.py checks that the README matches.)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..files import atomic_write
from .library import Library, load_library

README_START = "<!-- awaiting-review:start -->"
README_END = "<!-- awaiting-review:end -->"


def awaiting_review_markdown(library: Library) -> str:
    """A Markdown table of the bundled routines not yet reviewed, grouped by who should review them."""
    waiting = [r for r in library.list_routines() if r.origin == "bundled" and not r.reviewed]
    reviewed = [r for r in library.list_routines() if r.reviewed]
    lines = [
        f"{len(waiting)} of {len(waiting) + len(reviewed)} routines are awaiting sign-off.",
        "",
        "| Routine | Id | Reviewer needed |",
        "|---|---|---|",
    ]
    for routine in sorted(waiting, key=lambda r: ((r.review.needs if r.review else ""), r.title.casefold())):
        needs = routine.review.needs if routine.review and routine.review.needs else "clinician"
        lines.append(f"| {routine.title} | `{routine.id}` | {needs} |")
    return "\n".join(lines)


def update_readme(path: Path, library: Library) -> bool:
    """Rewrite the section between the markers; returns True when the file changed."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    new = f"{head}{README_START}\n{awaiting_review_markdown(library)}\n{README_END}{tail}"
    if new == text:
        return False
    atomic_write(path, new)
    return True


def main() -> None:
    path = Path(str(resources.files("paincompanion").joinpath("data", "routines", "README.md")))
    print("README updated." if update_readme(path, load_library()) else "README already up to date.")


if __name__ == "__main__":
    main()
