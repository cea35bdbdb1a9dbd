"""Every controlled vocabulary of the tables: each value with its meaning and an invented example."""
from __future__ import annotations

from dataclasses import dataclass, field

import pycountry

from schemas.cameo import CAMEO, QUAD_CLASSES, ROOT_NAMES


@dataclass(frozen=True)
class Vocabulary:
    """Allowed values of a column. `terms`: value -> (meaning, example); `standard` names an external
    code list whose values are taken whole (ISO codes), which the codebook cites instead of listing;
    `not_counted`: value -> (what does not count as it, an example), where the line is worth drawing."""
    name: str
    description: str
    terms: dict[str, tuple[str, str]] = field(default_factory=dict)
    standard: str | None = None
    codes: tuple[str, ...] = ()
    not_counted: dict[str, tuple[str, str]] = field(default_factory=dict)  # value -> (what is not it, example)

    @property
    def values(self) -> list[str]:
        return list(self.codes) if self.standard else list(self.terms)


def _standard(name: str, description: str, standard: str, codes) -> Vocabulary:
    return Vocabulary(name, description, standard=standard, codes=tuple(sorted(codes)))


# event_type -> (what does not count as it, an invented example of that): where the line is drawn.
_EVENT_NOT_COUNTED: dict[str, tuple[str, str]] = {
    "recognition": ("Recognising a government, a claim or a fact, or welcoming independence in a statement "
                    "without recognising it.", "Norland recognised the importance of Southland's reforms in 2019."),
    "diplomatic_relations": ("A partnership upgrade, a new dialogue format or a strategic council (those are "
                             "`other` or `institution_opening`); close trade or cultural relations.",
                             "Norland and Southland upgraded their ties to a strategic partnership in 2019."),
    "mission_opening": ("An honorary consul named, an ambassador accredited, a trade office or cultural centre "
                        "opened (`institution_opening`).", "Southland's trade office opened in Norland in 2012."),
    "visit": ("Talks at a third place with no one travelling to the other state (`meeting`); a call.",
              "The two ministers met in Eastland on 3 May 2021."),
    "meeting": ("Talks during a visit stated again without a date of their own (the visit's `meeting`, linked to "
                "it, is given once); a habit ('meet every year'); negotiations under way ('are in talks').",
                "The ministers of Norland and Southland meet every year."),
    "agreement": ("A plan to sign ('agreed to build a road', `other` or nothing); an instrument only named; its "
                  "entry into force without a signing.", "Norland and Southland agreed to build a road in 2013."),
    "resolution": ("A bill introduced or a motion debated but not adopted.", "A motion on Southland was debated "
                   "in Norland's parliament in 2018."),
    "military_exercise": ("The date of the press release or statement about an exercise (the exercise is dated by "
                          "its own days); military cooperation in general.",
                          "The navy said on Monday that the drills of 3-6 May had ended (dated 3-6 May)."),
    "military_cooperation": ("A joint exercise (`military_exercise`); arms donated (`aid`).",
                             "The two navies held joint drills in June 2023."),
    "support": ("Support for a third party against the pair; a vague expression of friendship.",
                "Norland and Southland described their relations as friendly."),
    "conflict": ("A dispute only mentioned as settled long ago; a disagreement in talks.",
                 "The ministers disagreed on fishing quotas during the talks."),
    "aid": ("A package of signings that mentions aid (`agreement`); a loan or an investment (`trade`).",
            "Norland and Southland signed eleven agreements on health, energy and aid in 2022."),
    "trade": ("A target ('aim to raise trade to $5 billion'); a topic list that names trade.",
              "The leaders discussed trade, energy and culture."),
    "institution_opening": ("A session of an existing body (`meeting`); an embassy (`mission_opening`).",
                            "The joint commission held its fifth session on 8 March 2017."),
    "cultural": ("A visit by a cultural figure (`visit`); a cultural agreement signed (`agreement`).",
                 "The ministers signed a cultural cooperation programme in 2015."),
    "anniversary": ("A date of the past merely recalled ('relations established in 1992') is the event of that "
                    "date, not an anniversary.", "Relations between Norland and Southland were established in 1992."),
    "other": ("A step a more specific type covers; a statement or an opinion.",
              "The minister said relations were at their best."),
}

