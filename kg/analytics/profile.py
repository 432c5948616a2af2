"""Everything the store says about one actor: names, roles, and its events with their sentences."""

from __future__ import annotations

import html
from dataclasses import dataclass

from kg.analytics.measures import TimelineEntry, timeline
from kg.analytics.projection import actor_graph, node_attributes, resolve_actor
from kg.words import counted
from kg.rdf.store import Store

__all__ = ["ActorProfile", "actor_profile"]


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """One actor: identity, aliases, roles, affiliations, and every event as agent and as patient.

    The events include negated and non-asserted ones (see each entry's
    ``negated`` and ``modality``), oldest first.
    """

    node: str
    label: str
    type: str
    country: str | None
    code: str | None
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    affiliations: tuple[str, ...]
    as_agent: tuple[TimelineEntry, ...]
    as_patient: tuple[TimelineEntry, ...]

    def _repr_html_(self) -> str:
        """The profile as HTML for notebooks: identity, then the events as agent and as patient (escaped).

        >>> p = ActorProfile("x", "<Hamas>", "Group", None, None, ("movement",), (), (), (), ())
        >>> out = p._repr_html_()
        >>> "<Hamas>" in out, "&lt;Hamas&gt;" in out
        (False, True)
        """
        def esc(value: object) -> str:
            return html.escape("" if value is None else str(value), quote=True)

        facts = [("type", self.type), ("country", self.country), ("CAMEO", self.code),
                 ("aliases", ", ".join(self.aliases)), ("roles", ", ".join(self.roles)),
                 ("affiliations", ", ".join(self.affiliations))]
        head = "; ".join(f"{k}: {esc(v)}" for k, v in facts if v)
        parts = [f'<div class="kg-profile"><h4 style="margin:.3em 0">{esc(self.label)}</h4>'
                 f"<div><small>{head}</small></div>"]
        for title, entries in (("as agent", self.as_agent), ("as patient", self.as_patient)):
            rows = "".join(
                f"<tr><td>{esc(e.date)}</td><td>{esc(e.relation)}</td><td>{esc(e.other_label)}</td>"
                f"<td>{esc(' '.join(f for f in ('not' if e.negated else '', '' if e.modality == 'asserted' else e.modality) if f))}</td>"
                f"<td>{esc(e.sentence)}</td></tr>" for e in entries[:100])
            parts.append(f"<details open><summary>{counted(len(entries), 'event')} {title}</summary>"
                         f"<table><thead><tr><th>date</th><th>relation</th><th>other</th><th>flags</th><th>sentence</th>"
                         f"</tr></thead><tbody>{rows}</tbody></table></details>")
        return "".join(parts) + "</div>"


def actor_profile(store: Store, name: str) -> ActorProfile:
    """The profile of the actor best matching ``name`` (a label, an alias or an IRI).

    Three or four queries whatever the number of events.

    Raises:
        ActorNotFound: nothing matches ``name``.
    """
    node = resolve_actor(store, name)
    G = actor_graph(store, actors=[node], concepts=True, include_negated=True, modalities=None, aggregate=False)
    attrs = dict(G.nodes[node]) if node in G else node_attributes(store, [node]).get(node, {})
    affiliations = attrs.get("affiliations", ())
    named = node_attributes(store, affiliations) if affiliations else {}
    entries = timeline(G, node) if node in G else []
    return ActorProfile(
        node=node,
        label=str(attrs.get("label", node)),
        type=str(attrs.get("type", "Other")),
        country=attrs.get("country"),
        code=attrs.get("code"),
        aliases=tuple(attrs.get("aliases", ())),
        roles=tuple(attrs.get("roles", ())),
        affiliations=tuple(sorted(named.get(a, {}).get("label", a) for a in affiliations)),
        as_agent=tuple(e for e in entries if e.role == "agent"),
        as_patient=tuple(e for e in entries if e.role == "patient" and e.other != node),
    )
