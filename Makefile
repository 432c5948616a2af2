# One command each: `make demo` sets up and builds the sample corpus; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg

.PHONY: install demo test clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[all]'
	$(PY) -m pip check
	touch $@

install: $(VENV)/.installed

demo: install
	rm -rf demo-store
	$(KG) build examples/articles.jsonl --store demo-store
	$(KG) stats --store demo-store
	$(KG) query --store demo-store -f examples/who_did_what.rq
	@echo "Graph in demo-store/ ; try: $(KG) query --store demo-store 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'"

test: install
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) demo-store kg-store .pytest_cache
