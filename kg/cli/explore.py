"""``kg analyze``, ``kg path``, ``kg actor``, ``kg viz`` and ``kg export-graph``: thin wrappers over
:mod:`kg.analytics` and :mod:`kg.viz`.

Every command projects the store with the same filters (time window, documents,
event types, quad classes, actors, negated and non-asserted events). Heavy
imports happen inside the commands so ``kg --help`` stays fast. Text from
articles is printed with control characters replaced, so it cannot drive the
terminal.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kg.config import DEFAULT_STORE, VIZ_MAX_NODES
from kg.cli.terminal import clean, print_table
from kg.words import counted

if TYPE_CHECKING:
    import networkx as nx

    from kg.rdf.store import Store

__all__ = ["actor_cli", "analyze_cli", "export_graph_cli", "path_cli", "register", "viz_cli"]


class RankBy(StrEnum):
    pagerank = "pagerank"
    degree = "degree"
    betweenness = "betweenness"


class GraphKind(StrEnum):
    actors = "actors"
    full = "full"
    countries = "countries"


_Store = Annotated[Path, typer.Option("--store", "-s", help="Store directory.", envvar="KG_STORE")]
_Kind = Annotated[GraphKind, typer.Option("--graph", "-g", help="actors; full (with concepts and affiliations); "
                                                                 "countries (actors rolled up by country, GDELT-style).")]
_Since = Annotated[str | None, typer.Option("--since", help="Keep events dated on or after YYYY-MM-DD.")]
_Until = Annotated[str | None, typer.Option("--until", help="Keep events dated on or before YYYY-MM-DD.")]
_Doc = Annotated[list[str] | None, typer.Option("--doc", help="Keep events of this document id (repeat).")]
_Type = Annotated[list[str] | None, typer.Option("--event-type", help="Keep CAMEO codes starting so, e.g. 19 (repeat).")]
_Quad = Annotated[list[int] | None, typer.Option("--quad-class", help="Keep quad class 1-4 (repeat).")]
_Actor = Annotated[list[str] | None, typer.Option("--actor", help="Keep events of this actor (repeat).")]
_Negated = Annotated[bool, typer.Option("--include-negated", help="Also keep negated events.")]
_Modality = Annotated[list[str] | None, typer.Option(
    "--modality", help="Keep this modality: asserted (default), hypothetical, planned, reported, or all (repeat).")]
_Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]

def _clean(value: Any) -> str:
    return clean(value)


def _table(header: tuple[str, ...], rows: list[tuple]) -> None:
    print_table(header, rows, max_width=48)


def _modalities(modality: list[str] | None) -> tuple[str, ...] | None:
    """The --modality values as the analytics filters take them: asserted by default, None for all."""
    return None if modality and "all" in modality else tuple(modality) if modality else ("asserted",)


def _note_empty_window(store: Store, since: str | None, until: str | None) -> None:
    """Say why a --since/--until window kept nothing (the dates the store's events span)."""
    if since or until:
        from kg.analytics import date_span

        typer.echo(f"kg: note: {date_span(store).explain(since, until)}", err=True)


def _project(store: Store, kind: GraphKind, *, since, until, docs, types, quads, actors, negated, modality,
             per_event: bool = False) -> nx.MultiDiGraph:
    from kg.analytics import actor_graph, country_graph, country_labels

    modalities = _modalities(modality)
    G = actor_graph(store, start=since, end=until, documents=docs, event_types=types, quad_classes=quads,
                    actors=actors, include_negated=negated, modalities=modalities,
                    concepts=kind is GraphKind.full, affiliations=kind is GraphKind.full, aggregate=not per_event)
    if not G.number_of_edges():
        _note_empty_window(store, since, until)
    if kind is GraphKind.countries:
        from kg.dictionaries import country_names

        return country_graph(G, names={**country_names(), **country_labels(store)})
    return G


def _evidence_line(ev: Any) -> str:
    where = " · ".join(_clean(x) for x in (ev.date, ev.title or ev.doc_id) if x)
    flags = ", ".join(f for f in ("negated" if ev.negated else "", "" if ev.modality == "asserted" else ev.modality) if f)
    return f"      {where}{' (' + flags + ')' if flags else ''}: “{_clean(ev.sentence)}”"


def analyze_cli(
    store: _Store = DEFAULT_STORE,
    top: Annotated[int, typer.Option(help="How many actors, communities and dyads to list.")] = 10,
    measure: Annotated[RankBy, typer.Option(help="Centrality that ranks the actors.")] = RankBy.pagerank,
    graph: _Kind = GraphKind.actors,
    since: _Since = None, until: _Until = None, doc: _Doc = None, event_type: _Type = None,
    quad_class: _Quad = None, actor: _Actor = None, include_negated: _Negated = False, modality: _Modality = None,
    as_json: _Json = False,
) -> None:
    """Top actors, communities and the strongest dyads (with their cooperation/conflict balance).

    Example: kg analyze --top 5 --since 2024-10-01 --graph countries
    """
    from kg.analytics import communities, dyads, top_actors
    from kg.rdf.store import Store

    with Store.open(store) as st:
        G = _project(st, graph, since=since, until=until, docs=doc, types=event_type, quads=quad_class,
                     actors=actor, negated=include_negated, modality=modality)
    ranked = top_actors(G, top, measure=measure.value)
    groups = communities(G)[:top]
    score = {r.node: r.score for r in top_actors(G, G.number_of_nodes(), measure=measure.value)}
    pairs = dyads(G)[:top]
    label = lambda n: G.nodes[n].get("label", n)
    if as_json:
        typer.echo(json.dumps({
            "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
            "events": sum(d.get("count", 1) for *_, d in G.edges(data=True)),
            "top_actors": [{"iri": r.node, "label": r.label, "type": r.type, "score": r.score, "events": r.events}
                           for r in ranked],
            "communities": [sorted((label(n) for n in c), key=str) for c in groups],
            "dyads": [{"source": label(d.source), "target": label(d.target), "events": d.count,
                       "goldstein": d.goldstein, "cooperation": d.cooperation, "conflict": d.conflict} for d in pairs],
        }, indent=2, ensure_ascii=False))
        return
    typer.echo(f"{counted(G.number_of_nodes(), 'actor')}, {counted(G.number_of_edges(), 'relation')}, "
               f"{counted(sum(d.get('count', 1) for *_, d in G.edges(data=True)), 'event')}\n")
    typer.echo(f"top actors by {measure.value}:")
    _table(("#", "actor", "type", "country", "score", "events"),
           [(i, r.label, r.type, G.nodes[r.node].get("country"), f"{r.score:.4f}", r.events)
            for i, r in enumerate(ranked, 1)])
    typer.echo("\ncommunities (Louvain):")
    for i, c in enumerate(groups, 1):
        members = sorted(c, key=lambda n: -score.get(n, 0.0))
        shown = ", ".join(_clean(label(n)) for n in members[:8])
        typer.echo(f"  {i}. {counted(len(c), 'actor')}: {shown}{', …' if len(c) > 8 else ''}")
    typer.echo("\nstrongest dyads (Goldstein sum: + cooperation, − conflict):")
    _table(("agent", "patient", "events", "goldstein", "coop", "conflict", "relations"),
           [(label(d.source), label(d.target), d.count, f"{d.goldstein:+.1f}", d.cooperation, d.conflict,
             ", ".join(d.relations)) for d in pairs])


def path_cli(
    source: Annotated[str, typer.Argument(help="An actor name, alias or IRI.")],
    target: Annotated[str, typer.Argument(help="Another actor.")],
    store: _Store = DEFAULT_STORE,
    directed: Annotated[bool, typer.Option("--directed", help="Follow agent → patient only.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many shortest paths.")] = 3,
    graph: _Kind = GraphKind.actors,
    since: _Since = None, until: _Until = None, doc: _Doc = None, event_type: _Type = None,
    quad_class: _Quad = None, include_negated: _Negated = False, modality: _Modality = None,
) -> None:
    """The shortest paths between two actors, with the events along them.

    Example: kg path Hezbollah "Benjamin Netanyahu"
    """
    from kg.analytics import resolve_actor, shortest_paths
    from kg.errors import GraphError
    from kg.rdf.store import Store

    with Store.open(store) as st:
        a, b = resolve_actor(st, source), resolve_actor(st, target)
        if graph is GraphKind.countries:
            raise GraphError("paths run between actors: use --graph actors or full")
        G = _project(st, graph, since=since, until=until, docs=doc, types=event_type, quads=quad_class,
                     actors=None, negated=include_negated, modality=modality)
    paths = shortest_paths(G, a, b, directed=directed, limit=limit)
    label = lambda n: _clean(G.nodes[n].get("label", n))
    if not paths:
        typer.echo(f"no path between {label(a)} and {label(b)}")
        return
    for i, path in enumerate(paths, 1):
        typer.echo(f"{i}. {' — '.join(label(n) for n in path.nodes)}  ({counted(len(path), 'step')})")
        for step in path.steps:
            for e in step.edges:
                typer.echo(f"    {label(e.agent)} —{_clean(e.relation)}→ {label(e.patient)} "
                           f"({counted(e.count, 'event')})")
                for ev in e.evidence[:3]:
                    typer.echo(_evidence_line(ev))


def actor_cli(
    name: Annotated[str, typer.Argument(help="An actor name, alias or IRI.")],
    store: _Store = DEFAULT_STORE,
    limit: Annotated[int, typer.Option(help="At most this many events per role.")] = 50,
    as_json: _Json = False,
) -> None:
    """Everything about one actor: names, roles, and its events as agent and as patient with their sentences.

    Example: kg actor Netanyahu
    """
    from dataclasses import asdict

    from kg.analytics import actor_profile
    from kg.rdf.store import Store

    with Store.open(store) as st:
        p = actor_profile(st, name)
    if as_json:
        typer.echo(json.dumps(asdict(p), indent=2, ensure_ascii=False, default=str))
        return
    typer.echo(f"{_clean(p.label)}  ({p.type}{', ' + _clean(p.country) if p.country else ''})")
    typer.echo(f"  iri:          {p.node}")
    for key, values in (("aliases", p.aliases), ("roles", p.roles), ("affiliated", p.affiliations),
                        ("CAMEO code", (p.code,) if p.code else ())):
        if values:
            typer.echo(f"  {key + ':':<13} {'; '.join(_clean(v) for v in values)}")
    for title, entries in (("as agent", p.as_agent), ("as patient", p.as_patient)):
        typer.echo(f"\n{title} ({counted(len(entries), 'event')}):")
        for e in entries[:limit]:
            flags = ", ".join(f for f in ("negated" if e.negated else "", "" if e.modality == "asserted" else e.modality,
                                          e.code and f"CAMEO {e.code}") if f)
            arrow = f"—{_clean(e.relation)}→ {_clean(e.other_label)}" if e.role == "agent" \
                else f"← {_clean(e.relation)}— {_clean(e.other_label)}"
            typer.echo(f"  {e.date or '????-??-??'}  {arrow}{'  [' + flags + ']' if flags else ''}")
            typer.echo(f"      {_clean(e.title)}: “{_clean(e.sentence)}”")
        if len(entries) > limit:
            typer.echo(f"  … {len(entries) - limit} more (--limit)")


def viz_cli(
    out: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("graph.html"),
    store: _Store = DEFAULT_STORE,
    title: Annotated[str | None, typer.Option(help="Page title.")] = None,
    max_nodes: Annotated[int, typer.Option("--max-nodes", help="Above this, keep the most central actors (0: all).")] = VIZ_MAX_NODES,
    rank_by: Annotated[RankBy, typer.Option("--rank-by", help="Centrality for node size and the --max-nodes cut.")] = RankBy.pagerank,
    focus: Annotated[str | None, typer.Option(help="Draw the ego network of this actor.")] = None,
    depth: Annotated[int, typer.Option(help="Hops around --focus.")] = 1,
    physics: Annotated[bool, typer.Option("--physics", help="Let nodes move after the layout (settling capped).")] = False,
    graph: _Kind = GraphKind.actors,
    since: _Since = None, until: _Until = None, doc: _Doc = None, event_type: _Type = None,
    quad_class: _Quad = None, actor: _Actor = None, include_negated: _Negated = False, modality: _Modality = None,
) -> None:
    """Write an interactive, offline HTML view of the graph (search, filters, evidence on hover).

    Example: kg viz -o graph.html --focus Netanyahu --depth 2
    """
    import networkx as nx

    from kg.analytics import resolve_actor
    from kg.rdf.store import Store
    from kg.viz import write_html

    with Store.open(store) as st:
        G = _project(st, graph, since=since, until=until, docs=doc, types=event_type, quads=quad_class,
                     actors=actor, negated=include_negated, modality=modality)
        center = None
        if focus is not None:
            center = focus if graph is GraphKind.countries else resolve_actor(st, focus)
        hidden = [] if graph is GraphKind.countries else _not_drawn(
            st, G, since=since, until=until, doc=doc, event_type=event_type, quad_class=quad_class, actor=actor,
            include_negated=include_negated, modality=modality)
    if center is not None and center not in G:
        from kg.errors import ActorNotFound

        raise ActorNotFound(f"{focus!r} has no events in this graph (check the filters)")
    page_title = title or f"newskg: {Path(store).name}" + (f" around {focus}" if focus else "")
    write_html(G, out, title=page_title, max_nodes=max_nodes or None, rank_by=rank_by.value, focus=center,
               depth=depth, physics=physics, hidden=hidden)
    drawn = G.number_of_nodes() if center is None else len(nx.ego_graph(G, center, radius=depth, undirected=True))
    shown = min(drawn, max_nodes or drawn)
    typer.echo(f"wrote {out} ({shown:,} of {counted(G.number_of_nodes(), 'actor')}{' around ' + _clean(focus) if focus else ''})")


def _not_drawn(store: Store, G: nx.MultiDiGraph, **given: Any) -> list[tuple[str, tuple[str, ...], str]]:
    """(label, aliases, why) of the store's actors the projection left out, for the page's search."""
    from kg.analytics import actor_candidates
    from kg.rdf import iris

    options = {"since": "--since", "until": "--until", "doc": "--doc", "event_type": "--event-type",
               "quad_class": "--quad-class", "actor": "--actor", "modality": "--modality"}
    used = [flag for key, flag in options.items() if given.get(key)]
    why = (f"none of its events passes {', '.join(used)}; run kg viz without {'it' if len(used) == 1 else 'them'}"
           if used else "it has no asserted, non-negated event with another actor; try --modality all "
           "--include-negated, or kg actor NAME")
    concept = "it is a concept, drawn with --graph full only"
    kgo_concept = G.graph.get("kind") != "full"
    out = []
    for iri, (label, aliases) in actor_candidates(store).items():
        if iri in G:
            continue
        node = iris.node_of(iri, base=store.base_iri)
        is_concept = node is not None and node[0] == "concept"
        out.append((label, aliases, concept if is_concept and kgo_concept else why))
    return out


def export_graph_cli(
    out: Annotated[Path, typer.Option("--output", "-o", help="File to write; format by suffix: .gexf .graphml .csv .ftm (or a folder with --format neo4j)")],
    store: _Store = DEFAULT_STORE,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="gexf, graphml, csv, neo4j (neo4j-admin import CSVs), ftm (FollowTheMoney NDJSON), gdelt (one row per event, GDELT 2.0 event columns, header CSV) or gdelt-tsv (GDELT's headerless tab-separated layout); default: by suffix.")] = None,
    graph: _Kind = GraphKind.actors,
    per_event: Annotated[bool, typer.Option("--per-event", help="One edge per event instead of per relation.")] = False,
    since: _Since = None, until: _Until = None, doc: _Doc = None, event_type: _Type = None,
    quad_class: _Quad = None, actor: _Actor = None, include_negated: _Negated = False, modality: _Modality = None,
) -> None:
    """Write the actor graph for Gephi, Cytoscape, Neo4j or FollowTheMoney tools.

    Example: kg export-graph -o actors.gexf   (a .csv path writes X.nodes.csv and X.edges.csv;
    --format neo4j -o DIR writes DIR/nodes.csv and DIR/relationships.csv;
    --format gdelt -o events.csv writes GDELT-style event rows)
    """
    from kg.analytics import GraphFormat, export_graph
    from kg.errors import GraphError
    from kg.dictionaries import iso2_codes
    from kg.rdf.store import Store

    if fmt is not None and fmt.lower() in ("gdelt", "gdelt-tsv"):
        if graph is not GraphKind.actors or per_event:
            raise GraphError(f"--format {fmt.lower()} writes one row per event between two actors: "
                             "drop --graph and --per-event")
        _export_gdelt(out, store, tsv=fmt.lower() == "gdelt-tsv", since=since, until=until, doc=doc,
                      event_type=event_type, quad_class=quad_class, actor=actor, include_negated=include_negated,
                      modality=modality)
        return
    if fmt is None:
        chosen = GraphFormat.from_path(out)
    else:
        try:
            chosen = GraphFormat(fmt.lower())
        except ValueError:
            raise GraphError(f"--format {fmt!r}: use one of {', '.join(f.value for f in GraphFormat)}") from None
    with Store.open(store) as st:
        G = _project(st, graph, since=since, until=until, docs=doc, types=event_type, quads=quad_class,
                     actors=actor, negated=include_negated, modality=modality, per_event=per_event)
    try:
        written = export_graph(G, out, chosen, countries=iso2_codes())
    except OSError as exc:
        from kg.errors import KgError

        raise KgError(f"{out}: cannot write: {exc.strerror or exc}") from exc
    typer.echo(f"wrote {', '.join(map(str, written))} ({counted(G.number_of_nodes(), 'node')}, {counted(G.number_of_edges(), 'edge')})")
    if chosen is GraphFormat.NEO4J:
        typer.echo(f"load with: neo4j-admin database import full --nodes={written[0]} "
                   f"--relationships={written[1]} neo4j")


