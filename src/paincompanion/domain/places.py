"""Places as people say them ("lower back", "knees", "both shoulders", "whole body") → body map regions.

A region's own name or id ("Left knee", "front-left-knee") finds that one region. An everyday name finds the
set of regions it covers (`PLACES`), both sides unless a side is said ("left hip" → the left hip only). An
unknown place raises one plain sentence naming the closest names.
"""

from __future__ import annotations

import difflib
import re

from ..errors import ValidationError
from . import bounds
from .body import REGIONS, REGIONS_BY_ID, BodyRegion, Side, find_region

_BACK_TRUNK = ("back-left-upper-back", "back-right-upper-back", "back-mid-back", "back-left-lower-back",
               "back-right-lower-back")  # fmt: skip


def _both(view: str, part: str) -> tuple[str, ...]:
    return (f"{view}-left-{part}", f"{view}-right-{part}")


#: Everyday name (lower case, singular) → the regions it covers, both sides. Plurals are added below.
PLACES: dict[str, tuple[str, ...]] = {
    "head": ("front-head", "back-head"),
    "forehead": ("front-head",),
    "temple": ("front-head",),
    "face": ("front-head", *_both("front", "jaw")),
    "jaw": _both("front", "jaw"),
    "neck": ("front-neck", "back-neck"),
    "throat": ("front-neck",),
    "shoulder": _both("front", "shoulder"),
    "shoulder blade": _both("back", "shoulder-blade"),
    "chest": _both("front", "chest"),
    "rib": _both("front", "chest"),
    "breast": _both("front", "chest"),
    "abdomen": ("front-upper-abdomen", "front-lower-abdomen"),
    "stomach": ("front-upper-abdomen", "front-lower-abdomen"),
    "belly": ("front-upper-abdomen", "front-lower-abdomen"),
    "tummy": ("front-upper-abdomen", "front-lower-abdomen"),
    "groin": ("front-pelvis",),
    "pelvis": ("front-pelvis",),
    "back": _BACK_TRUNK,
    "upper back": _both("back", "upper-back"),
    "mid back": ("back-mid-back",),
    "middle back": ("back-mid-back",),
    "lower back": _both("back", "lower-back"),
    "low back": _both("back", "lower-back"),
    "lumbar": _both("back", "lower-back"),
    "spine": ("back-neck", *_BACK_TRUNK, "back-tailbone"),
    "tailbone": ("back-tailbone",),
    "coccyx": ("back-tailbone",),
    "buttock": _both("back", "buttock"),
    "bottom": _both("back", "buttock"),
    "bum": _both("back", "buttock"),
    "butt": _both("back", "buttock"),
    "glute": _both("back", "buttock"),
    "arm": (*_both("front", "upper-arm"), *_both("front", "elbow"), *_both("front", "forearm")),
    "upper arm": _both("front", "upper-arm"),
    "elbow": _both("front", "elbow"),
    "forearm": _both("front", "forearm"),
    "wrist": _both("front", "hand"),
    "hand": _both("front", "hand"),
    "finger": _both("front", "hand"),
    "thumb": _both("front", "hand"),
    "hip": _both("front", "hip"),
    "thigh": _both("front", "thigh"),
    "hamstring": _both("back", "hamstring"),
    "leg": (*_both("front", "thigh"), *_both("front", "knee"), *_both("front", "shin"), *_both("back", "calf")),
    "knee": _both("front", "knee"),
    "back of knee": _both("back", "knee"),
    "shin": _both("front", "shin"),
    "calf": _both("back", "calf"),
    "ankle": _both("front", "foot"),
    "foot": _both("front", "foot"),
    "toe": _both("front", "foot"),
    "heel": _both("back", "heel"),
    "whole body": tuple(r.id for r in REGIONS),
    "all over": tuple(r.id for r in REGIONS),
    "everywhere": tuple(r.id for r in REGIONS),
}

_IRREGULAR = {"feet": "foot", "calves": "calf", "ribs": "rib", "teeth": "jaw"}
_SIDES = {"left": Side.LEFT, "l": Side.LEFT, "right": Side.RIGHT, "r": Side.RIGHT}
_FILLER = {"my", "the", "both", "all", "of", "whole", "entire", "full", "side", "sides", "in", "on", "and"}
_SAME = {"entire body": "whole body", "full body": "whole body", "all body": "whole body", "body": "whole body"}


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z]+", " ", text.lower()).split()


_KNOWN_WORDS = {w for phrase in PLACES for w in phrase.split()}


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("s") and word[:-1] in _KNOWN_WORDS:
        return word[:-1]
    return word


def _lookup(words: list[str]) -> tuple[str, ...] | None:
    phrase = " ".join(words)
    phrase = _SAME.get(phrase, phrase)
    if phrase in PLACES:
        return PLACES[phrase]
    singular = " ".join(_singular(w) for w in words)
    return PLACES.get(_SAME.get(singular, singular))


def resolve_place(text: str) -> tuple[BodyRegion, ...]:
    """The regions a typed place covers, in body-map order; raises ValidationError for an unknown place."""
    cleaned = " ".join(str(text or "").split())
    if not cleaned:
        raise ValidationError("A body place is empty; name one, like 'lower back' or 'left knee'.")
    if cleaned in REGIONS_BY_ID:
        return (REGIONS_BY_ID[cleaned],)
    words = _words(cleaned)
    found = _lookup(words)  # the everyday name first: "neck" is the whole neck, not its front
    if found is None and (region := find_region(cleaned)) is not None:
        return (region,)
    if found is None:
        sides = {_SIDES[w] for w in words if w in _SIDES}
        rest = [w for w in words if w not in _SIDES and w not in _FILLER]
        found = _lookup(rest) if rest else None
        if found is not None and len(sides) == 1:
            side = sides.pop()
            sided = tuple(rid for rid in found if REGIONS_BY_ID[rid].side == side)
            found = sided or found  # "left neck": the neck has no sides
        elif found is not None and len(sides) > 1 and "and" not in words and "both" not in words:
            found = None
    if not found:
        raise ValidationError(unknown_place_message(cleaned))
    wanted = set(found)
    return tuple(r for r in REGIONS if r.id in wanted)


def known_place(text: str) -> tuple[BodyRegion, ...]:
    """Like `resolve_place`, but an unknown place gives () instead of an error (importers keep it as a note)."""
    try:
        return resolve_place(text)
    except ValidationError:
        return ()


def unknown_place_message(text: str) -> str:
    """One line: the place is not known, and the closest names (everyday names and region names)."""
    names = [*PLACES, *(r.name for r in REGIONS)]
    simple = {" ".join(_words(n)): n for n in names}
    close = difflib.get_close_matches(" ".join(_words(text)), list(simple), n=3, cutoff=0.5)
    hint = (
        f" Closest: {', '.join(simple[c] for c in close)}." if close else " Try e.g. 'lower back', 'left knee', 'neck'."
    )
    return f"Unknown body location {bounds.printable(repr(text))}.{hint}"


def places_text(region_ids: tuple[str, ...] | list[str]) -> str:
    """Readable names of stored region ids, for a saved entry ("Left knee, Right knee")."""
    return ", ".join(REGIONS_BY_ID[r].name if r in REGIONS_BY_ID else r for r in region_ids)
