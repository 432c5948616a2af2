"""Notebook helpers: SPARQL answers as typed DataFrames, relation tables, the inline graph view.

Reached as ``kg.frame``, ``kg.relations_frame`` and ``kg.show``. pandas is
imported only when a DataFrame is asked for (``pip install 'newskg[notebook]'``);
the view needs nothing but kg: it is one self-contained page in an
``<iframe srcdoc>``, so it shows in Jupyter, JupyterLab and VS Code without a
server, a file or the network (the blank output of PyVis's ``show()`` cannot
happen).

>>> import kg
>>> from kg.rdf.store import Store
>>> df = kg.frame("SELECT (COUNT(*) AS ?n) WHERE { ?t kgo:goldstein ?g }", store=Store.memory())
>>> str(df["n"].dtype), int(df["n"][0]) > 0
('int64', True)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.config import VIZ_MAX_NODES
from kg.records import Document, Relation

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from kg.rdf.store import Store
    from kg.viz import View

__all__ = ["frame", "relations_frame", "show"]

_LABELS = """
SELECT ?x (SAMPLE(COALESCE(?l, ?pref, ?title)) AS ?label) WHERE {
  VALUES ?x { %s }
  OPTIONAL { ?x rdfs:label ?l } OPTIONAL { ?x skos:prefLabel ?pref } OPTIONAL { ?x dcterms:title ?title }
} GROUP BY ?x
"""
_CHUNK = 2000

RELATION_COLUMNS = (
    "doc", "subject", "predicate", "object", "negated", "modality", "attributed_to", "reported_by", "event_type",
    "event_code", "date", "date_source", "date_start", "date_end", "nominal", "confidence", "subject_type", "object_type", "subject_text", "object_text", "sentence",
)


def _pandas() -> Any:
    from kg.extras import require

    return require("pandas", "a DataFrame")


def frame(sparql: str, *, store: str | Path | Store = "kg-store", labels: bool = False) -> pd.DataFrame:
    """Run a SPARQL SELECT and get a pandas DataFrame with typed columns.

    Columns are typed as in :meth:`kg.QueryResult.to_frame`: dates as pandas
    datetimes, numbers numeric, booleans bool, IRIs as strings. With
    ``labels=True`` every column holding IRIs gets a ``<column>_label`` column
    beside it with their ``rdfs:label`` (else ``skos:prefLabel``, else a
    document's ``dcterms:title``; one more query), so IRIs and names stay
    separate.

    Args:
        sparql: the query; the prefixes of ``kg query`` (``kgo:``, ``rdfs:``, …) are predefined.
        store: an open :class:`~kg.rdf.store.Store` or a store directory.
        labels: add label columns for IRI columns.

    Raises:
        QueryError: the query does not parse or fails.
        StoreError: ``store`` is not a store.
        MissingExtraError: pandas is not installed (an ImportError naming ``newskg[notebook]``).

    >>> from kg.rdf.store import Store
    >>> q = "SELECT ?t ?g WHERE { ?t kgo:goldstein ?g ; skos:notation '190' }"
    >>> df = frame(q, store=Store.memory(), labels=True)
    >>> list(df.columns), str(df["g"].dtype), float(df["g"][0])
    (['t', 't_label', 'g'], 'float64', -10.0)
    """
    from kg.rdf.store import Store

    if isinstance(store, Store):
        return _frame(store, sparql, labels)
    with Store.open(store) as st:
        return _frame(st, sparql, labels)


def _frame(store: Store, sparql: str, labels: bool) -> pd.DataFrame:
    df = store.query(sparql).to_frame()
    if not labels or df.empty:
        return df
    for column in list(df.columns):
        values = df[column].dropna()
        if values.empty or not all(isinstance(v, str) and _is_iri(v) for v in values):
            continue
        names = _labels(store, sorted(set(values)))
        if names:
            df.insert(df.columns.get_loc(column) + 1, f"{column}_label", df[column].map(names))
    return df


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://", "urn:")) and not any(c in value for c in ' <>"{}|\\^`')


def _labels(store: Store, iris: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in range(0, len(iris), _CHUNK):
        chunk = " ".join(f"<{iri}>" for iri in iris[i:i + _CHUNK])
        for iri, label in store.query(_LABELS % chunk).rows:
            if label is not None:
                out[str(iri)] = str(label)
    return out


def relations_frame(relations: Iterable[Relation] | Iterable[tuple[Document, list[Relation]]]) -> pd.DataFrame:
    """A DataFrame of relations, one row each: who did what to whom, flags, attribution, date, sentence.

    Takes the list of :func:`kg.extract_text` or the ``(document, relations)``
    pairs of :func:`kg.extract`. ``date`` is a pandas datetime (NaT when the
    text fixes none); labels are the canonical names, ``*_text`` the words as written.

    >>> from kg.records import Mention, Provenance
    >>> a = Mention(text="Paris", label="France", type="Country", start=0, end=5)
    >>> b = Mention(text="Moscow", label="Russia", type="Country", start=16, end=22)
    >>> rel = Relation(a, "condemn", b, Provenance("d1", "Paris condemned Moscow.", 0, 23), event_code="111")
    >>> relations_frame([rel])[["subject", "predicate", "object", "event_type", "negated"]].values.tolist()
    [['France', 'condemn', 'Russia', '11', False]]
    """
    pd = _pandas()
    rows = []
    for item in relations:
        for rel in (item[1] if isinstance(item, tuple) else (item,)):
            rows.append({
                "doc": rel.provenance.doc_id, "subject": rel.subject.label, "predicate": rel.predicate,
                "object": rel.object.label, "negated": rel.negated, "modality": rel.modality.value,
                "attributed_to": rel.attributed_to.label if rel.attributed_to else None,
                "reported_by": rel.reported_by.label if rel.reported_by else None,
                "event_type": rel.event_type, "event_code": rel.event_code, "date": rel.date,
                "date_source": rel.date_source, "date_start": rel.date_start, "date_end": rel.date_end,
                "nominal": rel.nominal,
                "confidence": rel.confidence, "subject_type": rel.subject.type.value,
                "object_type": rel.object.type.value, "subject_text": rel.subject.text,
                "object_text": rel.object.text, "sentence": rel.provenance.sentence,
            })
    df = pd.DataFrame(rows, columns=list(RELATION_COLUMNS))
    for column in ("date", "date_start", "date_end"):
        df[column] = pd.to_datetime(df[column])
    df["negated"] = df["negated"].astype(bool)
    df["confidence"] = df["confidence"].astype(float)
    return df


def show(
    source: str | Path | Store | nx.Graph,
    *,
    title: str = "newskg graph",
    max_nodes: int | None = VIZ_MAX_NODES,
    rank_by: str | Mapping[Hashable, float] = "pagerank",
    focus: Hashable | None = None,
    depth: int = 1,
    physics: bool = False,
    height: int = 640,
    **filters: Any,
) -> View:
    """The interactive graph, inline in a notebook: a store's actor graph, or any NetworkX graph.

    With a store (open, or a directory) the graph is
    :func:`kg.analytics.actor_graph` with ``filters`` (``start``, ``end``,
    ``actors``, ``documents``, ``event_types``, ``quad_classes``,
    ``include_negated``, ``modalities``, ``concepts``, …). The other options are
    those of :func:`kg.viz.render_html`. Display the result (last line of a
    cell) or ``.save("graph.html")``: it is one offline page in an
    ``<iframe srcdoc>``, with no request to a server or the network.

    Raises:
        VizError: ``focus`` matches no node, or an option cannot work.
        TypeError: ``filters`` given with a graph.

    >>> import networkx as nx
    >>> v = show(nx.path_graph(["Qatar", "Egypt"]), height=300)
    >>> v._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;'), "height:300px" in v._repr_html_()
    (True, True)
    """
    from kg.rdf.store import Store
    from kg.viz import view

    options = {"title": title, "max_nodes": max_nodes, "rank_by": rank_by, "focus": focus, "depth": depth,
               "physics": physics, "height": height}
    if isinstance(source, Store):
        from kg.analytics import actor_graph

        return view(actor_graph(source, **filters), **options)
    if isinstance(source, (str, Path)):
        with Store.open(source) as st:
            return show(st, **options, **filters)
    if filters:
        raise TypeError(f"show() takes graph filters only with a store, got {', '.join(sorted(filters))}")
    return view(source, **options)
