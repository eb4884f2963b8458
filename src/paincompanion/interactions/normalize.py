"""From what the patient typed to ingredients: folding, a name index, strengths and "did you mean" suggestions.

Matching is deliberately strict. Every word must be part of a known name, a strength, or a harmless word from
`reading.json` (dose forms and release words in several languages, makers such as "ratiopharm", connectors).
A *composition word* ("Plus", "Extra", "Forte", "PM", "Night", "#3"…) is never dropped: a name that contains one
is only recognised as a product whose own name has that word too. A name that could be several products with
different ingredients is not guessed: the resolution lists the candidates (each with its ingredients) instead.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_PLAIN = re.compile(r"^[A-Za-z -]*$")
_VARIANT = re.compile(r"^#\d+$")
_APOSTROPHES = re.compile(r"[’'`´]")
_THOUSANDS = re.compile(r"(?<![\d.,])([1-9]\d{0,2}),(?=\d{3}(?![\d,]))")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")
_RANGE_DASH = re.compile(r"(?<=\d)\s*-\s*(?=\d)")
_NUMBER_MARK = re.compile(r"(?:#|\b(?:no|nr|num)\.?)\s*(?=\d)")
_N_DEGREE = re.compile(r"\bn\s*[°º]\s*", re.IGNORECASE)
_HASH_VARIANT = re.compile(r"#(\d+)")
_OTHER = re.compile(r"[^a-z0-9./# ]+")
_STRAY_HASH = re.compile(r"#(?!\d)")
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")
#: Unit tokens that may follow a strength, and their factor to milligrams.
UNIT_FACTORS: Mapping[str, float] = {
    "mg": 1.0, "milligram": 1.0, "milligrams": 1.0, "milligramm": 1.0,
    "g": 1000.0, "gr": 1000.0, "gram": 1000.0, "grams": 1000.0, "gramm": 1000.0, "gramos": 1000.0, "grammi": 1000.0,
    "mcg": 0.001, "ug": 0.001, "microgram": 0.001, "micrograms": 0.001, "mikrogramm": 0.001,
}  # fmt: skip
UNITS = frozenset({*UNIT_FACTORS, "ml", "iu", "ie", "ui"})


def fold(text: str, *, keep_slash: bool = False) -> tuple[str, ...]:
    """Lower-case ASCII word tokens; accents, apostrophes and punctuation removed, digits split from letters.

    "2,5 mg" is 2.5 mg and "1,000 mg" is 1000 mg; "#3", "No. 3" and "Nr. 3" all become the variant token "#3".
    """
    if _PLAIN.match(text):  # most names: letters, spaces and hyphens only (a hyphen separates words)
        return tuple(text.lower().replace("-", " ").split())
    text = text.replace("µ", "mc").replace("μ", "mc")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", _N_DEGREE.sub("#", text))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.lower())
    text = _THOUSANDS.sub(r"\1", text)
    text = _DECIMAL_COMMA.sub(".", text)
    text = _NUMBER_MARK.sub(" #", text)
    text = _HASH_VARIANT.sub(r" #\1 ", text)
    text = text.replace("&", " and ").replace("+", " and ")
    text = _DOTS.sub(" ", text)
    if keep_slash:  # "5-325" is written for "5/325"
        text = _RANGE_DASH.sub("/", text)
    text = text.replace("/", " / " if keep_slash else " ")
    text = _STRAY_HASH.sub(" ", _OTHER.sub(" ", text))
    text = _DIGIT_LETTER.sub(" ", text)
    return tuple(text.split())


def key_of(name: str) -> str:
    return " ".join(fold(name))


# -- reading rules (data/interactions/reading.json) -------------------------------------------------------------
@dataclass(frozen=True)
class Reading:
    """Word lists from reading.json, folded: harmless words and phrases, and composition words."""

    harmless: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    composition: frozenset[str]

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Reading:
        words: set[str] = set()
        phrases: set[tuple[str, ...]] = set()
        entries = [w for group in doc.get("harmless", {}).values() for w in group]
        entries += list(doc.get("makers", [])) + list(doc.get("strength_phrases", []))
        for entry in entries:
            tokens = fold(entry)
            if len(tokens) == 1:
                words.add(tokens[0])
            elif tokens:
                phrases.add(tokens)
        composition = {t for group in doc.get("composition_words", {}).values() for w in group for t in fold(w)}
        words -= composition
        return cls(
            frozenset(words), tuple(sorted(phrases, key=lambda p: (-len(p), p))), frozenset(composition)
        )  # fmt: skip

    @cached_property
    def phrases_from(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Phrases by their first word, longest first."""
        found: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            found.setdefault(phrase[0], []).append(phrase)
        return {first: tuple(group) for first, group in found.items()}

    def harmless_word(self, token: str) -> bool:
        return token == "/" or token in self.harmless or token in UNITS or bool(_NUMBER.match(token))


