"""Every controlled vocabulary of the tables: each value with its meaning and an invented example."""
from __future__ import annotations

from dataclasses import dataclass, field

import pycountry


@dataclass(frozen=True)
class Vocabulary:
    """Allowed values of a column. `terms`: value -> (meaning, example); `standard` names an external
    code list whose values are taken whole (ISO codes), which the codebook cites instead of listing."""
    name: str
    description: str
    terms: dict[str, tuple[str, str]] = field(default_factory=dict)
    standard: str | None = None
    codes: tuple[str, ...] = ()

    @property
    def values(self) -> list[str]:
        return list(self.codes) if self.standard else list(self.terms)


def _standard(name: str, description: str, standard: str, codes) -> Vocabulary:
    return Vocabulary(name, description, standard=standard, codes=tuple(sorted(codes)))


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
    Vocabulary("event_type", "Kind of event in the timeline (crosswalk to PLOVER and CAMEO in the codebook).", {
        "recognition": ("One state recognises the other's independence.", "Norland recognised the independence "
                        "of Southland on 2 March 1992."),
        "diplomatic_relations": ("Diplomatic relations established, restored or severed.", "Norland and Southland "
                                 "established diplomatic relations on 5 May 1993."),
        "mission_opening": ("An embassy, consulate or other mission opened.", "Norland opened its embassy in the "
                            "capital of Southland in 2001."),
        "visit": ("A visit (the row of visits it is, in visit_id).", "The president of Norland visited Southland "
                  "on 4 May 2019."),
        "meeting": ("Talks, a summit, a session of a joint body.", "The joint commission held its fifth session "
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
    }),
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

# event_type -> (nearest PLOVER event type, nearest CAMEO codes). Nearest, not one to one: a row's own
# evidence decides, e.g. a 'conflict' may be a PLOVER ASSAULT or SANCTION.
EVENT_CROSSWALK: dict[str, tuple[str, str]] = {
    "recognition": ("SUPPORT", "054 Grant diplomatic recognition"),
    "diplomatic_relations": ("COOPERATE (diplomatic)", "054 Grant diplomatic recognition; 161 Reduce or break "
                             "diplomatic relations when severed"),
    "mission_opening": ("COOPERATE (diplomatic)", "050 Engage in diplomatic cooperation"),
    "visit": ("CONSULT (visit)", "042 Make a visit; 043 Host a visit"),
    "meeting": ("CONSULT (meet)", "040 Consult; 044 Meet at a third location"),
    "agreement": ("AGREE", "057 Sign formal agreement"),
    "resolution": ("SUPPORT or REJECT, by content", "01 Make public statement"),
    "military_exercise": ("COOPERATE (military)", "062 Cooperate militarily"),
    "military_cooperation": ("COOPERATE (military)", "062 Cooperate militarily"),
    "support": ("SUPPORT", "051 Praise or endorse"),
    "conflict": ("ASSAULT, COERCE or SANCTION, by content", "17 Coerce; 19 Fight"),
    "aid": ("AID", "07 Provide aid"),
    "trade": ("COOPERATE (economic)", "061 Cooperate economically"),
    "institution_opening": ("COOPERATE", "06 Engage in material cooperation"),
    "cultural": ("COOPERATE", "06 Engage in material cooperation"),
    "anniversary": ("none (a statement)", "01 Make public statement"),
    "other": ("none", "none"),
}
