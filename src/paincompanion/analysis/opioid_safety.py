"""Which items on the list are opioids and which sedatives are taken alongside (CDC 2022 recommendation 11:
avoid opioids with benzodiazepines; FDA 2019 warning on gabapentinoids with opioids), for the naloxone question
and the summary's opioid safety line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..interactions.about import mentions_kratom

#: Sedative classes the summary names beside opioids (class ids of the interaction data).
SEDATIVE_CLASSES = {"benzodiazepine": "benzodiazepine", "gabapentinoid": "gabapentinoid", "z_drug": "Z-drug"}
SOURCE = (
    "CDC 2022 opioid guideline (recommendations 8 and 11: offer naloxone; avoid opioids with benzodiazepines); "
    "FDA Drug Safety Communication 19 Dec 2019 (gabapentinoids with opioids)"
)


@dataclass(frozen=True)
class OpioidPicture:
    opioids: tuple[str, ...]  # items that are opioids, or kratom / 7-OH
    sedatives: tuple[tuple[str, str], ...]  # (item, what it is), benzodiazepines, gabapentinoids, Z-drugs

    @property
    def any_opioid(self) -> bool:
        return bool(self.opioids)


def picture(meds: Iterable[Any], dataset: Any) -> OpioidPicture:
    """Look at active, recognised items (`Medication`) with the interaction data's classes."""
    opioids, sedatives = [], []
    for med in meds:
        if not getattr(med, "active", True) or not med.recognized:
            continue
        ingredients = tuple(med.ingredients)
        if mentions_kratom(ingredients) or any(dataset.is_a(i, "opioid") for i in ingredients):
            opioids.append(med.name)
            if mentions_kratom(ingredients):
                sedatives.append((med.name, "kratom/7-OH"))
        for class_id, label in SEDATIVE_CLASSES.items():
            if any(dataset.is_a(i, class_id) for i in ingredients):
                sedatives.append((med.name, label))
                break
    return OpioidPicture(tuple(opioids), tuple(sedatives))
