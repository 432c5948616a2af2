"""Store → GDELT-style event rows: one row per event, in the columns of the GDELT 2.0 event table.

GDELT and PETRARCH users count dyads: source actor code, target actor code, CAMEO
event code. :func:`gdelt_events` reads the events of the store (with the filters of
:func:`~kg.analytics.actor_graph`) and :func:`write_gdelt` writes them either as a
CSV with a header (the 61 GDELT column names in GDELT's order, blank where kg has
no value, then ``kg_*`` columns: event IRI, document id, relation, negation,
modality, sentence), or as GDELT's own layout: tab-separated, no header, exactly
the 61 columns, so readers of GDELT's ``*.export.CSV`` files take it as is.

What kg fills: the dates (``SQLDATE`` … ``FractionDate`` from the event's date,
else its document's publication date; ``DATEADDED`` from the publication date),
the actors (``Actor1Code`` = the code of the agent's mention in this event,
``kgo:agentCode``: "Israeli troops shelled" is ISRMIL where the node Israel also has ISR
and ISRGOV; else the node's ``kgo:cameoCode``, else its country; the code split into country, known group, religion and type codes; ``ActorNName`` =
the node's label), ``IsRootEvent`` (1 for events of the first sentence of their
document that yielded an event: kg's stand-in for GDELT's lead paragraph), the
CAMEO event code with its base and root codes, quad class and Goldstein value
(from the CAMEO scheme in the store), ``NumMentions``/``NumSources``/``NumArticles``
(1: a row is one event read from one sentence of one article) and ``SOURCEURL``
(the document's URL). Left blank: ethnic codes, ``AvgTone`` and the geography
columns (GDELT's are FIPS codes and gazetteer ids kg does not have).

GDELT has no negation: negated events are left out unless asked for, and the
headerless layout refuses them (a reader of it could not tell them apart).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.analytics._common import chunks, sparql_iri
from kg.analytics.projection import DEFAULT_MODALITIES, actor_graph
from kg.csvsafe import spreadsheet_safe
from kg.errors import GraphError
from kg.rdf.store import Store

__all__ = [
    "GDELT_COLUMNS",
    "KG_COLUMNS",
    "GdeltActor",
    "GdeltEvent",
    "gdelt_actor",
    "gdelt_events",
    "write_gdelt",
]

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
"""The 61 columns of the GDELT 2.0 event table, in its order (GDELT 2.0 event codebook)."""

KG_COLUMNS: tuple[str, ...] = ("kg_event", "kg_doc_id", "kg_relation", "kg_negated", "kg_modality", "kg_sentence")
"""What the header CSV adds after the GDELT columns (never in the headerless layout)."""

# CAMEO actor codes are 3-letter parts: a country or region, then known groups, religions and types.
_TYPES = frozenset(
    "COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED REF MOD RAD "
    "PKO UIS IGO IMG INT MNC NGM NGO SET PTY PPL MAR".split())
"""CAMEO type and role codes (GDELT's type lookup, plus PTY, PPL and MAR of the Phoenix agent dictionary)."""
_RELIGIONS = frozenset(
    "ADR ALE ATH BAH BUD CHR CON CPT CTH DOX DRZ HIN HSD ITR JAN JEW JHW LDS MOS MRN MUS NRM PAG PRO REL SFI "
    "SHI SHN SIK SUN TAO UDX ZRO".split())
"""CAMEO religion codes (REL: religious, unspecified)."""
_REGIONS = frozenset(
    "AFR ASA BLK CAS CAU CEU CFR CRB EAF EEU EIN EUR LAM MDT MEA NAF NMR PGS SAF SAM SAS SCN SEA WAF WEU WST".split())
"""CAMEO regions, which GDELT writes as a country code (``AFR``, ``MEA``, ``WST``)."""
_CODE = re.compile(r"(?:[A-Z]{3})+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class GdeltActor:
    """One actor's GDELT fields: the full CAMEO code and its parts (``None`` where unknown)."""

    code: str | None = None
    name: str | None = None
    country: str | None = None
    known_group: str | None = None
    ethnic: str | None = None
    religion1: str | None = None
    religion2: str | None = None
    type1: str | None = None
    type2: str | None = None
    type3: str | None = None

    def values(self) -> tuple[str | None, ...]:
        """The ten values in GDELT's column order (``Code`` … ``Type3Code``)."""
        return (self.code, self.name, self.country, self.known_group, self.ethnic, self.religion1,
                self.religion2, self.type1, self.type2, self.type3)


def gdelt_actor(name: str | None, code: str | None, country: str | None = None, *,
                countries: Collection[str] = ()) -> GdeltActor:
    """An actor's GDELT fields from its label, CAMEO code and ISO-3 country, as GDELT splits a code.

    The code is read in 3-letter parts: the country (``country`` if given, else a
    first part that is one of ``countries`` or a CAMEO region), then types (GOV,
    MIL, …), religions (first and second) and the rest as a known group (UNO,
    HMS, …). Without a code the country stands in for it. A code that is not
    3-letter parts is kept whole and not split.

    >>> gdelt_actor("Israeli army", "ISRMIL", "ISR")
    GdeltActor(code='ISRMIL', name='Israeli army', country='ISR', known_group=None, ethnic=None, religion1=None, religion2=None, type1='MIL', type2=None, type3=None)
    >>> a = gdelt_actor("Hamas", "PSEREBHMS", "PSE")
    >>> a.country, a.type1, a.known_group
    ('PSE', 'REB', 'HMS')
    >>> a = gdelt_actor("United Nations", "IGOUNO")
    >>> a.country, a.type1, a.known_group
    (None, 'IGO', 'UNO')
    >>> gdelt_actor("France", None, "FRA").code
    'FRA'
    """
    full = code or country or None
    if not full or not _CODE.fullmatch(full):
        return GdeltActor(code=full, name=name, country=country)
    parts = [full[i:i + 3] for i in range(0, len(full), 3)]
    known_country = frozenset(countries) | _REGIONS
    if country and country in parts:
        parts.remove(country)
    elif not country and parts[0] in known_country:
        country = parts.pop(0)
    types: list[str | None] = [p for p in parts if p in _TYPES]
    religions: list[str | None] = [p for p in parts if p in _RELIGIONS]
    groups = [p for p in parts if p not in _TYPES and p not in _RELIGIONS and p not in known_country]
    types += [None] * 3
    religions += [None] * 2
    return GdeltActor(code=full, name=name, country=country, known_group=groups[0] if groups else None,
                      religion1=religions[0], religion2=religions[1], type1=types[0], type2=types[1], type3=types[2])


@dataclass(frozen=True, slots=True)
class GdeltEvent:
    """One event as a GDELT row: Actor1 (the agent) did ``code`` to Actor2 (the patient).

    ``date`` is the event's date, else its document's publication date;
    ``published`` the publication date (``DATEADDED``); ``is_root`` whether the
    event comes from the first sentence of its document that yielded an event.
    """

    event: str
    date: dt.date | None
    actor1: GdeltActor
    actor2: GdeltActor
    code: str | None
    quad_class: int | None
    goldstein: float | None
    is_root: bool = False
    published: dt.date | None = None
    url: str | None = None
    doc_id: str | None = None
    relation: str | None = None
    negated: bool = False
    modality: str = "asserted"
    sentence: str | None = None

    @property
    def global_id(self) -> int:
        """``GLOBALEVENTID``: 52 bits of the SHA-256 of the event IRI, the same in every export.

        (52 bits stay exact as a float, so readers that load the column as numbers keep it.)
        """
        return int(hashlib.sha256(self.event.encode("utf-8")).hexdigest()[:13], 16)

    @property
    def event_code(self) -> str | None:
        """``EventCode``: the CAMEO code; a bare root ("19") becomes its unspecified code ("190"), as GDELT writes."""
        if not self.code:
            return None
        return self.code + "0" if len(self.code) == 2 else self.code

    def row(self) -> dict[str, Any]:
        """GDELT column (then ``kg_*`` column) → value; ``None`` where kg has no value."""
        row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS)
        d = self.date
        row["GLOBALEVENTID"] = self.global_id
        if d is not None:
            row["SQLDATE"] = _yyyymmdd(d)
            row["MonthYear"], row["Year"] = d.year * 100 + d.month, d.year
            # GDELT's files compute (month - 1) * 30 + day (1979-01-01 is 1979.0027)
            row["FractionDate"] = round(d.year + ((d.month - 1) * 30 + d.day) / 365, 4)
        for prefix, actor in (("Actor1", self.actor1), ("Actor2", self.actor2)):
            row.update(zip((prefix + c for c in _ACTOR), actor.values(), strict=True))
        code = self.event_code
        row["IsRootEvent"] = int(self.is_root)
        row["EventCode"] = code
        row["EventBaseCode"] = code[:3] if code else None
        row["EventRootCode"] = code[:2] if code else None
        row["QuadClass"] = self.quad_class
        row["GoldsteinScale"] = self.goldstein
        row["NumMentions"] = row["NumSources"] = row["NumArticles"] = 1
        if self.published is not None:
            row["DATEADDED"] = _yyyymmdd(self.published) * 1_000_000  # YYYYMMDDhhmmss, at midnight
        row["SOURCEURL"] = self.url
        row.update(kg_event=self.event, kg_doc_id=self.doc_id, kg_relation=self.relation,
                   kg_negated=self.negated, kg_modality=self.modality, kg_sentence=self.sentence)
        return row


def _yyyymmdd(d: dt.date) -> int:
    """GDELT's day number: 2024-03-05 is 20240305."""
    return d.year * 10000 + d.month * 100 + d.day


_DOCS = """
SELECT ?doc ?url ?pub WHERE {
  VALUES ?doc { %s }
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?doc dcterms:date ?pub }
}
"""

_STARTS = """
SELECT ?doc ?e ?s ?ac ?pc WHERE {
  VALUES ?doc { %s }
  ?e a kgo:Event ; kgo:document ?doc ; kgo:start ?s .
  OPTIONAL { ?e kgo:agentCode ?ac }
  OPTIONAL { ?e kgo:patientCode ?pc }
}
"""
"""Where every event of the documents starts (filtered out or not), for ``IsRootEvent``, and the
codes of its agent and patient mentions (``kgo:agentCode``/``kgo:patientCode``)."""


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def gdelt_events(
    store: Store,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    documents: Iterable[str] | None = None,
    event_types: Iterable[str] | None = None,
    quad_classes: Iterable[int] | None = None,
    actors: Iterable[str] | None = None,
    include_negated: bool = False,
    modalities: Iterable[str] | None = DEFAULT_MODALITIES,
    coded_only: bool = True,
    countries: Collection[str] = (),
) -> list[GdeltEvent]:
    """The events between two actors as GDELT rows, oldest first (then by document and position).

    The filters are those of :func:`~kg.analytics.actor_graph` (asserted,
    non-negated events by default; events with a concept as agent or patient
    are not actor dyads and are left out). ``coded_only`` keeps events with a
    CAMEO code only (GDELT has no others). ``countries``: ISO-3 codes, so that a
    code whose node has no country can still be split (``SYRREB`` → ``SYR``, ``REB``).
    Three queries and one per 2,000 documents.

    Raises:
        GraphError: a filter value cannot work.
        ActorNotFound: a name in ``actors`` matches nothing.
    """
    G = actor_graph(store, start=start, end=end, documents=documents, event_types=event_types,
                    quad_classes=quad_classes, actors=actors, include_negated=include_negated,
                    modalities=modalities, aggregate=False)
    edges = [(u, v, d, d["evidence"][0]) for u, v, d in G.edges(data=True) if d.get("evidence")]
    if coded_only:
        edges = [e for e in edges if e[3].code]
    docs: dict[str, dict[str, Any]] = {}
    starts: dict[str, int] = {}
    first: dict[str, int] = {}
    mention_codes: dict[str, tuple[str | None, str | None]] = {}
    for part in chunks(sorted({ev.document for *_, ev in edges if ev.document})):
        listed = " ".join(sparql_iri(x) for x in part)
        for r in store.query(_DOCS % listed).dicts():
            docs.setdefault(str(r["doc"]), r)
        for r in store.query(_STARTS % listed).dicts():
            s, of = int(r["s"]), str(r["doc"])
            starts[str(r["e"])] = s
            first[of] = min(first.get(of, s), s)
            if r["ac"] or r["pc"]:
                mention_codes[str(r["e"])] = (r["ac"] and str(r["ac"]), r["pc"] and str(r["pc"]))
    actor_rows: dict[tuple[str, str | None], GdeltActor] = {}

    def actor(node: str, code: str | None) -> GdeltActor:
        """The mention's code in this event, else the node's code, else its country."""
        if (node, code) not in actor_rows:
            data = G.nodes[node]
            actor_rows[node, code] = gdelt_actor(data.get("label"), code or data.get("code"), data.get("country"),
                                                 countries=countries)
        return actor_rows[node, code]

    out = []
    for u, v, d, ev in edges:
        doc = docs.get(str(ev.document), {})
        url = doc.get("url")
        agent_code, patient_code = mention_codes.get(str(ev.event), (None, None))
        out.append(GdeltEvent(
            event=str(ev.event), date=ev.date, actor1=actor(u, agent_code), actor2=actor(v, patient_code), code=ev.code,
            quad_class=d.get("quad_class") if ev.code else None, goldstein=ev.goldstein,
            is_root=ev.event in starts and starts[ev.event] == first.get(str(ev.document)),
            published=_day(doc.get("pub")), url=str(url) if url else None, doc_id=ev.doc_id,
            relation=d.get("relation"), negated=ev.negated, modality=ev.modality, sentence=ev.sentence,
        ))
    out.sort(key=lambda e: (e.date is None, e.date or dt.date.min, e.doc_id or "", starts.get(e.event, 0), e.event))
    return out


def _cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column == "FractionDate":
        return f"{value:.4f}"
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return str(value)


def _flat(text: str) -> str:
    """A text cell for the headerless layout, which has no quoting: control characters and line
    breaks become spaces and ``"`` becomes ``'`` (a reader that honours quotes would otherwise
    swallow the tabs after a leading ``"``)."""
    return _CONTROL.sub(" ", text).replace('"', "'")


def write_gdelt(events: Iterable[GdeltEvent], path: str | Path, *, tsv: bool = False) -> int:
    """Write ``events`` to ``path``; how many rows were written.

    By default a CSV (UTF-8, header row): the 61 GDELT columns then :data:`KG_COLUMNS`.
    With ``tsv`` GDELT's own layout: tab-separated, no header, the 61 columns only,
    text cells flattened (no tabs, line breaks or double quotes). Either way text cells
    that a spreadsheet would run as a formula get a leading ``'`` (:func:`spreadsheet_safe`).

    The tab-separated layout has no negation column, so it refuses negated events
    (a reader of it would take them as events that happened).

    Raises:
        GraphError: ``tsv`` and a negated event.
        OSError: the file cannot be written.
    """
    events = list(events)
    if tsv and any(e.negated for e in events):
        raise GraphError(f"{path}: the GDELT tab-separated layout has no negation column, so a negated event "
                         "would read as one that happened; leave negated events out, or write the header CSV")
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        if tsv:
            for event in events:
                row = event.row()
                cells = (_cell(c, _flat(row[c]) if isinstance(row[c], str) else row[c]) for c in GDELT_COLUMNS)
                fh.write("\t".join(cells) + "\n")
                n += 1
            return n
        columns = (*GDELT_COLUMNS, *KG_COLUMNS)
        writer = csv.writer(fh)
        writer.writerow(columns)
        for event in events:
            row = event.row()
            writer.writerow([_cell(c, row[c]) for c in columns])
            n += 1
    return n

