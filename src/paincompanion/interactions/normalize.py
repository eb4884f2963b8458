"""From what the patient typed to ingredients: folding, a name index, strengths and "did you mean" suggestions.

Matching is deliberately strict: every word must be part of a known name, a number, a unit or a harmless filler
word ("tablets", "ER", "red vein"…). Anything else makes the item *not recognised* (with suggestions) rather
than guessing, because a wrong guess could hide an ingredient such as the antihistamine in a "PM" product.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: Words that never change which ingredients a product contains.
_FILLER_WORDS = """
    tablet tablets tab tabs capsule capsules cap caps caplet caplets gelcap gelcaps softgel softgels liquigel liquigels
    liqui gel gels pill pills chewable chewables chew chews odt dissolving disintegrating orally film films strip strips
    lozenge lozenges liquid syrup solution suspension drops oral injection injectable shot shots patch patches spray
    nasal cream ointment topical powder powders tea extract leaf leaves kapsules coated enteric
    mg mcg g gram grams milligram milligrams microgram micrograms ml iu unit units hr h hour hours per a an the of
    day days daily once twice thrice times x bid tid qid qd qhs prn as needed every at bedtime morning evening
    er xr sr cr ir la xl dr ec ds extended immediate delayed release controlled sustained long acting short regular
    extra maximum max strength generic brand name otc rx prescription my pain relief reliever and for with
    vein red green white yellow gold strain bali borneo malay maeng da thai indo kali super premium
    rapid fast quick low dose dosage doses adult adults childrens children infant infants junior jr
    arthritis migraine headache back joint muscle body
    count ct qty equate kirkland cvs walgreens members mark store
