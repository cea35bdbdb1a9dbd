"""Articles that report the same facts in several wordings, with the truth of which sentence states which fact.

Used by `make_corpus.py --duplicates` and `consolidation_eval.py`. A story is one visit (a person of one country
to another on one day), often a document signed during it and a trade figure of the year before; it is told by
a wire story, reprints worded differently by other outlets, a lead-only version, and later overview articles
that mention older facts of the pair with vaguer dates (the month, the year). The same people visit again in
other stories (other months), and pairs recur, so that blocking and matching have real work to do. The truth
lists, per article file, each fact sentence with the fact ids it states: visits V.., documents D.., trade T..
Names are invented; nothing comes from a real article.
"""
from __future__ import annotations

import datetime as dt
import random

from pipeline.nlp import places

COUNTRIES = ("MWI PER CHL ARG BRA MEX CAN NOR SWE FIN DNK POL HUN AUT BEL PRT ESP ITA GRC ROU BGR SRB HRV UKR "
             "KAZ UZB MNG VNM THA MYS IDN KEN GHA NGA SEN ZMB TZA EGY MAR TUN AUS JPN").split()
FIRST = ["Amara", "Bruno", "Chiara", "Dmitri", "Esther", "Farid", "Greta", "Hamza", "Ilona", "Jonas", "Kamala",
         "Lorenzo", "Mirela", "Nikolai", "Oona", "Priya", "Quentin", "Rosa", "Stefan", "Talia", "Ulrich", "Vesna"]
LAST = ["Abara", "Brandt", "Cerny", "Dalca", "Eklund", "Fonseca", "Grbic", "Halonen", "Ivanova", "Jensen",
        "Kovacs", "Lindgren", "Mbeki", "Nordin", "Oduya", "Pereira", "Quintero", "Radu", "Sato", "Tembo"]
TITLES = ["President", "Prime Minister", "Foreign Minister"]
SUBJECTS = ["fisheries", "education", "health", "tourism", "agriculture", "renewable energy", "customs",
            "civil aviation", "culture", "sport", "science", "mining", "water management", "digital economy",
            "youth affairs", "railways", "standardisation", "forestry", "statistics", "disaster management"]
