"""Interaction engine speed: dataset load, and checking a 40-item list (cold names and warm).

    .venv/bin/python benchmarks/interactions.py [--runs 50]
Targets: load <= 150 ms (in a fresh process, including imports and validation); 40-item check <= 10 ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

LOAD_CODE = (
    "import time; t = time.perf_counter()\n"
    "from paincompanion.interactions import load_dataset\n"
    "load_dataset(); print((time.perf_counter() - t) * 1000)\n"
)

ITEMS = [
    "Percocet 5/325", "Xanax 0.5 mg", "kratom red vein", "Tylenol PM", "Advil", "Aleve", "warfarin", "lisinopril",
    "HCTZ", "Soma", "Zoloft 50 mg", "tramadol", "sumatriptan", "Cymbalta", "Cipro", "tizanidine", "Plavix",
    "Prilosec", "fish oil", "turmeric", "gabapentin 300 mg", "Lyrica", "methadone", "Celexa", "St John's wort",
    "melatonin", "CBD oil", "beer", "ginkgo", "garlic pills", "Norco 10/325", "NyQuil", "DayQuil", "Excedrin",
    "Benadryl", "Ambien", "Seroquel", "Wellbutrin XL", "prednisone", "metoprolol",
]  # fmt: skip
#: Names as printed on packs elsewhere, ambiguous names, pack ingredients and a few unknown names (suggestions).
WORLD_ITEMS = [
    "Ibuprofen-ratiopharm 400 mg Filmtabletten", "Paracétamol Biogaran 1000 mg, comprimé pelliculé",
    "Ibuprofen Cinfa 600 mg comprimidos recubiertos con película", "Paracetamol Mylan 500 mg compresse effervescenti",
    "Paracetamol Sandoz 500 mg zetpillen", "Ibuprofen Zentiva 400 mg filmdrasjerte tabletter",
    "Tramadol STADA 50 mg Hartkapseln", "Nurofen Plus 200 mg/12,8 mg Tabletten", "Co-codamol 30/500",
    "Solpadeine Headache", "Panadol Extra", "Tylenol #1", "Tylenol 3", "Solpadeine", "Ketum gel", "Ketum",
    "Dolo-Mix=paracetamol 500 mg+codeine 30 mg", "Mystery=ibuprofen+moonflower", "Panadol Extar", "Novalgín",
    "Percocet 5/325", "Xanax 0,5 mg", "kratom red vein", "Tylenol PM", "warfarin", "lisinopril", "Zoloft 50 mg",
    "tramadol", "sumatriptan", "Cymbalta", "Cipro", "tizanidine", "Plavix", "Prilosec", "fish oil", "turmeric",
    "gabapentin 300 mg", "Lyrica", "methadone", "St John's wort",
]  # fmt: skip


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms, max {ordered[-1]:.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    loads = [float(subprocess.check_output([sys.executable, "-c", LOAD_CODE], text=True)) for _ in range(7)]
    print(f"dataset load (fresh process, imports + checksums + validation + index): {_ms(loads)}  target <= 150 ms")

    from paincompanion.interactions import load_dataset
    from paincompanion.interactions.checker import check

    dataset = load_dataset()
    assert len(ITEMS) == 40
    cold, warm = [], []
    for run in range(args.runs):
        dataset._analysis_cache.clear()  # names not seen before: resolution included
        start = time.perf_counter()
        result = check(ITEMS, dataset)
        cold.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        check(ITEMS, dataset)
        warm.append((time.perf_counter() - start) * 1000)
        if run == 0:
            print(f"40 items -> {len(result.warnings)} warnings, {len(result.unrecognized)} unrecognised")
    print(f"check 40 items, names new to the engine: {_ms(cold)}  target <= 10 ms")
    print(f"check 40 items, names already resolved: {_ms(warm)}")
    assert len(WORLD_ITEMS) == 40
    world = []
    for run in range(args.runs):
        dataset._analysis_cache.clear()
        dataset._item_cache.clear()
        start = time.perf_counter()
        result = check(WORLD_ITEMS, dataset)
        world.append((time.perf_counter() - start) * 1000)
        if run == 0:
            print(f"40 pack names -> {len(result.warnings)} warnings, {len(result.unrecognized)} not recognised")
    print(f"check 40 pack names (forms, makers, ambiguous, pack ingredients, unknown), new: {_ms(world)}")
    ok = statistics.median(loads) <= 150 and statistics.median(cold) <= 10
    print("within targets" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