def reading_problems(doc: Any) -> list[str]:
    """Shape problems of reading.json (empty when it can be used)."""
    if not isinstance(doc, dict) or doc.get("schema") != 1:
        return ["reading.json: expected an object with schema 1"]
    problems = []
    for key in ("harmless", "composition_words"):
        groups = doc.get(key)
        if not isinstance(groups, dict) or not all(
            isinstance(g, list) and all(isinstance(w, str) and fold(w) for w in g) for g in groups.values()
        ):
            problems.append(f"reading.json: {key!r} must map languages to lists of words")
    for key in ("makers", "strength_phrases"):
        if not isinstance(doc.get(key), list) or not all(isinstance(w, str) and fold(w) for w in doc[key]):
            problems.append(f"reading.json: {key!r} must be a list of words")
    return problems


# -- results ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A product (or ingredient) a name may stand for, with its ingredients, for "which one did you mean?"."""

    name: str
    ingredients: tuple[str, ...]
    ingredient_names: tuple[str, ...]
    kind: str = "product"  # "product" | "ingredient"

    @property
    def label(self) -> str:
        """'Panadol Extra (Acetaminophen + Caffeine)': never a name without what it contains."""
        contents = " + ".join(self.ingredient_names)
        return self.name if self.kind == "ingredient" and (contents == self.name) else f"{self.name} ({contents})"

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "ingredients": list(self.ingredients)}


@dataclass(frozen=True)
class Resolution:
    """What one typed item was recognised as.

    Unrecognised items have only suggestions. An ambiguous item (`candidates`) is not recognised either; its
    `ingredients` are only those every candidate contains, so they are still checked. `given` items were
    resolved by the active ingredients the patient read off the pack (`unknown_ingredients`: those not known).
    """

    input: str
    recognized: bool
    product: str | None
    ingredients: tuple[str, ...]
    suggestions: tuple[str, ...]
    candidates: tuple[Candidate, ...] = ()
    suggested: tuple[Candidate, ...] = ()
    given: bool = False
    unknown_ingredients: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "input": self.input, "recognized": self.recognized, "ingredients": list(self.ingredients),
        }  # fmt: skip
        if self.candidates:
            data["candidates"] = [c.to_json() for c in self.candidates]
        if self.suggested:
            data["suggestions"] = [c.to_json() for c in self.suggested]
        if self.given:
            data["ingredients_given_by_you"] = True
            data["unknown_ingredients"] = list(self.unknown_ingredients)
        return data


@dataclass(frozen=True)
class CheckItem:
    """One item to check: a name, optionally with the active ingredients read off its pack or a chosen product."""

    name: str
    given: tuple[str, ...] = ()
    choice: str = ""


@dataclass(frozen=True)
class Target:
    kind: str  # "ingredient" | "product"
    id: str  # ingredient id or product name
    ingredients: tuple[str, ...]
    order: tuple[str, ...] = ()
    names: tuple[str, ...] = field(default=(), compare=False)  # display names of the ingredients
    form: str = ""  # a product's dose form ("gel", "patch"), which may tell apart products sharing a name

    def candidate(self) -> Candidate:
        return Candidate(self.id if self.kind == "product" else self.names[0], self.ingredients, self.names, self.kind)


@dataclass(frozen=True)
class Analysis:
    """A resolution plus what the engine needs for dose maths (strength numbers and their order)."""

    resolution: Resolution
    order: tuple[str, ...]
    numbers: tuple[float, ...]
    unit: str | None
    tokens: tuple[str, ...]


def split_given(text: str) -> tuple[str, tuple[str, ...]] | None:
    """'NAME=ingredient+ingredient' → ('NAME', ('ingredient', 'ingredient')); None when there is no '='."""
    name, sep, rest = text.partition("=")
    if not sep:
        return None
    parts = tuple(p.strip() for p in re.split(r"[+,;]", rest) if p.strip())
    return name.strip(), parts


