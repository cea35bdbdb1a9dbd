"""Make a benchmark corpus: N distinct articles recombined from the seed and development articles.

    python benchmarks/make_corpus.py N OUT_DIR [--seed 1] [--duplicates [--truth FILE]]

Each article takes the header and body of one source article and a few paragraphs of another, and
moves all of it to a new pair of countries (names, demonyms and capitals replaced together, so that
the text stays coherent), new people (the visitors the gold files name get new names), and new
dates (every year shifted by the same offset, the publication date included). The facts therefore
stay extractable, and every file is different. The same N and seed give the same files.

With --duplicates it writes instead the same facts as several differently worded articles (reprints, a
lead-only version, overviews mentioning older facts; see benchmarks/duplicate_corpus.py) and, in FILE
(default OUT_DIR.truth.json, beside the folder), which sentence of which file states which fact: the
ground truth of consolidation (benchmarks/consolidation_eval.py scores against it).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.nlp import places

SOURCES = sorted([*(ROOT / "raw").glob("*.txt"), *(ROOT / "tests" / "data" / "dev" / "raw").glob("*.txt")])
GOLD_DIRS = [ROOT / "tests" / "data" / "seed" / "gold", ROOT / "tests" / "data" / "dev" / "gold"]
FIRST = ["Amir", "Elena", "Tomas", "Aisha", "Kenji", "Lucia", "Omar", "Ingrid", "Rafael", "Nadia", "Pavel",
         "Leila", "Marco", "Sofia", "Yusuf", "Hana", "Diego", "Irina", "Samuel", "Zara", "Viktor", "Maya"]
LAST = ["Karimov", "Lindqvist", "Okafor", "Moreau", "Tanaka", "Petrescu", "Haddad", "Novak", "Silva", "Rahman",
        "Kowalski", "Ferreira", "Nakamura", "Dimitrov", "Osei", "Castillo", "Bergstrom", "Aziz", "Horvat", "Quispe"]
_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20[0-2]\d)(?![\d]|s\b)")


def _countries() -> dict[str, dict[str, list[str]]]:
    """ISO3 -> {"country": [...], "demonym": [...], "capital": [...]} for countries that have all three."""
    by: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for term, (iso3, kind) in places.gazetteer().terms.items():
        by[iso3][kind].append(term)
    return {i: dict(k) for i, k in by.items() if all(k.get(x) for x in ("country", "demonym", "capital"))}


def _place_regex(countries) -> re.Pattern:
    terms = sorted({t for kinds in countries.values() for ts in kinds.values() for t in ts}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, terms)) + r")(?![\w-])")


def _people() -> list[str]:
    names = set()
    for folder in GOLD_DIRS:
        for f in folder.glob("*.yaml"):
            for v in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("visits") or []:
                if v.get("visitor_name") and " " in v["visitor_name"]:
                    names.add(v["visitor_name"])
    return sorted(names, key=len, reverse=True)


class Generator:
    def __init__(self, seed: int):
        self.seed = seed
        self.countries = _countries()
        self.term_of = {t: (i, k) for i, kinds in self.countries.items() for k, ts in kinds.items() for t in ts}
        self.place_rx = _place_regex(self.countries)
        self.people = _people()
        self.texts = [s.read_text(encoding="utf-8") for s in SOURCES]
        self.pool = sorted(self.countries)

    def _ranked(self, text: str) -> list[str]:
        return [i for i, _ in Counter(self.term_of[m.group(1)][0] for m in self.place_rx.finditer(text)).most_common()]

    def article(self, n: int) -> str:
        rng = random.Random(f"{self.seed}:{n}")
        a, b = rng.sample(range(len(self.texts)), 2)
        main, extra = self.texts[a], self.texts[b]
        head, _, body = main.partition("\n\n")
        paras = [p for p in body.split("\n\n") if p.strip()]
        extra_paras = [p for p in extra.split("\n\n")[1:] if len(p) > 200]
        insert = rng.sample(extra_paras, min(len(extra_paras), rng.randint(1, 3)))
        at = rng.randint(1, max(1, len(paras) - 1))
        text = "\n\n".join([head, *paras[:at], *insert, *paras[at:]]) + "\n"
        targets = rng.sample(self.pool, 6)
        mapping: dict[str, str] = {}
        for ranked in (self._ranked(main), self._ranked(extra)):
            for k, iso3 in enumerate(ranked):
                mapping.setdefault(iso3, targets[min(k, len(targets) - 1)] if k < 2 else rng.choice(self.pool))
        text = self.place_rx.sub(lambda m: self._swap(m.group(1), mapping, rng), text)
        for name in self.people:
            if name in text:
                new = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                text = text.replace(name, new).replace(name.split()[-1], new.split()[-1])
        shift = rng.randint(-8, 1)
        return _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)

    def _swap(self, term: str, mapping: dict[str, str], rng: random.Random) -> str:
        iso3, kind = self.term_of[term]
        new = mapping.get(iso3)
        if new is None:
            return term
        options = self.countries[new][kind]
        short = places.gazetteer().names.get(new)
        if kind == "country" and short in options:
            return short
        return sorted(options, key=len)[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--duplicates", action="store_true", help="the same facts in several articles, with the truth")
    ap.add_argument("--truth", type=Path, default=None, help="with --duplicates: where to write the truth")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.duplicates:
        return write_duplicates(args.n, args.out, args.truth or args.out.with_name(args.out.name + ".truth.json"),
                                args.seed)
    gen = Generator(args.seed)
    seen: set[str] = set()
    written = 0
    k = 0
    while written < args.n:
        text = gen.article(k)
        k += 1
        digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        (args.out / f"{written:06d}.txt").write_text(text, encoding="utf-8")
        written += 1
    print(f"{written} articles in {args.out}")
    return 0


def write_duplicates(n: int, out: Path, truth: Path, seed: int = 1) -> int:
    from benchmarks.duplicate_corpus import DuplicatesGenerator

    files, facts = DuplicatesGenerator(seed).articles(n)
    for name, text in files:
        (out / name).write_text(text, encoding="utf-8")
    truth.write_text(json.dumps(facts, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(files)} articles in {out}, truth in {truth}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
