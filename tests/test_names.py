"""A name is a name: pronouns and descriptions are mentions (kgo:Resolution), never labels."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.analytics import find_actor
from kg.errors import ActorNotFound
from kg.names import is_name, is_pronoun
from kg.rdf import iris
from kg.rdf.convert import document_quads, mention_iri, to_graph
from kg.rdf.namespaces import KGO
from kg.records import ActorType, Document, Mention, Provenance, Relation


@pytest.mark.parametrize("text", ["Olga Petrenko", "the Kremlin", "U.N.", "G20", "Khalid al-Rashidi",
                                  "Ursula von der Leyen", "Zürich", "the Netherlands", "Bank of Portugal"])
def test_names_are_names(text):
    assert is_name(text)


@pytest.mark.parametrize("text", ["he", "She", "it", "them", "both sides", "Both Sides", "the two sides",
                                  "the company", "the minister", "Its trade ministry", "Their envoy",
                                  "Norway's envoy", "Danish officials", "union leaders in Oslo", "gunmen", "",
                                  "  ", "\"he\""])
def test_pronouns_and_descriptions_are_not_names(text):
    assert not is_name(text)


def test_acronyms_are_not_pronouns():
    assert is_pronoun("he") and is_pronoun(" They ") and not is_pronoun("US") and not is_pronoun("IT")


DOC = Document(id="n1", text="Olga Petrenko met Norway. She thanked both sides. The company said it would go.")


def _m(text, label, start, kind=ActorType.PERSON, rule=None, aliases=()):
    return Mention(text=text, label=label, type=kind, start=start, end=start + len(text), resolved_by=rule,
                   aliases=aliases)


def _graph():
    p1 = Provenance("n1", "Olga Petrenko met Norway.", 0, 25)
    p2 = Provenance("n1", "She thanked both sides.", 26, 49)
    norway = _m("Norway", "Norway", 18, ActorType.COUNTRY, "dictionary")
    rels = [
        Relation(_m("Olga Petrenko", "Olga Petrenko", 0, aliases=("Petrenko", "she", "the minister")), "meet",
                 norway, p1),
        Relation(_m("She", "Olga Petrenko", 26, rule="coref"), "thank",
                 _m("both sides", "Norway", 38, ActorType.COUNTRY, "coref"), p2),
        Relation(_m("The company", "Fjord Lines", 50, ActorType.ORGANIZATION, "coref"), "say", norway, p2),
    ]
    return to_graph(document_quads(DOC, rels))


def test_labels_and_aliases_hold_names_only():
    g = _graph()
    names = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in g.objects(None, p)}
    assert {"Olga Petrenko", "Petrenko", "Norway", "Fjord Lines"} <= names
    assert not names & {"She", "she", "both sides", "The company", "the minister"}


def test_pronouns_and_descriptions_are_kept_as_mentions_with_offsets():
    g = _graph()
    notes = {(str(g.value(n, KGO.resolvedText)), g.value(n, KGO.start).toPython(), g.value(n, KGO.end).toPython(),
              g.value(n, KGO.resolvedActor))
             for n in g.subjects(RDF.type, KGO.Resolution)}
    norway = URIRef(iris.actor_iri("Norway"))
    assert ("She", 26, 29, URIRef(iris.actor_iri("Olga Petrenko"))) in notes
    assert ("both sides", 38, 48, norway) in notes
    assert ("Norway", 18, 24, norway) in notes
    assert ("The company", 50, 61, URIRef(mention_iri(_m("x", "Fjord Lines", 0, ActorType.ORGANIZATION)))) in notes


def test_an_unnamed_actor_keeps_its_descriptive_label_but_gets_no_other_names():
    m = _m("Masked gunmen", "gunmen", 0, ActorType.GROUP, aliases=("Gunmen", "armed men"))
    rel = Relation(m, "attack", _m("Norway", "Norway", 20, ActorType.COUNTRY), Provenance("n1", "x", 0, 1))
    g = to_graph(document_quads(DOC, [rel]))
    node = URIRef(mention_iri(m))
    assert [str(o) for o in g.objects(node, RDFS.label)] == ["gunmen"]
    assert list(g.objects(node, SKOS.altLabel)) == []


def test_find_actor_refuses_a_pronoun_with_a_message():
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("u:1", label="Helena Stavros", aliases=("he",))
    with pytest.raises(ActorNotFound, match="'he' is a pronoun, not a name"):
        find_actor(G, "he")
    assert find_actor(G, "Helena") == "u:1"
