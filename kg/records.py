"""The records that flow between stages: frozen, slotted, validated dataclasses.

Extraction turns spaCy objects into these and nothing later sees spaCy. Every
relation carries its :class:`Provenance` (document, sentence, character offsets).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ActorType",
    "Modality",
    "Document",
    "Mention",
    "Provenance",
    "Relation",
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


@dataclass(frozen=True, slots=True)
class Document:
    """One input text with its metadata.

    ``id`` is the id given by the input or a content hash of the text.
    ``source`` says where it came from (a path, ``<stdin>``, ``file.jsonl:12``).

    >>> Document(id="d1", text="France condemned Russia.").title is None
    True
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: _dt.date | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError("Document.id must be a non-empty string")
        if not isinstance(self.text, str):
            raise ValueError("Document.text must be a string")


@dataclass(frozen=True, slots=True)
class Mention:
    """An argument of a relation: an actor mention or a concept phrase.

    ``text`` is the phrase as written, ``label`` the canonical name it resolves to
    (within the document, or from a dictionary). ``start``/``end`` are character
    offsets of ``text`` in the document. ``affiliation`` is the canonical name of
    the country or organisation the actor belongs to, ``role`` its title.
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

    def __post_init__(self) -> None:
        if not self.predicate.strip():
            raise ValueError("Relation.predicate must not be blank")
        if not isinstance(self.modality, Modality):
            object.__setattr__(self, "modality", Modality(self.modality))
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError("Relation.confidence must be within 0..1")

    @property
    def event_type(self) -> str | None:
        """The CAMEO root code (two digits) or None."""
        return self.event_code[:2] if self.event_code else None
