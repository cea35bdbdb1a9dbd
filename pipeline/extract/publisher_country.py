"""The country an article's publisher belongs to, read from its outlet name, web domain or page title."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pycountry

from pipeline.nlp.rules import cue_regex, lexicon
from pipeline.nlp.title_countries import NAME, countries_named

# Country-code domains sold worldwide as generic names (.co, .io, .tv ...): they say nothing of the publisher.
_GENERIC_TLDS = lexicon("common", "generic_domains")
_TLD_ALIASES = {"uk": "GBR"}
# A state body speaking for its country: "Ministry of Foreign Affairs of Peru", "Embassy of Chile"
_STATE_BODY = cue_regex("common", "state_body")
_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s*[|:]\s*")  # "Visits | Ministry ...", "Visits - Ministry ..."


def _countries(text: str) -> set[str]:
    """The countries a name names (read as a publisher's name, see pipeline/nlp/title_countries.py)."""
    return set(countries_named(text, NAME))


def _one(found: set[str]) -> str | None:
    return next(iter(found)) if len(found) == 1 else None


def country_of_outlet(outlet: str | None) -> str | None:
    """The one country an outlet's name names ("Ministry of Foreign Affairs of Peru", "The Peruvian
    Times"); None when it names none or several ("Embassy of Chile in Peru")."""
    return _one(_countries(outlet)) if outlet else None


def country_of_url(url: str | None) -> str | None:
    """The country of a web address's country-code domain (".pe", ".gob.pe"), not of a generic one."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if tld in _TLD_ALIASES:
        return _TLD_ALIASES[tld]
    if len(tld) != 2 or tld in _GENERIC_TLDS:
        return None
    country = pycountry.countries.get(alpha_2=tld.upper())
    return country.alpha_3 if country else None


def country_of_title(title: str | None) -> str | None:
    """The country of a state body a page title names as its publisher ("Visits | Ministry of Foreign
    Affairs of Peru"); a title's other countries are its subject, not its publisher."""
    if not title:
        return None
    return _one({c for part in _TITLE_PARTS.split(title) if _STATE_BODY.search(part)
                 for c in [_one(_countries(part))] if c})


def publisher_country(outlet: str | None, url: str | None, title: str | None) -> str | None:
    """The publisher's country when the outlet, the domain and the title agree on one (those that say
    nothing abstain); None when none tells or two disagree."""
    return _one({c for c in (country_of_outlet(outlet), country_of_url(url), country_of_title(title)) if c})
