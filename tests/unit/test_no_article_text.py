"""The code and the rule files are general: no comment, docstring, string or rule entry quotes the
seed or development articles (any run of eight words), and none names a person those articles'
gold names. Examples in the code and the rules are invented, with other names."""
import io
import re
import tokenize
from pathlib import Path

import yaml

from tests.conftest import ROOT

RUN = 8  # words in a row that make a quotation
ARTICLES = [*ROOT.glob("raw/*.txt"), *ROOT.glob("tests/data/dev/raw/*.txt")]
GOLD = [*ROOT.glob("tests/data/seed/gold/*.yaml"), *ROOT.glob("tests/data/dev/gold/*.yaml")]
SOURCES = sorted([*ROOT.glob("pipeline/**/*.py"), *ROOT.glob("pipeline/**/*.yaml"), *ROOT.glob("pipeline/**/*.md"),
                  *ROOT.glob("schemas/**/*.py")])


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _runs(words: list[str]) -> set[str]:
    return {" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _pieces(path: Path) -> list[tuple[int, str]]:
    """(line, text) of what a reader of the file reads as prose: comments and strings of Python, every line
    of the rest."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return list(enumerate(text.splitlines(), 1))
    return [(t.start[0], t.string) for t in tokenize.generate_tokens(io.StringIO(text).readline)
            if t.type in (tokenize.COMMENT, tokenize.STRING)]


def quotations(sources: list[Path], articles: list[Path]) -> list[str]:
    quoted = set().union(*(_runs(_words(a.read_text(encoding="utf-8", errors="replace"))) for a in articles))
    found = []
    for path in sources:
        for line, piece in _pieces(path):
            hit = next((r for r in _runs(_words(piece)) if r in quoted), None)
            if hit:
                found.append(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}: {hit!r}")
    return found


def test_no_source_quotes_the_seed_or_development_articles():
    assert ARTICLES and SOURCES
    found = quotations(SOURCES, ARTICLES)
    assert not found, "rewrite these with invented examples:\n" + "\n".join(found)


def test_no_source_names_a_person_of_the_gold():
    names = {v["visitor_name"] for g in GOLD for v in (yaml.safe_load(g.read_text("utf-8")).get("visits") or [])
             if v.get("visitor_name")}
    assert len(names) > 10
    found = [f"{p.relative_to(ROOT)}: {n}" for p in SOURCES for n in sorted(names)
             if re.search(rf"\b{re.escape(n)}\b", p.read_text(encoding="utf-8"))]
    assert not found, "use invented names:\n" + "\n".join(found)


def test_a_quotation_is_found_and_a_paraphrase_is_not(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("The two ministers agreed to open a joint trade office in the capital next spring.\n")
    quoting = tmp_path / "q.py"
    quoting.write_text('# e.g. "agreed to open a joint trade office in the capital next spring"\nX = 1\n')
    paraphrase = tmp_path / "p.py"
    paraphrase.write_text('# e.g. "the envoys decided to set up a shared commerce bureau"\nX = 1\n')
    assert len(quotations([quoting], [article])) == 1
    assert quotations([paraphrase], [article]) == []