"""
FILLER = frozenset(_FILLER_WORDS.split())
#: Unit tokens that may follow a strength.
UNITS = frozenset({"mg", "mcg", "g", "gram", "grams", "ml", "iu", "milligram", "milligrams", "microgram", "micrograms"})
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


_APOSTROPHES = re.compile(r"[’'`´]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")
_RANGE_DASH = re.compile(r"(?<=\d)\s*-\s*(?=\d)")
_OTHER = re.compile(r"[^a-z0-9./ ]+")
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")


def fold(text: str, *, keep_slash: bool = False) -> tuple[str, ...]:
    """Lower-case ASCII word tokens; accents, apostrophes and punctuation removed, digits split from letters."""
    text = text.replace("µ", "mc").replace("μ", "mc")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.lower())
    text = _THOUSANDS.sub("", text)
    text = text.replace("&", " and ").replace("+", " and ")
    text = _DOTS.sub(" ", text)
    if keep_slash:  # "5-325" is written for "5/325"
        text = _RANGE_DASH.sub("/", text)
    text = text.replace("/", " / " if keep_slash else " ")
    text = _OTHER.sub(" ", text)
    text = _DIGIT_LETTER.sub(" ", text)
    return tuple(text.split())


def key_of(name: str) -> str:
    return " ".join(fold(name))


@dataclass(frozen=True)
class Resolution:
    """What one typed item was recognised as. Unrecognised items have no ingredients, only suggestions."""

    input: str
    recognized: bool
    product: str | None
    ingredients: tuple[str, ...]
    suggestions: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"input": self.input, "recognized": self.recognized, "ingredients": list(self.ingredients)}


@dataclass(frozen=True)
class Target:
    kind: str  # "ingredient" | "product"
    id: str  # ingredient id or product name
    ingredients: tuple[str, ...]
    order: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """A resolution plus what the engine needs for dose maths (strength numbers and their order)."""

    resolution: Resolution
    order: tuple[str, ...]
    numbers: tuple[float, ...]
    unit: str | None
    tokens: tuple[str, ...]


class NameIndex:
    """Folded name → target (ingredient or product), built once per dataset."""

    def __init__(self) -> None:
        self._targets: dict[str, Target] = {}
        self._display: dict[str, str] = {}
        self.conflicts: list[str] = []
        self.max_tokens = 1
        self._keys: list[str] = []

    def add(self, name: str, target: Target, display: str) -> None:
        key = key_of(name)
        if not key:
            self.conflicts.append(f"name {name!r} has no letters or digits")
            return
        known = self._targets.get(key)
        if known is not None and (known.kind, known.id) != (target.kind, target.id):
            self.conflicts.append(f"{name!r} names both {known.kind} {known.id!r} and {target.kind} {target.id!r}")
            return
        if known is None:
            self._targets[key] = target
            self._display[key] = display
            self._keys.append(key)
            self.max_tokens = max(self.max_tokens, len(key.split()))

    def __len__(self) -> int:
        return len(self._targets)

    def display_names(self) -> list[str]:
        """Every distinct display name, for name completion."""
        return sorted(set(self._display.values()), key=str.casefold)

    def analyse(self, text: str) -> Analysis:
        tokens = fold(text, keep_slash=True)
        spans = self._spans(tokens)
        covered = {i for start, end, _ in spans for i in range(start, end)}
        leftover = [i for i in range(len(tokens)) if i not in covered]
        extra_words = [tokens[i] for i in leftover if not _ignorable(tokens[i])]
        numbers, unit = _first_strength_group(tokens, leftover)
        if not spans or extra_words:
            suggestions = self._suggest(tokens, spans)
            resolution = Resolution(text, False, None, (), suggestions)
            return Analysis(resolution, (), numbers, unit, tokens)
        targets = [target for _, _, target in spans]
        ingredients: list[str] = []
        for target in targets:
            ingredients += [i for i in target.ingredients if i not in ingredients]
        products = [t for t in targets if t.kind == "product"]
        product = products[0].id if len({p.id for p in products}) == 1 else None
        if product is not None and products[0].order:
            order = products[0].order
        elif not products and len(ingredients) > 1:
            order = tuple(ingredients)
        else:
            order = ()
        resolution = Resolution(text, True, product, tuple(ingredients), ())
        return Analysis(resolution, order, numbers, unit, tokens)

    def _spans(self, tokens: tuple[str, ...]) -> list[tuple[int, int, Target]]:
        spans = []
        i = 0
        while i < len(tokens):
            for length in range(min(self.max_tokens, len(tokens) - i), 0, -1):
                target = self._targets.get(" ".join(tokens[i : i + length]))
                if target is not None:
                    spans.append((i, i + length, target))
                    i += length
                    break
            else:
                i += 1
        return spans

    def _suggest(self, tokens: tuple[str, ...], spans: list[tuple[int, int, Target]]) -> tuple[str, ...]:
        words = [t for t in tokens if not _ignorable(t)]
        queries = [" ".join(words)] if words else []
        queries += [w for w in words if len(w) >= 3 and w != queries[0]]
        found: list[str] = []
        for query in queries:
            for key in difflib.get_close_matches(query, self._keys, n=4, cutoff=0.78):
                found.append(self._display[key])
        for start, end, _ in spans:
            prefix = " ".join(tokens[start:end])
            found.append(self._display[prefix])
            found += [self._display[k] for k in self._keys if k.startswith(prefix + " ")][:4]
        unique: list[str] = []
        for name in found:
            if name not in unique:
                unique.append(name)
        return tuple(unique[:5])


def _ignorable(token: str) -> bool:
    return token == "/" or token in FILLER or bool(_NUMBER.match(token))


def _first_strength_group(tokens: tuple[str, ...], leftover: Iterable[int]) -> tuple[tuple[float, ...], str | None]:
    """The first "5/325 mg"-style group among the words that are not part of a name."""
    free = set(leftover)
    for i in sorted(free):
        if not _NUMBER.match(tokens[i]):
            continue
        numbers = [float(tokens[i])]
        j = i + 1
        while j + 1 < len(tokens) and j in free and j + 1 in free and tokens[j] == "/" and _NUMBER.match(tokens[j + 1]):
            numbers.append(float(tokens[j + 1]))
            j += 2
        unit = tokens[j] if j < len(tokens) and j in free and tokens[j] in UNITS else None
        return tuple(numbers), unit
    return (), None