class NameIndex:
    """Folded name → target(s), built once per dataset. A name may stand for several products (ambiguous)."""

    def __init__(self, reading: Reading | None = None) -> None:
        self.reading = reading or Reading(frozenset(), (), frozenset())
        self._targets: dict[str, list[Target]] = {}
        self._display: dict[str, str] = {}
        self.conflicts: list[str] = []
        self.max_tokens = 1
        self._keys: list[str] = []
        self._sorted_keys: tuple[str, ...] | None = None
        self._by_letter: dict[str, list[str]] | None = None

    def add(self, name: str, target: Target, display: str) -> None:
        key = key_of(name)
        if not key:
            self.conflicts.append(f"name {name!r} has no letters or digits")
            return
        self._add_key(key, target, display, name)
        bare = _HASH_VARIANT.sub(r"\1", key)  # "tylenol #3" is also typed "tylenol 3"
        if bare != key:
            self._add_key(bare, target, display, name, quiet=True)

    def _add_key(self, key: str, target: Target, display: str, name: str, *, quiet: bool = False) -> None:
        known = self._targets.get(key)
        if known is None:
            self._targets[key] = [target]
            self._display[key] = display
            self._keys.append(key)
            self._sorted_keys = self._by_letter = None
            self.max_tokens = max(self.max_tokens, len(key.split()))
            return
        if any((t.kind, t.id) == (target.kind, target.id) for t in known):
            return
        clash = next((t for t in known if t.kind == "ingredient"), None)
        if target.kind == "ingredient" and clash is not None:
            if not quiet:
                self.conflicts.append(f"{name!r} names both ingredient {clash.id!r} and ingredient {target.id!r}")
            return
        known.append(target)  # a name shared by a product and something else: ambiguous, never guessed
        known.sort(key=lambda t: (t.kind, t.id.casefold(), t.id))

    def __len__(self) -> int:
        return len(self._targets)

    def keys(self) -> tuple[str, ...]:
        if self._sorted_keys is None:
            self._sorted_keys = tuple(sorted(self._keys))
        return self._sorted_keys

    def _near(self, query: str) -> list[str]:
        """Keys worth comparing with `query`: those starting with its first or second letter (typos rarely
        change both), sorted, so the fuzzy search stays fast with a large lexicon."""
        if self._by_letter is None:
            buckets: dict[str, list[str]] = {}
            for key in self.keys():
                buckets.setdefault(key[0], []).append(key)
            self._by_letter = buckets
        letters = sorted(set(query[:2]))
        if len(letters) == 1:
            return self._by_letter.get(letters[0], [])
        return sorted({k for letter in letters for k in self._by_letter.get(letter, ())})

    def display_names(self) -> list[str]:
        """Every distinct display name, for name completion."""
        return sorted(set(self._display.values()), key=str.casefold)

    def ambiguous_names(self) -> list[str]:
        """Names that stand for several things with different ingredients (shown as candidates)."""
        return sorted(k for k, ts in self._targets.items() if len({t.ingredients for t in ts}) > 1)

    # -- reading one name ---------------------------------------------------------------------------------------
    def analyse(self, text: str) -> Analysis:
        tokens = fold(text, keep_slash=True)
        spans = self._spans(tokens)
        covered = {i for start, end, _ in spans for i in range(start, end)}
        leftover = [i for i in range(len(tokens)) if i not in covered]
        harmless = self._harmless_positions(tokens, leftover)
        composition = [tokens[i] for i in leftover if i not in harmless and self._composition_word(tokens[i])]
        unknown = [tokens[i] for i in leftover if i not in harmless and not self._composition_word(tokens[i])]
        numbers, unit = _strength_group(tokens, leftover)
        if not spans:
            family = self._family(tokens, harmless)
            if family:  # "Solpadeine": a brand whose products differ, never one of them by guess
                return self._resolved(text, [family], tokens, numbers, unit, ask=True)
        if not spans or unknown:
            return self._unrecognised(text, tokens, spans, composition, numbers, unit)
        if composition:
            variants, ask = self._variants(tokens, spans, composition, harmless)
            if not variants:
                return self._unrecognised(text, tokens, spans, composition, numbers, unit)
            return self._resolved(text, [variants], tokens, numbers, unit, ask=ask)
        return self._resolved(text, [targets for _, _, targets in spans], tokens, numbers, unit)

    def _resolved(
        self,
        text: str,
        groups: Sequence[Sequence[Target]],
        tokens: tuple[str, ...],
        numbers: tuple[float, ...],
        unit: str | None,
        *,
        ask: bool = False,
    ) -> Analysis:
        """Each group is the targets one span may be; a group whose targets differ in ingredients is ambiguous.

        With `ask` the (single) group is offered as candidates even if it has one target: it is not what was typed.
        """
        ingredients: list[str] = []
        chosen: list[Target] = []
        candidates: tuple[Candidate, ...] = ()
        for targets in groups:
            by_form = [t for t in targets if t.form and t.form in tokens]
            targets = by_form or targets  # "Ketum gel": the typed dose form picks the product that has it
            if ask or len({t.ingredients for t in targets}) > 1:
                if candidates:  # two ambiguous names in one item: say so rather than multiply the choices
                    return Analysis(Resolution(text, False, None, (), ()), (), numbers, unit, tokens)
                candidates = tuple(t.candidate() for t in targets)
                shared = [i for i in targets[0].ingredients if all(i in t.ingredients for t in targets)]
                ingredients += [i for i in shared if i not in ingredients]
                continue
            products = [t for t in targets if t.kind == "product"]
            target = products[0] if len(products) == 1 else targets[0]
            chosen.append(target if len(products) <= 1 else Target("ingredient", "", target.ingredients))
            ingredients += [i for i in target.ingredients if i not in ingredients]
        if candidates:
            return Analysis(
                Resolution(text, False, None, tuple(ingredients), (), candidates), (), numbers, unit, tokens
            )
        products = [t for t in chosen if t.kind == "product"]
        product = products[0].id if len(products) == 1 and len(chosen) == 1 else None
        if product is not None and products[0].order:
            order = products[0].order
        elif not products and len(ingredients) > 1:
            order = tuple(ingredients)
        else:
            order = ()
        resolution = Resolution(text, True, product, tuple(ingredients), ())
        return Analysis(resolution, order, numbers, unit, tokens)

    def _unrecognised(
        self,
        text: str,
        tokens: tuple[str, ...],
        spans: list[tuple[int, int, list[Target]]],
        composition: list[str],
        numbers: tuple[float, ...],
        unit: str | None,
    ) -> Analysis:
        suggested = self._suggest(tokens, spans, composition)
        resolution = Resolution(text, False, None, (), tuple(c.name for c in suggested), (), suggested)
        return Analysis(resolution, (), numbers, unit, tokens)

    def _composition_word(self, token: str) -> bool:
        return token in self.reading.composition or bool(_VARIANT.match(token))

    def _harmless_positions(self, tokens: tuple[str, ...], leftover: list[int]) -> set[int]:
        free = set(leftover)
        harmless: set[int] = set()
        for i in leftover:  # phrases first: "extra strength" is harmless, a lone "extra" is not
            for phrase in self.reading.phrases_from.get(tokens[i], ()):
                span = range(i, i + len(phrase))
                if all(k in free and k not in harmless for k in span) and tokens[i : i + len(phrase)] == phrase:
                    harmless.update(span)
                    break
        for i in leftover:
            if i not in harmless and not self._composition_word(tokens[i]) and self.reading.harmless_word(tokens[i]):
                harmless.add(i)
        return harmless

    def _variants(
        self,
        tokens: tuple[str, ...],
        spans: list[tuple[int, int, list[Target]]],
        composition: list[str],
        harmless: set[int],
    ) -> tuple[list[Target], bool]:
        """Targets of known names that have all the typed name's words and composition words.

        A name made of exactly the typed words in another order ("Nurofen 200 mg Plus") is that product; a
        longer name ("Advil Cold & Sinus" for "Advil Sinus") is only a candidate, so the patient is asked
        (the flag returned).
        """
        wanted = {tokens[i] for start, end, _ in spans for i in range(start, end)} | set(composition)
        typed = set(tokens) - {tokens[i] for i in harmless} | wanted
        exact: dict[tuple[str, str], Target] = {}
        longer: dict[tuple[str, str], Target] = {}
        for key in self.keys():
            words = set(key.split())
            if wanted <= words:
                bucket = exact if words <= typed else longer
                for target in self._targets[key]:
                    bucket.setdefault((target.kind, target.id), target)
        found = exact if exact else longer
        return [found[k] for k in sorted(found, key=lambda k: (k[0], k[1].casefold(), k[1]))], not exact

    def _family(self, tokens: tuple[str, ...], harmless: set[int]) -> list[Target]:
        """Products whose names start with the typed words, when those words are not a name themselves."""
        words = [t for i, t in enumerate(tokens) if i not in harmless]
        if not words or any(_NUMBER.match(w) for w in words):
            return []
        prefix = " ".join(words) + " "
        found: dict[tuple[str, str], Target] = {}
        for key in self.keys():
            if key.startswith(prefix):
                for target in self._targets[key]:
                    if target.kind == "product":
                        found.setdefault((target.kind, target.id), target)
        return [found[k] for k in sorted(found, key=lambda k: (k[1].casefold(), k[1]))]

    def _spans(self, tokens: tuple[str, ...]) -> list[tuple[int, int, list[Target]]]:
        spans = []
        i = 0
        while i < len(tokens):
            for length in range(min(self.max_tokens, len(tokens) - i), 0, -1):
                targets = self._targets.get(" ".join(tokens[i : i + length]))
                if targets is not None:
                    spans.append((i, i + length, targets))
                    i += length
                    break
            else:
                i += 1
        return spans

    def _suggest(
        self, tokens: tuple[str, ...], spans: list[tuple[int, int, list[Target]]], composition: list[str]
    ) -> tuple[Candidate, ...]:
        """Close names, each shown with its ingredients, that keep every ingredient known from the typed text.

        A candidate never lacks an ingredient the recognised part of the name already contains, and when the
        text has composition words the candidate's name has at least one of them (more is better). Ordered by
        closeness, then by name, so the order of the lexicon does not matter.
        """
        known: set[str] = set()
        for _, _, targets in spans:
            known |= set.intersection(*(set(t.ingredients) for t in targets))
        words = [t for t in tokens if not self.reading.harmless_word(t) or self._composition_word(t)]
        queries = [" ".join(words)] if words else []
        queries += [w for w in words if len(w) >= 3 and w not in queries and not self._composition_word(w)]
        scored: dict[str, float] = {}
        keys = self.keys()
        for rank, query in enumerate(queries):
            for key in difflib.get_close_matches(query, self._near(query), n=6, cutoff=0.78):
                score = difflib.SequenceMatcher(None, query, key).ratio() - rank * 0.01
                scored[key] = max(scored.get(key, 0.0), score)
        for start, end, _ in spans:
            prefix = " ".join(tokens[start:end])
            scored.setdefault(prefix, 0.5)
            for key in keys:
                if key.startswith(prefix + " "):
                    scored.setdefault(key, 0.4 + 0.05 * all(w in key.split() for w in composition))
        wanted = set(composition)
        found: dict[tuple[str, str], tuple[float, Target]] = {}
        for key, score in scored.items():
            for target in self._targets[key]:
                if not known <= set(target.ingredients):
                    continue  # it would drop an ingredient of what was typed
                shared_words = len(wanted & set(key.split()))
                if wanted and not shared_words:
                    continue  # it drops every word that may change the composition
                score += 0.1 * shared_words
                ident = (target.kind, target.id)
                if ident not in found or found[ident][0] < score:
                    found[ident] = (score, target)
        ranked = sorted(found.values(), key=lambda st: (-round(st[0], 6), st[1].id.casefold(), st[1].id))
        return tuple(target.candidate() for _, target in ranked[:5])