_V = [
    _standard("iso3", "A state, as its ISO 3166-1 alpha-3 code.", "ISO 3166-1 alpha-3",
              (c.alpha_3 for c in pycountry.countries)),
    _standard("iso4217", "A currency, as its ISO 4217 code.", "ISO 4217", (c.alpha_3 for c in pycountry.currencies)),
    Vocabulary("date_precision", "How precisely the date is known (of its coarsest end).", {
        "day": ("A calendar day is known.", "on 4 May 2019"),
        "month": ("Only the month is known; the interval covers the whole month.", "in May 2019"),
        "season": ("A season: the interval covers its three months.", "in the autumn of 2019"),
        "year": ("Only the year is known; the interval covers the whole year.", "in 2019"),
        "decade": ("Only the decade is known.", "in the 1990s"),
        "unknown": ("No date: date_start and date_end are null.", "the ministers met (no date given)"),
    }),
    Vocabulary("date_source", "Where the date comes from.", {
        "explicit": ("The evidence sentence states the date in full.", "signed on 4 May 2019"),
        "inferred": ("A date of the sentence completed from context, e.g. a day without a year taken in the "
                     "article's year.", "on 4 May (in an article published in 2019)"),
        "publication": ("Bounded by the publication date only: the fact happened on or before it.",
                        "the two states have signed a treaty (no date, article of 2019)"),
        "unresolved": ("A relative date with no publication date or earlier date to count from.",
                       "last week (article without a date)"),
    }),
    Vocabulary("visitor_role", "Role class of the visitor.", {
        "head_of_state": ("President, monarch or other head of state.", "President Ana Lind of Norland"),
        "head_of_government": ("Prime minister, premier or chancellor.", "Prime Minister Jon Berg"),
        "foreign_minister": ("Minister of foreign affairs.", "Foreign Minister Eva Stone"),
        "minister": ("Any other minister.", "the Minister of Agriculture"),
        "parliament": ("Speaker, members or a delegation of a parliament.", "the Speaker of the Senate"),
        "military": ("A military officer or defence chief.", "the Chief of the General Staff"),
        "official": ("A civil servant or diplomat below minister.", "the Deputy Foreign Minister"),
        "delegation": ("A delegation with no single named head.", "a trade delegation from Norland"),
        "other": ("Anyone else (business, culture, religion...).", "the head of the chamber of commerce"),
    }),
    Vocabulary("visit_type", "Kind of visit, as the text calls it.", {
        "state": ("A state visit.", "paid a state visit to Norland"),
        "official": ("An official visit.", "on an official visit to Norland"),
        "working": ("A working visit.", "a working visit to Norland"),
        "multilateral_event": ("Travel to attend a summit, forum or other multilateral meeting.",
                               "arrived in Norland for the regional summit"),
        "unspecified": ("The text does not say.", "visited Norland"),
    }),
    Vocabulary("status", "Whether the fact had happened when the article was written.", {
        "occurred": ("It happened.", "the ministers signed the agreement"),
        "ongoing": ("It is under way at publication.", "the president is on a visit to Norland"),
        "planned": ("It is announced or expected.", "the president will visit Norland next month"),
        "cancelled": ("It was announced, then called off or put back (cancelled, postponed).",
                      "the president postponed her visit to Norland"),
    }),
    Vocabulary("doc_type", "Kind of instrument.", {
        "treaty": ("A treaty or convention.", "the Treaty of Friendship"),
        "agreement": ("An agreement, accord or pact.", "an agreement on visa exemption"),
        "memorandum": ("A memorandum of understanding or of cooperation.", "a memorandum on tourism"),
        "declaration": ("A declaration (joint or of one side).", "a joint declaration on partnership"),
        "joint_statement": ("A joint statement or communique the sides released.",
                            "the two governments issued a joint statement"),
        "resolution": ("A resolution of a parliament or organisation.", "the parliament adopted a resolution"),
        "protocol": ("A protocol (often amending or adding to an agreement).", "a protocol to the tax treaty"),
        "programme": ("A programme or plan of cooperation.", "a programme of cultural exchanges"),
        "other": ("Any other instrument (contract, roadmap, letter of intent...).", "a roadmap for cooperation"),
    }),
    Vocabulary("action", "What was done to the instrument.", {
        "signed": ("Signed.", "the ministers signed an agreement"),
        "adopted": ("Adopted (a resolution, declaration or programme).", "adopted a joint declaration"),
        "approved": ("Approved by a government or parliament.", "the cabinet approved the memorandum"),
        "ratified": ("Ratified.", "the parliament ratified the treaty"),
        "reached": ("Agreed or concluded, without a signature stated.", "the sides reached an agreement"),
        "released": ("Released or issued (a joint statement, a communique).", "the sides released a joint statement"),
        "other": ("Anything else (initialled, exchanged, extended...).", "the two sides initialled a treaty"),
    }),
    Vocabulary("indicator", "Kind of economic figure.", {
        "turnover": ("Two-way trade (exports plus imports) between the pair; no direction.",
                     "trade turnover reached $2 billion"),
        "exports": ("Exports from flow_from to flow_to.", "exports to Norland rose to $300 million"),
        "imports": ("Imports into flow_to from flow_from.", "imports from Norland were $50 million"),
        "investment": ("Investment (direct or other) by one state's residents in the other, flow_from to flow_to: a "
                       "flow (invested in a year) or a stock (the total held, 'has reached').",
                       "Norland's direct investment in Southland totals $1 billion"),
        "aid": ("Assistance given, in money or in kind (humanitarian, food, emergency or grant aid), from donor "
                "(flow_from) to recipient (flow_to).", "Norland gave $5 million in humanitarian aid"),
        "grant": ("Money given for a purpose without repayment and called a grant, not aid, from giver "
                  "(flow_from) to receiver (flow_to).", "a grant of $3 million for the new hospital"),
        "loan": ("A loan or credit line, from lender (flow_from) to borrower (flow_to).",
                 "a credit line of $200 million from Norland's export-import bank"),
        "remittances": ("Money that migrants send home, from the state they work in (flow_from) to their own "
                        "(flow_to).", "remittances from Southlanders working in Norland reached $2 billion"),
        "tourism_receipts": ("What visitors from one state spend in the other, from their state (flow_from) to "
                             "the one they visit (flow_to).", "tourists from Norland spent $400 million in Southland"),
        "other": ("Any other figure: a target the sides aim at, a fund, a project's cost.",
                  "the sides aim to raise trade to $10 billion by 2030"),
    }),
    Vocabulary("figure_status", "Whether a trade figure was measured, is aimed at, or is predicted.", {
        "actual": ("A figure stated as measured, given or agreed.", "trade reached $2 billion in 2023"),
        "target": ("A level the sides aim at or hope for (indicator `other`; year: the year it is set for, never "
                   "a past year's).", "the sides aim to raise trade to $10 billion by 2030"),
        "forecast": ("A figure predicted or expected, not aimed at.", "exports are expected to reach $3 billion in "
                     "2025"),
    }),
    Vocabulary("figure_period", "The stretch of time a trade figure covers.", {
        "year": ("A calendar year.", "trade reached $2 billion in 2023"),
        "fiscal_year": ("A fiscal year (its months where the state's fiscal calendar is known).",
                        "exports of Rs 450 crore in fiscal year 2021-22"),
        "half_year": ("January to June or July to December.", "exports rose to $1 billion in the first half of 2022"),
        "quarter": ("Three months of a calendar quarter.", "imports of $300 million in the third quarter of 2021"),
        "month": ("One month.", "trade of $90 million in March 2024"),
        "months": ("A run of months that is none of the above: a part of the year.",
                   "trade of $700 million in the first nine months of 2023"),
        "years": ("More than one year.", "investment of $5 billion between 2015 and 2020"),
    }),
    Vocabulary("fx_rate_basis", "Which days an exchange rate comes from.", {
        "period_mean": ("The mean of the daily reference rates over the period the figure covers (a measured "
                        "figure of a period that had ended when the article was published).",
                        "trade of 40 billion yen in 2019: the mean of 2019's daily rates"),
        "day": ("One day's reference rate: the figure's own day, or the publication date for a target, a "
                "forecast, a figure of a period not yet over or without a date (a day without a published rate "
                "is interpolated between the days around it).", "a pledge of 2 billion euros on 3 May 2021"),
    }),
    Vocabulary("geo_precision", "What a row's coordinates locate.", {
        "city": ("The city named, at its GeoNames point.", "a visit to Mombasa"),
        "country": ("The country, at its centroid: a visit without a city (or with a city not found among "
                    "the host's), a place that is a country's name.", "a visit to Kenya, no city named"),
    }),
    Vocabulary("event_type", "Kind of event in the timeline (crosswalk to PLOVER and CAMEO in the codebook).", {
        "recognition": ("One state recognises the other's independence.", "Norland recognised the independence "
                        "of Southland on 2 March 1992."),
        "diplomatic_relations": ("Diplomatic relations established, restored or severed.", "Norland and Southland "
                                 "established diplomatic relations on 5 May 1993."),
        "mission_opening": ("An embassy, consulate or other mission opened.", "Norland opened its embassy in the "
                            "capital of Southland in 2001."),
        "visit": ("A visit (the row of visits it is, in visit_id).", "The president of Norland visited Southland "
                  "on 4 May 2019."),
        "meeting": ("Talks, a summit, a session of a joint body, a call. Talks held during a visit are one meeting, "
                    "linked to the visit (visit_id) and dated by it.", "The joint commission held its fifth session "
                    "on 8 March 2017."),
        "agreement": ("An instrument signed or agreed (the row of documents, in document_id).", "The ministers "
                      "signed an agreement on fisheries on 3 June 2020."),
        "resolution": ("A resolution adopted (the row of documents, in document_id).", "The parliament of Norland "
                       "adopted a resolution on Southland in 2018."),
        "military_exercise": ("A joint military exercise or drill.", "The two navies held joint drills in June 2023."),
        "military_cooperation": ("Defence cooperation, training, supplies.", "Norland trained officers of "
                                 "Southland's army in 2015."),
        "support": ("One state supports the other or its position.", "Norland supported Southland's bid in 2016."),
        "conflict": ("Hostility, clashes, sanctions.", "Troops of the two states clashed at the border in 1998."),
        "aid": ("Aid, donations, building by one state for the other.", "Norland donated ambulances in 2020."),
        "trade": ("A trade figure or a start of deliveries (the row of trade, in trade_id).", "Trade between them "
                  "reached $2 billion in 2019."),
        "institution_opening": ("A joint body, school, bank branch or centre set up or opened.", "A joint business "
                                "council was founded in 2014."),
        "cultural": ("Culture, education, heritage.", "A festival of Norland's films opened in Southland in 2012."),
        "anniversary": ("An anniversary marked.", "The two states marked the 30th anniversary of relations "
                        "on 5 May 2023."),
        "other": ("Any other dated step (a partnership upgrade, a new air link...).", "Direct flights between the "
                  "capitals resumed in April 2022."),
    }, not_counted=_EVENT_NOT_COUNTED),
    Vocabulary("plover_type", "PLOVER event category (Open Event Data Alliance, PLOVER manual, the categories "
               "POLECAT uses) an event maps to, for joining with PLOVER-coded data; see the crosswalk below.", {
        "AGREE": ("Agree to, offer or promise to cooperate, including promises to sign; any cooperative act "
                  "reported as planned.", "Norland and Southland will sign a treaty next month."),
        "CONSULT": ("Meetings and consultations: visits made and hosted, talks at a third place, calls.",
                    "The president of Norland visited Southland."),
        "SUPPORT": ("Diplomatic, non-material cooperation: recognition, initiating or improving diplomatic "
                    "ties, signing or ratifying an agreement, endorsing.", "Norland recognised Southland."),
        "CONCEDE": ("A verbal concession with no immediate material effect.", "Norland promised to ease visa rules."),
        "COOPERATE": ("Mutual material cooperation: economic exchange, joint military exercises, judicial and "
                      "intelligence cooperation.", "The two navies held joint drills."),
        "AID": ("Material aid whose benefit goes mainly to the recipient.", "Norland donated ambulances to Southland."),
        "RETREAT": ("A material concession: release, return, withdrawal, ceasefire observed.",
                    "Norland released Southland's fishermen."),
        "DEMAND": ("A demand or order.", "Norland demanded that Southland pay compensation."),
        "ACCUSE": ("Disapprove, accuse, investigate.", "Norland accused Southland of spying."),
        "REJECT": ("A rejection or refusal.", "Southland rejected Norland's proposal."),
        "THREATEN": ("A threat.", "Norland threatened to close the border."),
        "PROTEST": ("Civilian demonstrations and collective protest.", "Crowds protested outside Norland's embassy."),
        "SANCTION": ("A reduction of existing relations: relations broken, diplomats expelled, aid stopped.",
                     "Norland severed diplomatic relations with Southland."),
        "MOBILIZE": ("Military or police moves short of force; an exercise of one state's forces alone.",
                     "Norland's army held drills near the border."),
        "COERCE": ("Repression or restrictions on rights.", "Norland expelled Southland's journalists."),
        "ASSAULT": ("Deliberate use of force that can cause physical harm.", "Troops of Norland shelled a "
                    "Southland village."),
    }),
    Vocabulary("plover_mode", "PLOVER mode (how the event happened) of its category, where PLOVER defines one and "
               "the evidence says it; spelled as PLOVER spells it.", {
        "visit": ("CONSULT: one side visits, the other hosts.", "the president of Norland visited Southland"),
        "third-party": ("CONSULT: the meeting is hosted by a third state.", "Norland and Southland met in Eastland"),
        "multilateral": ("CONSULT: the meeting takes place at a summit or meeting of an organisation.",
                         "the ministers met on the sidelines of the regional summit"),
        "phone": ("CONSULT: by telephone or another remote medium.", "the presidents spoke by telephone"),
        "convict": ("SANCTION: found guilty or liable in a court.", "a court of Norland convicted Southland's firm"),
        "expel": ("SANCTION: an actor expelled from a group or country.", "Norland expelled Southland from the bloc"),
        "withdraw": ("SANCTION: one's own non-military resources withdrawn (diplomats, aid, observers).",
                     "Norland recalled its ambassador from Southland"),
        "discontinue": ("SANCTION: diplomatic, commercial or material exchanges curtailed or broken off.",
                        "Norland severed diplomatic relations with Southland"),
        "troops": ("MOBILIZE: armed personnel or units mobilised or exercised.", "Norland's army held drills"),
        "weapons": ("MOBILIZE: readiness of weapons systems increased.", "Norland put its missiles on alert"),
        "police": ("MOBILIZE: police or security units mobilised.", "Norland deployed riot police to the border"),
        "militia": ("MOBILIZE: a non-state armed group mobilised.", "a militia massed near the border"),
    }),
    Vocabulary("cameo_code", "CAMEO event code (three digits) an event maps to, with its name and Goldstein "
               "value; only the codes the crosswalk below uses (sources: see the crosswalk).", {
        c.code: (f"{c.name} (Goldstein {c.goldstein:+.1f}, quad class {c.quad_class}).", c.example)
        for c in CAMEO.values()}),
    Vocabulary("cameo_root", "CAMEO root code (the first two digits of the event code): the 20 top categories.", {
        root: (f"{name}.", next(c.example for c in CAMEO.values() if c.root == root))
        for root, name in ROOT_NAMES.items() if any(c.root == root for c in CAMEO.values())}),
    Vocabulary("quad_class", "GDELT's QuadClass: the CAMEO roots in four classes (an integer).", {
        str(q): (f"{name}: CAMEO roots {first}-{last}.", example)
        for (q, (name, first, last)), example in zip(QUAD_CLASSES.items(), (
            "Norland recognised Southland.", "Norland donated ambulances to Southland.",
            "Norland accused Southland of spying.", "Norland's army held drills near the border."))}),
    Vocabulary("source_format", "Format of the raw input.", {
        "txt": ("Plain text with an optional header.", "article.txt"),
        "html": ("A web page; the article text is extracted from it.", "page.html"),
        "json": ("A JSON record or a list of records.", "articles.json"),
        "jsonl": ("One JSON record per line.", "articles.jsonl"),
    }),
    Vocabulary("diagnostic_kind", "What a diagnostic reports.", {
        "trigger_without_row": ("A sentence with a trigger word of a table gave no row of that table.",
                                "a sentence with 'visited' that names no state"),
        "unresolved_place": ("A place name the gazetteer cannot place.", "a village named only once"),
        "unknown_currency": ("An amount whose currency word is not understood.", "5 million zlotniks"),
        "not_english": ("An article detected as written in another language: it is in `articles` but "
                        "nothing is extracted from it (detail: the language detected).",
                        "an article detected as French"),
        "no_fx_rate": ("A figure in another currency than the US dollar that has no dollar value: its currency "
                       "has no reference rate, or its date is outside the rates (detail: the reason).",
                       "KES: no reference rate"),
        "sectioned": ("An article too long to annotate at once, read in sections cut at paragraph breaks: a "
                      "fact is read within its own section (detail: the length, the sections and their size).",
                      "a 2 MB transcript read in 41 sections"),
    }),
    Vocabulary("rejected_reason", "Why an input was not read as an article.", {
        "empty": ("No bytes, or only white space.", "an empty file"),
        "binary": ("Not text in any encoding.", "an image saved with a .txt name"),
        "too_large": ("Bigger than the size limit (not read at all).", "a 50 MB dump"),
        "malformed": ("JSON or a JSONL line that is not valid, or not a record.", "a truncated JSON file"),
        "no_text": ("Nothing left after the header, or a page without article text.", "a header-only file"),
        "duplicate": ("The same bytes or article text as an earlier input.", "a copy of an article"),
        "outside_raw": ("A symbolic link pointing outside the raw folder (not followed).", "a link to /etc"),
        "not_a_file": ("A link to a folder, a socket, a pipe.", "a named pipe"),
        "unreadable": ("The operating system refused to read it.", "a file without read permission"),
        "too_deep": ("A folder nested deeper than the walk goes.", "a folder 100 levels down"),
        "path_too_long": ("A path longer than the system can open.", "a 5000-character path"),
        "parse_error": ("Another error while reading or parsing (type and message in detail).", "a bad header"),
        "extraction_error": ("An error while annotating or extracting the article.", "a rule that crashed"),
        "worker_died": ("The worker process handling its batch died twice.", "a worker killed for memory"),
    }),
]