DOCS = [("memorandum of understanding", "a"), ("agreement", "an"), ("protocol", "a")]
OUTLETS = ["Harbor Ledger", "Morning Courier", "Plains Gazette", "Capital Dispatch", "River Post", "Summit Daily",
           "Lakeside Observer", "Northern Wire", "Meridian Times", "Coastline News", "Upland Herald",
           "Evening Chronicle"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FILLER = ["Officials in both capitals welcomed the talks.", "Analysts expect further contacts this year.",
          "The ministries did not give further details.", "Both sides described the meeting as constructive.",
          "Diplomats said preparations had taken several months."]


def _day(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _month(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


class DuplicatesGenerator:
    def __init__(self, seed: int):
        self.rng = random.Random(f"duplicates:{seed}")
        g = places.gazetteer()
        demonyms: dict[str, list[str]] = {}
        for term, (iso3, kind) in g.terms.items():
            if kind == "demonym" and iso3 in COUNTRIES and not term.endswith("s"):
                demonyms.setdefault(iso3, []).append(term)
        self.name = {c: g.names[c] for c in COUNTRIES}
        self.demonym = {c: min(demonyms[c], key=len) for c in COUNTRIES}
        self.people: dict[tuple[str, str], str] = {}  # (country, title) -> the same person in every story
        used: set[str] = set()
        for c in COUNTRIES:
            for t in TITLES:
                while True:
                    name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
                    if name not in used:
                        break
                used.add(name)
                self.people[(c, t)] = name
        self.visits: dict[tuple[str, str, str], list[dt.date]] = {}  # (person, host, title) -> visit days
        self.subjects: set[tuple] = set()
        self.trade_years: set[tuple] = set()
        self.history: dict[tuple[str, str], list[dict]] = {}  # pair -> facts told before
        self.stories = 0

    def articles(self, n: int) -> tuple[list[tuple[str, str]], dict[str, list[dict]]]:
        """`n` (file name, text) and the truth: file name -> [{"sentence", "facts": {table: fact id}}]."""
        out: list[tuple[str, str]] = []
        truth: dict[str, list[dict]] = {}
        while len(out) < n:
            for text, sentences in self._story():
                if len(out) < n:
                    name = f"{len(out):06d}.txt"
                    out.append((name, text))
                    truth[name] = sentences
        return out, truth

    def _story(self) -> list[tuple[str, list[dict]]]:
        rng = self.rng
        self.stories += 1
        s = self.stories
        a, b = rng.sample(COUNTRIES, 2)
        if rng.random() < 0.35 and self.history:  # a pair told before: the same people may visit again
            a, b = rng.choice(sorted(self.history))
        title = rng.choice(TITLES)
        person = self.people[(a, title)]
        while True:
            day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(365 * 9))
            if all(abs((day - d).days) > 45 for d in self.visits.get((person, b, title), [])):
                break
        self.visits.setdefault((person, b, title), []).append(day)
        facts = {"visit": {"id": f"V{s}", "a": a, "b": b, "title": title, "person": person, "day": day}}
        if rng.random() < 0.7:
            subject = rng.choice(SUBJECTS)
            if ((a, b, subject) not in self.subjects and (b, a, subject) not in self.subjects):
                self.subjects.add((a, b, subject))
                doc, art = rng.choice(DOCS)
                facts["document"] = {"id": f"D{s}", "doc": doc, "art": art, "subject": subject, "day": day}
        year = day.year - 1
        pair = tuple(sorted((a, b)))
        if rng.random() < 0.6 and (pair, year) not in self.trade_years:
            self.trade_years.add((pair, year))
            facts["trade"] = {"id": f"T{s}", "year": year, "value": round(rng.uniform(20, 900), 1)}
        outlets = rng.sample(OUTLETS, 5)
        told = [self._article(outlets[0], day + dt.timedelta(days=1), facts, wording=0)]
        for k in range(rng.choice([0, 1, 1, 2, 3])):
            told.append(self._article(outlets[1 + k], day + dt.timedelta(days=1 + rng.randrange(4)), facts,
                                      wording=1 + k))
        if rng.random() < 0.5:
            told.append(self._article(outlets[4], day + dt.timedelta(days=rng.randrange(3)), facts, wording=-1))
        earlier = self.history.get((a, b), [])
        if earlier and rng.random() < 0.6:
            told.append(self._overview(rng.choice(OUTLETS), day + dt.timedelta(days=2 + rng.randrange(20)),
                                       a, b, rng.sample(earlier, min(len(earlier), 2))))
        self.history.setdefault((a, b), []).append(facts)
        return told

    def _visit_sentence(self, v: dict, wording: int) -> str:
        a, b, t, full, day = v["a"], v["b"], v["title"], v["person"], v["day"]
        last = full.split()[-1]
        forms = [f"{t} {full} of {self.name[a]} paid an official visit to {self.name[b]} on {_day(day)}.",
                 f"{self.demonym[a]} {t} {full} paid a state visit to {self.name[b]} on {_day(day)}.",
                 f"{t} {last} of {self.name[a]} paid an official visit to {self.name[b]} on {_day(day)}.",
                 f"{self.demonym[a]} {t} {last} visited {self.name[b]} on {_day(day)}."]
        return forms[wording % len(forms)] if wording >= 0 else forms[3]

    def _article(self, outlet: str, published: dt.date, facts: dict, wording: int) -> tuple[str, list[dict]]:
        v = facts["visit"]
        a, b = self.name[v["a"]], self.name[v["b"]]
        sentences = [{"sentence": self._visit_sentence(v, wording), "facts": {"visits": v["id"], "events": v["id"]}}]
        body = [sentences[0]["sentence"]]
        if wording >= 0:
            d = facts.get("document")
            if d:
                opening = "During the visit, the two countries" if wording % 2 == 0 else f"{a} and {b}"
                when = "" if wording % 2 == 0 else f" on {_day(d['day'])}"
                s = f"{opening} signed {d['art']} {d['doc']} on cooperation in {d['subject']}{when}."
                sentences.append({"sentence": s, "facts": {"documents": d["id"], "events": d["id"]}})
                body.append(s)
            tr = facts.get("trade")
            if tr:
                s = (f"Trade turnover between {a} and {b} reached ${tr['value']} million in {tr['year']}."
                     if wording % 2 == 0 else
                     f"Trade turnover between {a} and {b} was ${tr['value']} million in {tr['year']}, "
                     "according to official data.")
                sentences.append({"sentence": s, "facts": {"trade": tr["id"], "events": tr["id"]}})
                body.append(s)
            body.append(self.rng.choice(FILLER))
        body.append(f"Reporting by the {outlet} desk.")
        head = f"{outlet} | World\n{_day(published)}\n\n{a} and {b} hold talks\n\n"
        return head + "\n\n".join(body) + "\n", sentences

    def _overview(self, outlet: str, published: dt.date, a: str, b: str, facts: list[dict]):
        na, nb = self.name[a], self.name[b]
        body = [f"Relations between {na} and {nb} have grown over the past decade."]
        sentences = []
        for f in facts:
            v = f["visit"]
            s = f"{v['title']} {v['person']} of {na} visited {nb} in {_month(v['day'])}."
            sentences.append({"sentence": s, "facts": {"visits": v["id"], "events": v["id"]}})
            body.append(s)
            d = f.get("document")
            if d:
                s = f"{na} and {nb} signed {d['art']} {d['doc']} on cooperation in {d['subject']} in {d['day'].year}."
                sentences.append({"sentence": s, "facts": {"documents": d["id"], "events": d["id"]}})
                body.append(s)
        body.append(f"Reporting by the {outlet} desk.")
        head = f"{outlet} | Analysis\n{_day(published)}\n\n{na} and {nb}: a decade of ties\n\n"
        return head + "\n\n".join(body) + "\n", sentences
