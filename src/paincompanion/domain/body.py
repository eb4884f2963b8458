"""Body regions for the body map: front and back views, left and right sides."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class View(StrEnum):
    FRONT = "front"
    BACK = "back"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    CENTRE = "centre"


@dataclass(frozen=True)
class BodyRegion:
    """One clickable region. `id` is stable and stored; `name` is what people read."""

    id: str
    name: str
    view: View
    side: Side


def _pair(view: View, part: str, label: str, *, both_views: bool = False) -> list[BodyRegion]:
    """Left and right regions; `both_views` marks back-view parts that the front view also has."""
    suffix = " (back)" if both_views else ""
    return [
        BodyRegion(f"{view}-left-{part}", f"Left {label}{suffix}", view, Side.LEFT),
        BodyRegion(f"{view}-right-{part}", f"Right {label}{suffix}", view, Side.RIGHT),
    ]


def _centre(view: View, part: str, label: str) -> BodyRegion:
    return BodyRegion(f"{view}-{part}", label, view, Side.CENTRE)


_F, _B = View.FRONT, View.BACK

REGIONS: tuple[BodyRegion, ...] = (
    _centre(_F, "head", "Head (front)"),
    *_pair(_F, "jaw", "jaw"),
    _centre(_F, "neck", "Neck (front)"),
    *_pair(_F, "shoulder", "shoulder"),
    *_pair(_F, "chest", "chest"),
    _centre(_F, "upper-abdomen", "Upper abdomen"),
    _centre(_F, "lower-abdomen", "Lower abdomen"),
    *_pair(_F, "upper-arm", "upper arm"),
    *_pair(_F, "elbow", "elbow"),
    *_pair(_F, "forearm", "forearm"),
    *_pair(_F, "hand", "wrist and hand"),
    *_pair(_F, "hip", "hip"),
    _centre(_F, "pelvis", "Pelvis and groin"),
    *_pair(_F, "thigh", "thigh"),
    *_pair(_F, "knee", "knee"),
    *_pair(_F, "shin", "shin"),
    *_pair(_F, "foot", "ankle and foot"),
    _centre(_B, "head", "Back of head"),
    _centre(_B, "neck", "Back of neck"),
    *_pair(_B, "shoulder-blade", "shoulder blade"),
    *_pair(_B, "upper-back", "upper back"),
    _centre(_B, "mid-back", "Middle back"),
    *_pair(_B, "lower-back", "lower back"),
    _centre(_B, "tailbone", "Tailbone"),
    *_pair(_B, "buttock", "buttock"),
    *_pair(_B, "elbow", "elbow", both_views=True),
    *_pair(_B, "hamstring", "thigh", both_views=True),
    *_pair(_B, "knee", "knee", both_views=True),
    *_pair(_B, "calf", "calf"),
    *_pair(_B, "heel", "heel"),
)

REGIONS_BY_ID: dict[str, BodyRegion] = {r.id: r for r in REGIONS}


def _simplify(text: str) -> str:
    return re.sub(r"[^a-z]+", " ", text.lower()).strip()


@lru_cache(maxsize=4096)  # importers ask for the same few names thousands of times
def find_region(text: str) -> BodyRegion | None:
    """Find a region by id or by name, forgiving case, punctuation and word order.

    "left knee", "Left Knee", "knee left" and "front-left-knee" all find the same region;
    a name shared by the front and back view prefers the front one.
    """
    if text in REGIONS_BY_ID:
        return REGIONS_BY_ID[text]
    wanted = _simplify(text)
    if not wanted:
        return None
    wanted_words = set(wanted.split())
    for region in REGIONS:
        if _simplify(region.id) == wanted or _simplify(region.name) == wanted:
            return region
    for region in REGIONS:
        if set(_simplify(region.name).split()) == wanted_words:
            return region
        id_words = {w for w in _simplify(region.id).split() if w != "front"}
        if id_words == wanted_words:
            return region
    return None


def region_name(region_id: str) -> str:
    """Readable name of a stored region id (unknown ids are shown as they are)."""
    region = REGIONS_BY_ID.get(region_id)
    return region.name if region else region_id