def _strength_group(tokens: tuple[str, ...], leftover: Iterable[int]) -> tuple[tuple[float, ...], str | None]:
    """The "5/325 mg"-style group among the words that are not part of a name: one with a unit first."""
    free = set(leftover)
    groups: list[tuple[tuple[float, ...], str | None]] = []
    i = 0
    while i < len(tokens):
        if i not in free or not _NUMBER.match(tokens[i]) or (i > 0 and tokens[i - 1] == "n"):
            i += 1
            continue
        numbers = [float(tokens[i])]
        j = i + 1
        unit = None
        while True:  # "5/325", "5/325 mg", "200 mg/12.8 mg"
            if j < len(tokens) and j in free and tokens[j] in UNITS:
                unit = tokens[j]
                if not (j + 2 < len(tokens) and tokens[j + 1] == "/" and _NUMBER.match(tokens[j + 2])):
                    j += 1
                    break
                j += 1
            if j + 1 < len(tokens) and {j, j + 1} <= free and tokens[j] == "/" and _NUMBER.match(tokens[j + 1]):
                numbers.append(float(tokens[j + 1]))
                j += 2
            else:
                break
        groups.append((tuple(numbers), unit))
        i = j
    with_unit = [g for g in groups if g[1] is not None]
    return (with_unit or groups or [((), None)])[0]
