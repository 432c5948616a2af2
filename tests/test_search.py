"""One ranking for finding actors (kg/search.py) in the library, the CLI, the explorer and the viz page."""

from __future__ import annotations

import pytest
from search_docs import search_documents

from kg.analytics import find_actors, resolve_actor
from kg.cli import main
from kg.rdf.convert import document_quads
from kg.rdf.store import Store
from kg.search import fold, match_tier, rank

CANDIDATES = [
    ("unite", "Unite union", (), 9),
    ("un", "United Nations", (), 2),
    ("us", "United States", ("US", "America"), 20),
    ("barrot", "Jean-Noël Barrot", ("Barrot",), 1),
    ("eu", "European Union", (), 4),
    ("cma", "Competition and Markets Authority", ("CMA",), 1),
]


@pytest.mark.parametrize("query, first", [
    ("UN", "un"),              # initials beat a label that starts with "un"
    ("un", "un"),
    ("noel", "barrot"),         # accents ignored, word start
    ("NOËL", "barrot"),
    ("jean noel", "barrot"),
    ("america", "us"),          # aliases are searchable
    ("EU", "eu"),
    ("cma", "cma"),             # an alias beats initials
    ("Unite", "unite"),         # an exact word start beats "United …"
    ("united n", "un"),
])
def test_rank_puts_the_expected_actor_first(query, first):
    assert rank(query, CANDIDATES)[0] == first


def test_rank_tiers_and_ties():
    assert match_tier("Jean-Noël Barrot", "Jean-Noel Barrot") == 0
    assert match_tier("barrot", "Jean-Noël Barrot", ("Barrot",)) == 1
    assert match_tier("un", "United Nations") == 2
    assert match_tier("unite", "Unite union") == 3
    assert match_tier("isr", "Israel") == 4
    assert match_tier("noel", "Jean-Noël Barrot") == 5
    assert match_tier("oel", "Jean-Noël Barrot") == 6
    assert match_tier("xyz", "Jean-Noël Barrot") is None and match_tier("  ", "A") is None
    assert rank("united", CANDIDATES) == ["us", "un"]  # same tier: more events first
    assert fold("Ça—va, Škoda!") == "ca va skoda"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "store"
    with Store.create(path) as st:
        st.add_documents([list(document_quads(d, rels)) for d, rels in search_documents()])
    return path


def test_store_and_graph_search_use_the_same_ranking(store_dir):
    from kg.analytics import actor_graph

    with Store.open(store_dir) as st:
        un = resolve_actor(st, "UN")
        assert st.label_of(un) == "United Nations"
        assert st.label_of(resolve_actor(st, "noel")) == "Jean-Noël Barrot"
        assert st.label_of(resolve_actor(st, "jean barrot")) == "Jean-Noël Barrot"
        G = actor_graph(st)
    assert G.nodes[find_actors(G, "UN")[0]]["label"] == "United Nations"
    assert G.nodes[find_actors(G, "unite")[0]]["label"] == "Unite union"
    assert G.nodes[find_actors(G, "NOEL")[0]]["label"] == "Jean-Noël Barrot"


def test_cli_actor_finds_by_initials_and_without_accents(capsys, store_dir):
    assert main(["actor", "UN", "--store", str(store_dir)]) == 0
    assert capsys.readouterr().out.startswith("United Nations")
    assert main(["actor", "noel", "--store", str(store_dir)]) == 0
    assert capsys.readouterr().out.startswith("Jean-Noël Barrot")
