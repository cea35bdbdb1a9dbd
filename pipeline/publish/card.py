"""The dataset card (README.md of a published dataset), from its tables and how they were made."""
from __future__ import annotations

import pandas as pd

from pipeline.publish import coverage
from schemas.datapackage import LICENSE, NAME, TITLE
from schemas.spec import TABLES

_POLICY_WORDS = {
    "full": "**full**: `articles.text` holds each article's full text, and every row its evidence sentence. "
            "Republishing third-party articles needs their publishers' permission.",
    "snippet": "**snippet**: article bodies are withheld (`articles.text` is null); each row keeps its evidence "
               "sentence, and each article its URL (where known) and the SHA-256 of its raw bytes, so that "
               "whoever holds the article can check every offset.",
    "none": "**none**: no text of the articles at all (`articles.text` and every `evidence` are null); "
            "offsets, URLs and SHA-256 digests let whoever holds the articles find each sentence.",
}

LIMITS = [
    "Rows are extracted by rules from English text; articles in other languages are listed in `articles` "
    "but give no rows.",
    "Recall is well below precision: a fact stated in an unusual way is missed rather than guessed "
    "(see `diagnostics` for the sentences the rules saw but could not use).",
    "A fact told by several articles is one row per article in `visits`, `documents`, `trade` and `events`, "
    "each quoting its own sentence; the `*_consolidated` tables merge them into one row per real-world fact, "
    "by rules that can miss a match or, rarely, join two facts (`mention_ids` lists the rows behind each).",
    "Dates are intervals; a date the text gives only relative to the publication date is bounded by it "
    "(`date_source` says which). Values in `inferred_fields` were not read from the row's own sentence.",
    "Money figures are as written, in their own currency and year: no conversion or deflation.",
]


# The columns the card reads (beside every table's row count), e.g. to render it again from the files.
COLUMNS = {"articles": ["outlet", "published_date"], **{name: ["date_start", "date_end"] for name in coverage.DATED_TABLES}}


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def render_card(tables: dict[str, pd.DataFrame], *, version: str, created: str, fingerprint: str,
                text_policy: str, accuracy: dict | None = None) -> str:
    """The card as Markdown. `accuracy`: the result of pipeline.quality.evaluate.evaluate, when gold was scored."""
    articles = tables.get("articles", pd.DataFrame())
    for column in ("outlet", "published_date"):  # a hand-made dataset may leave them out
        if column not in articles:
            articles = articles.assign(**{column: None})
    lines = [f"# {TITLE}", "",
             f"`{NAME}` version {version}, created {created}. Made by bilateral-pipeline {version.split('+')[0]} "
             f"(code fingerprint `{fingerprint}`).", "",
             "## What it holds", "",
             "Visits between states, documents signed or adopted between them, trade and money figures, and a "
             "dated timeline of events, extracted from news articles. Every row quotes the sentence that states "
             "it and gives its offsets in the article. `CODEBOOK.md` describes every column and value.", "",
             "| table | rows | what a row is |", "| --- | --- | --- |"]
    for name, df in tables.items():
        if name in TABLES:
            lines.append(f"| `{name}` | {len(df)} | {TABLES[name].description} |")
    lines += ["", "## Sources", ""]
    if len(articles):
        outlets = articles["outlet"].dropna().value_counts()
        lines.append(f"{_n(len(articles), 'article')} from {_n(len(outlets), 'named outlet')}"
                     + (f" ({articles['outlet'].isna().sum()} without an outlet)." if articles["outlet"].isna().any()
                        else "."))
        for outlet, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
            lines.append(f"- {outlet}: {n}")
        if len(outlets) > 20:
            lines.append(f"- and {len(outlets) - 20} more (see `articles.outlet`)")
        published = coverage.publication_dates({"articles": articles})
        facts = coverage.fact_dates(tables)
        lines.append("")
        lines.append(f"Articles published from {published[0]} to {published[1]}." if published
                     else "No article has a publication date.")
        lines.append(f"Facts dated from {facts[0]} to {facts[1]}." if facts
                     else "No dated facts.")
    else:
        lines.append("No article.")
    lines += ["", "## How it was made", "",
              "Each article is read (plain text, HTML or JSON), split into sentences and annotated with spaCy; "
              "rules kept as data (`pipeline/rules/*.yaml`, each pattern with examples and counter-examples "
              "that the tests run) read visits, documents, figures and events with their dates; every row is "
              "checked against the table schemas, and its evidence against the article's text, before it is "
              "published. Rows that fail a check are in `quarantine`, inputs that could not be read in "
              "`rejected_inputs`. Some columns are looked up, not read: coordinates in GeoNames, dollar values "
              "of other currencies at the European Central Bank's reference rates, CAMEO codes and Goldstein "
              "values as GDELT publishes them (the codebook's Reference data section names each source).", "",
              "## Text policy", "", _POLICY_WORDS[text_policy], "", "## Accuracy", ""]
    if accuracy:
        lines += ["Scored against hand-made gold annotations (`python -m pipeline evaluate`):", "",
                  "| table | precision | recall | F1 |", "| --- | --- | --- | --- |"]
        for name, t in accuracy["tables"].items():
            lines.append(f"| `{name}` | {t['precision']:.3f} | {t['recall']:.3f} | {t['f1']:.3f} |")
    else:
        lines.append("No gold annotations were scored for this dataset; see the pipeline's README for its "
                     "measured precision and recall.")
    lines += ["", "## Known limits", "", *[f"- {x}" for x in LIMITS], "",
              "## Licence", "",
              f"The tables are published under {LICENSE['title']} ({LICENSE['name']}, {LICENSE['path']}). "
              "Quoted sentences and article texts remain their publishers' work.", "",
              "## How to cite", "",
              f"> {TITLE} (`{NAME}`), version {version}, {created[:10]}. Extracted with bilateral-pipeline, "
              f"code fingerprint `{fingerprint}`.", ""]
    return "\n".join(lines)
