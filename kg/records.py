"""The records that flow between stages: frozen, slotted, validated dataclasses.

Extraction turns spaCy objects into these and nothing later sees spaCy. Every
relation carries its :class:`Provenance` (document, sentence, character offsets).
"""

from __future__ import annotations

import datetime as _dt
import html as _html
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ActorType",
    "Modality",
    "Document",
    "Region",
    "REGION_KINDS",
    "DATE_SOURCES",
    "Mention",
    "Provenance",
    "Relation",
    "Occurrence",
]


class ActorType(StrEnum):
    """What kind of thing an argument is (DESIGN §4 ``type``)."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    COUNTRY = "Country"
    GROUP = "Group"
    LOCATION = "Location"
    OTHER = "Other"


class Modality(StrEnum):
    """How firmly the text states a relation."""

    ASSERTED = "asserted"
    HYPOTHETICAL = "hypothetical"
    PLANNED = "planned"
    REPORTED = "reported"


DATE_SOURCES = ("text", "published")
"""Where a relation's date comes from (:attr:`Relation.date_source`)."""

REGION_KINDS = ("front-matter", "title", "heading", "byline", "dateline", "boilerplate")
"""The kinds of :class:`Region` ingest recognises (README, "How a document is read")."""


@dataclass(frozen=True, slots=True)
class Region:
    """A part of a document that is not body text: title, heading, byline, dateline, boilerplate.

    ``start``/``end`` are character offsets in ``Document.text``. A region is
    not read for relations unless ``extracted`` is true (a title or heading
    written as a sentence, read as its own sentence with a lower confidence).

    >>> Region("boilerplate", 40, 72).extracted
    False
    """

    kind: str
    start: int
    end: int
    extracted: bool = False

    def __post_init__(self) -> None:
        if self.kind not in REGION_KINDS:
            raise ValueError(f"Region.kind must be one of {', '.join(REGION_KINDS)}, got {self.kind!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad Region offsets {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Document:
    """One input text with its metadata.

    ``id`` is the id given by the input or a content hash of the text.
    ``source`` says where it came from (a path, ``<stdin>``, ``file.jsonl:12``).
    ``regions`` are the parts of the text that are not body text (title,
    byline, boilerplate...), found by ``kg.ingest.layout``.

    >>> Document(id="d1", text="France condemned Russia.").title is None
    True
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: _dt.date | None = None
    source: str | None = None
    regions: tuple[Region, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError("Document.id must be a non-empty string")
        if not isinstance(self.text, str):
            raise ValueError("Document.text must be a string")
        if not isinstance(self.regions, tuple):
            object.__setattr__(self, "regions", tuple(self.regions))


@dataclass(frozen=True, slots=True)
class Mention:
    """An argument of a relation: an actor mention or a concept phrase.

    ``text`` is the phrase as written, ``label`` the canonical name it resolves to
    (within the document, or from a dictionary). ``start``/``end`` are character
    offsets of ``text`` in the document. ``affiliation`` is the canonical name of
    the country or organisation the actor belongs to, ``role`` its title.
    ``resolved_by`` names the rule(s) that gave the mention its label, joined by
    ``+`` ("coref", "dictionary", "short-name", "metonym", "demonym",
    "agent-noun", "user-dictionary", "alias"...), so each merge is explainable.
    """

    text: str
    label: str
    type: ActorType
    start: int
    end: int
    country: str | None = None
    code: str | None = None
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    resolved_by: str | None = None

    def __post_init__(self) -> None:
        if not self.label.strip():
            raise ValueError("Mention.label must not be blank")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad Mention offsets {self.start}..{self.end}")
        if not isinstance(self.type, ActorType):
            object.__setattr__(self, "type", ActorType(self.type))

    @property
    def is_actor(self) -> bool:
        """True for actors, False for concept nodes (type Other)."""
        return self.type is not ActorType.OTHER

    def _repr_html_(self) -> str:
        """The mention as a small HTML card for notebooks (every text escaped).

        >>> m = Mention(text="<b>Hamas</b> leaders", label="Hamas", type="Group", start=0, end=19)
        >>> card = m._repr_html_()
        >>> "<b>Hamas</b>" in card, "&lt;b&gt;Hamas&lt;/b&gt; leaders" in card
        (False, True)
        """
        details = [("as written", self.text if self.text != self.label else None), ("country", self.country),
                   ("CAMEO", self.code), ("role", self.role), ("affiliation", self.affiliation),
                   ("aliases", ", ".join(self.aliases) or None), ("resolved by", self.resolved_by)]
        return (f'<span class="kg-mention"><strong>{_esc(self.label)}</strong> '
                f'<small>({_esc(self.type.value)})</small>{_details(details)}</span>')


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One actor mention in a document: a name, a description or a pronoun, and what it resolved to.

    ``text`` is as written at ``start``/``end`` in the document; ``mention`` is the
    resolved actor (its ``label``, ``type``, ``resolved_by``), or None for a pronoun
    no antecedent fits. ``kg extract --format mentions`` prints these.
    """

    doc_id: str
    text: str
    start: int
    end: int
    mention: Mention | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a relation was read: document, sentence and character offsets.

    ``start``/``end`` are the sentence's offsets in the document text.
    """

    doc_id: str
    sentence: str
    start: int
    end: int
    sentence_index: int = 0
    extractor: str = "kg"


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation between two mentions, reported in active voice.

    ``predicate`` is a lemma phrase ("urge", "meet with"); negation is the
    ``negated`` flag, never part of the predicate. ``event_code`` is the full
    CAMEO code where one applies; ``event_type`` its two-digit root.
    ``date_source`` says where ``date`` comes from: ``"text"`` (a date phrase
    of the event) or ``"published"`` (the text names no time, so the
    publication date stands in); None when there is no date. A date given
    without a source is a text date. ``date_start``/``date_end`` hold a span
    the text gives instead of a day ("between March and May": first and last
    day), ``date`` is then None and ``date_source`` ``"text"``.
    ``attributed_to`` is who said or reported it; in a nested report ("according to Axios,
    Sullivan said that ...") that is the innermost source (Sullivan) and ``reported_by`` the
    outermost one, who reports the report (Axios).

    >>> a = Mention(text="France", label="France", type="Country", start=0, end=6)
    >>> b = Mention(text="Russia", label="Russia", type="Country", start=17, end=23)
    >>> p = Provenance("d1", "France condemned Russia.", 0, 24)
    >>> Relation(a, "condemn", b, p, date=_dt.date(2024, 10, 11)).date_source
    'text'
    """

    subject: Mention
    predicate: str
    object: Mention
    provenance: Provenance
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    attributed_to: Mention | None = None
    event_code: str | None = None
    date: _dt.date | None = None
    confidence: float = 0.8
    predicate_text: str | None = None
    nominal: bool = False
    date_source: str | None = None
    reported_by: Mention | None = None
    date_start: _dt.date | None = None
    date_end: _dt.date | None = None

    @property
    def when(self) -> str:
        """The date as shown to people: the day, a publication-date fallback marked as such, or a span.

        >>> import datetime as dt
        >>> from kg.records import Mention, Provenance
        >>> m = Mention("Iran", "Iran", ActorType.COUNTRY, 0, 4)
        >>> p = Provenance("d", "Iran met Iraq.", 0, 14)
        >>> Relation(m, "meet", m, p, date=dt.date(2024, 5, 1), date_source="published").when
        '2024-05-01 (published)'
        """
        if self.date is not None:
            return self.date.isoformat() + (" (published)" if self.date_source == "published" else "")
        if self.date_start is not None and self.date_end is not None:
            return f"{self.date_start.isoformat()}..{self.date_end.isoformat()}"
        return ""

    def __post_init__(self) -> None:
        if not self.predicate.strip():
            raise ValueError("Relation.predicate must not be blank")
        if (self.date_start is None) != (self.date_end is None):
            raise ValueError("Relation.date_start and date_end go together")
        if self.date_start is not None and (self.date is not None or self.date_start > self.date_end):
            raise ValueError("Relation.date_start..date_end must be an ordered span, without a date")
        if self.date is None and self.date_start is None:
            if self.date_source is not None:
                raise ValueError("Relation.date_source needs a date")
        elif self.date_source is None:
            object.__setattr__(self, "date_source", "text")
        elif self.date_source not in DATE_SOURCES:
            raise ValueError(f"Relation.date_source must be one of {', '.join(DATE_SOURCES)}, got {self.date_source!r}")
        if not isinstance(self.modality, Modality):
            object.__setattr__(self, "modality", Modality(self.modality))
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError("Relation.confidence must be within 0..1")

    @property
    def event_type(self) -> str | None:
        """The CAMEO root code (two digits) or None."""
        return self.event_code[:2] if self.event_code else None

    def _repr_html_(self) -> str:
        """The relation as HTML for notebooks: who did what to whom, its flags and its sentence (escaped).

        >>> a = Mention(text="France", label="France", type="Country", start=0, end=6)
        >>> b = Mention(text="<Russia>", label="<Russia>", type="Country", start=17, end=25)
        >>> r = Relation(a, "condemn", b, Provenance("d1", "France condemned <Russia>.", 0, 26), negated=True)
        >>> out = r._repr_html_()
        >>> "<Russia>" in out, "&lt;Russia&gt;" in out, "<mark>not</mark>" in out
        (False, True, True)
        """
        flags = " ".join(f for f in ("not" if self.negated else "",
                                     "" if self.modality is Modality.ASSERTED else self.modality.value) if f)
        details = [("according to", self.attributed_to.label if self.attributed_to else None),
                   ("reported by", self.reported_by.label if self.reported_by else None),
                   ("date", self.when or None), ("CAMEO", self.event_code),
                   ("confidence", f"{self.confidence:.2f}"), ("document", self.provenance.doc_id)]
        return (f'<div class="kg-relation"><strong>{_esc(self.subject.label)}</strong> '
                f'&rarr; <em>{_esc(self.predicate)}</em>{f" <mark>{_esc(flags)}</mark>" if flags else ""} '
                f'&rarr; <strong>{_esc(self.object.label)}</strong>{_details(details)}'
                f'<blockquote style="margin:.2em 0 .2em 1em;color:#555">{_esc(self.provenance.sentence)}</blockquote>'
                '</div>')


def _esc(value: object) -> str:
    return _html.escape(str(value), quote=True)


def _details(pairs: list[tuple[str, str | None]]) -> str:
    shown = [f"{_esc(k)}: {_esc(v)}" for k, v in pairs if v]
    return f' <small style="color:#555">[{"; ".join(shown)}]</small>' if shown else ""