VOCABULARIES: dict[str, Vocabulary] = {v.name: v for v in _V}

@dataclass(frozen=True)
class PloverCode:
    """The PLOVER category and mode (None: none applies) and the CAMEO code (schemas/cameo.py; None: CAMEO codes
    it by a content the row does not give) an event maps to; `when`: which events of its type get it, in words;
    `direction`: what source_country and target_country hold (empty: neither is set), in words (the codebook
    prints both)."""
    plover_type: str | None
    plover_mode: str | None
    cameo: str | None
    when: str
    direction: str = ""


# event_type -> variant -> its code: "" is the type's own code; the others apply where the event's evidence or
# links say so (pipeline/extract/events.py decides: the cue list `plover_variants` of pipeline/rules/events.yaml,
# the visit a meeting is linked to, the states an exercise names). PLOVER: categories and modes of the PLOVER
# manual (openeventdata/PLOVER); verbal categories have no mode, only CONSULT, SANCTION, MOBILIZE... do. CAMEO: the
# code of the act; planned, it is the intent to do it (schemas/cameo.py, INTENT_OF_ROOT). A visit is coded from
# the visitor's side (042 Make a visit, source the visitor's state); the host's view (043 Host a visit) is the
# same event and gives no second row.
_P = PloverCode
_VISITOR = "the visitor's state → the host state (of the visit)"
EVENT_CROSSWALK: dict[str, dict[str, PloverCode]] = {
    "recognition": {"": _P("SUPPORT", None, "054", "recognition of a state", "the recognising state → the "
                           "recognised (as the clause names them)")},
    "diplomatic_relations": {
        "": _P("SUPPORT", None, "050", "relations established, restored"),
        "severed": _P("SANCTION", "discontinue", "161", "relations severed, broken off or suspended")},
    "mission_opening": {"": _P("SUPPORT", None, "050", "a mission opened")},
    "visit": {"": _P("CONSULT", "visit", "042", "a visit made or under way", _VISITOR)},
    "meeting": {
        "": _P("CONSULT", None, "040", "talks, a summit or a session"),
        "visit": _P("CONSULT", "visit", "042", "talks held during a visit (linked to it)", _VISITOR),
        "third_party": _P("CONSULT", "third-party", "044", "talks hosted by a third state"),
        "multilateral": _P("CONSULT", "multilateral", "040", "talks at a summit or meeting of an "
                           "organisation, on its sidelines"),
        "phone": _P("CONSULT", "phone", "041", "a call or a video conference")},
    "agreement": {"": _P("SUPPORT", None, "057", "an instrument signed, ratified or adopted (PLOVER puts signing "
                         "in SUPPORT; a promise to sign is AGREE)")},
    "resolution": {"": _P(None, None, "010", "a resolution: SUPPORT or ACCUSE by its content, which the row does "
                          "not give (CAMEO: a statement, its content not specified)", "the issuing state → (null)")},
    "military_exercise": {
        "": _P("COOPERATE", None, "062", "a joint exercise (PLOVER: joint military games and maneuvers)"),
        "one_state": _P("MOBILIZE", "troops", "152", "an exercise whose evidence names one state only (PLOVER: "
                        "single-country exercises)", "the state named → (null)")},
    "military_cooperation": {"": _P("COOPERATE", None, "062", "defence cooperation, training")},
    "support": {"": _P("SUPPORT", None, "051", "support stated", "the supporting state → the supported (as the "
                       "clause names them)")},
    "conflict": {"": _P(None, None, None, "hostility: ASSAULT, COERCE, SANCTION or MOBILIZE by its content, which "
                        "the row does not give (CAMEO likewise: 16 Reduce relations, 17 Coerce, 19 Fight...)")},
    "aid": {"": _P("AID", None, "070", "aid given", "the donor → the recipient (the money row's flow_from → "
                   "flow_to, or as the clause names them)")},
    "trade": {"": _P("COOPERATE", None, "061", "a trade or investment flow, deliveries started", "the investor or "
                     "lender → the receiving state (the money row's flow_from → flow_to, where it has both)")},
    "institution_opening": {
        "": _P("COOPERATE", None, "060", "a school, branch, centre or office opened"),
        "joint_body": _P("SUPPORT", None, "050", "a joint commission, council or mechanism of the two states set "
                         "up")},
    "cultural": {"": _P("COOPERATE", None, "060", "a cultural or educational exchange")},
    "anniversary": {"": _P(None, None, "017", "an anniversary marked (PLOVER drops statements; CAMEO: a symbolic "
                           "act)")},
    "other": {
        "": _P(None, None, None, "any other step (no code: it is told by what was done)"),
        "partnership": _P("SUPPORT", None, "050", "a partnership upgrade or a new dialogue format (PLOVER: improve "
                          "or expand diplomatic cooperation)"),
        "link": _P("COOPERATE", None, "061", "a transport or trade link opened or resumed")},
}
# PLOVER: "all cooperative actions reported in future tense" are AGREE; a planned event of these categories is.
PLOVER_INTENT = _P("AGREE", None, None, "any of the above that is planned (status 'planned') and would be "
                   "CONSULT, SUPPORT, COOPERATE or AID")
_COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
# The PLOVER category each mode of the plover_mode vocabulary belongs to.
PLOVER_MODE_OF: dict[str, str] = {
    **dict.fromkeys(("visit", "third-party", "multilateral", "phone"), "CONSULT"),
    **dict.fromkeys(("convict", "expel", "withdraw", "discontinue"), "SANCTION"),
    **dict.fromkeys(("troops", "weapons", "police", "militia"), "MOBILIZE"),
}


def crosswalk_case(event_type: str, variant: str = "") -> PloverCode:
    """The crosswalk's row for an event: its type's `variant`, or its type's own when the type has no such one."""
    codes = EVENT_CROSSWALK[event_type]
    return codes.get(variant) or codes[""]


def plover_code(event_type: str, variant: str = "", status: str | None = None) -> PloverCode:
    """The PLOVER code of an event: its crosswalk case, and AGREE when it is planned and cooperative."""
    code = crosswalk_case(event_type, variant)
    if status == "planned" and code.plover_type in _COOPERATIVE:
        return PLOVER_INTENT
    return code
