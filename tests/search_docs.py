"""Hand-made documents whose actor names exercise search: initials, accents, aliases, look-alike prefixes."""

from __future__ import annotations

import datetime as dt

from kg.records import ActorType, Document, Mention, Provenance, Relation


def _m(text: str, phrase: str, label: str, kind: ActorType, **kw) -> Mention:
    i = text.index(phrase)
    return Mention(phrase, label, kind, i, i + len(phrase), **kw)


def search_documents() -> list[tuple[Document, list[Relation]]]:
    """"Unite union" has more events than "United Nations"; Jean-Noël Barrot has an alias."""
    out = []
    texts = [
        ("s-1", "Unite union criticised Northgate Mills.", "Unite union", ActorType.ORGANIZATION, {},
         "criticize", "Northgate Mills", ActorType.ORGANIZATION),
        ("s-2", "Unite union threatened Northgate Mills again.", "Unite union", ActorType.ORGANIZATION, {},
         "threaten", "Northgate Mills", ActorType.ORGANIZATION),
        ("s-3", "United Nations urged Northgate Mills to pay.", "United Nations", ActorType.ORGANIZATION, {},
         "urge", "Northgate Mills", ActorType.ORGANIZATION),
        ("s-4", "Jean-Noël Barrot met Northgate Mills.", "Jean-Noël Barrot", ActorType.PERSON,
         {"aliases": ("Jean Barrot",)}, "meet with", "Northgate Mills", ActorType.ORGANIZATION),
    ]
    for doc_id, text, agent, kind, extra, pred, patient, pkind in texts:
        phrase = agent
        out.append((
            Document(id=doc_id, text=text, title=f"Story {doc_id}", published=dt.date(2024, 5, 2)),
            [Relation(_m(text, phrase, agent, kind, **extra), pred, _m(text, patient, patient, pkind),
                      Provenance(doc_id, text, 0, len(text)))],
        ))
    return out