def _export_gdelt(out: Path, store: Path, *, tsv: bool, since, until, doc, event_type, quad_class, actor,
                  include_negated: bool, modality) -> None:
    """``kg export-graph --format gdelt|gdelt-tsv``: the events as GDELT 2.0 event rows."""
    from kg.analytics import gdelt_events, write_gdelt
    from kg.dictionaries import country_names
    from kg.errors import GraphError, KgError
    from kg.rdf.store import Store

    if tsv and include_negated:
        raise GraphError("--format gdelt-tsv has no negation column, so a negated event would read as one that "
                         "happened: use --format gdelt (a header CSV with kg_negated) to include negated events")
    modalities = _modalities(modality)
    with Store.open(store) as st:
        events = gdelt_events(st, start=since, end=until, documents=doc, event_types=event_type,
                              quad_classes=quad_class, actors=actor, include_negated=include_negated,
                              modalities=modalities, coded_only=False, countries=country_names())
        if not events:
            _note_empty_window(st, since, until)
    coded = [e for e in events if e.code]
    try:
        written = write_gdelt(coded, out, tsv=tsv)
    except OSError as exc:
        raise KgError(f"{out}: cannot write: {exc.strerror or exc}") from exc
    uncoded = len(events) - len(coded)
    left_out = f"; {counted(uncoded, 'event')} without a CAMEO code left out" if uncoded else ""
    typer.echo(f"wrote {out} ({counted(written, 'event')}{left_out})")


def register(app: typer.Typer) -> None:
    """Add the explore commands to the ``kg`` command."""
    app.command("analyze")(analyze_cli)
    app.command("path")(path_cli)
    app.command("actor")(actor_cli)
    app.command("viz")(viz_cli)
    app.command("export-graph")(export_graph_cli)
    app.command("graph-export", hidden=True)(export_graph_cli)
