"""The explorer's search box ranks with kg/search.py: initials, accents, aliases (a real ``kg serve``)."""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx
from search_docs import search_documents


def test_explorer_search_ranks_initials_accents_and_aliases(launch, tmp_path, helpers):
    server = launch(helpers.make_store(tmp_path / "store", search_documents()))

    def found(q: str) -> list[str]:
        html = httpx.get(server.url + "/?q=" + quote(q), headers={"Accept": "text/html"}).text
        return re.findall(r'<a class="actor" href="/actor/[^"]+">([^<]+)</a>', html)

    assert found("UN")[:2] == ["United Nations", "Unite union"]
    assert found("noel") == ["Jean-Noël Barrot"]
    assert found("Jean Barrot") == ["Jean-Noël Barrot"]
    assert found("unite")[0] == "Unite union"
    assert found("zzz") == []
