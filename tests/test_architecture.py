"""The layering of DESIGN §1, checked for every module under kg/: data flows one way.

ingest → nlp → extract → rdf → analytics/render/serve, and no module imports back up the chain;
the graph side never imports spaCy or extraction; only the wiring (build, CLI, public API) sees
every stage. The modules come from the package tree (nothing is skipped: a module in a unit that
no table below names fails the test), and the import graph is read from the source, not from what
a run happens to load: every ``import`` anywhere in a module (function bodies and
``TYPE_CHECKING`` blocks too), relative imports, names taken from a package's lazy
``__getattr__`` table, and module names passed to ``import_module``/``__import__``/
``kg.extras.require``/``set_forkserver_preload`` (literals, f-strings, and the tables and loops
they come from). A dynamic import the test cannot follow fails it.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"

# A unit is a top-level module or package of kg/ ("" is kg/__init__.py itself).
# The shared core: any module may import it; it imports only itself.
CORE = {"errors", "records", "config", "names", "extras", "words", "search", "csvsafe"}
# The stages, in the order of the data: a unit may import itself, the core and the units named
# here, never one of a later layer (checked on this table too, by test_the_table_follows_the_chain).
LAYER = {
    "ingest": 1,
    "dictionaries": 2, "actordict": 2, "verbformat": 2, "verbdict": 2, "nlp": 2,
    "extract": 3, "resolve": 3,
    "rdf": 4,
    "analytics": 5, "viz": 5, "server": 5, "notebook": 5,
}
MAY_IMPORT = {
    "ingest": set(),
    "dictionaries": {"actordict"},
    "actordict": set(),
    "verbformat": set(),
    "verbdict": {"dictionaries", "verbformat"},
    "nlp": {"ingest"},
    "extract": {"nlp", "dictionaries", "verbdict"},
    "resolve": {"dictionaries"},
    "rdf": set(),
    "analytics": {"rdf"},
    "viz": {"analytics"},
    "notebook": {"rdf", "analytics", "viz"},
    "server": {"rdf", "analytics", "viz"},
}
# The wiring: may import anything; only the wiring imports it.
WIRING = {"", "__main__", "cli", "pipeline"}
# Third-party packages a unit must never import (spaCy objects never cross into the graph side).
FORBIDDEN_EXTERNAL = {
    "rdf": {"spacy"},
    "analytics": {"spacy"},
    "viz": {"spacy"},
    "server": {"spacy"},
    "notebook": {"spacy"},
    "extract": {"rdflib", "pyoxigraph"},
    "resolve": {"spacy", "rdflib", "pyoxigraph"},
    "ingest": {"spacy", "rdflib", "pyoxigraph"},
}
# Import cycles left to break: a cycle is tolerated only when every module in it lies under one of
# these prefixes. Delete the entry once the cycle is gone (issue 18 broke the build's: none is left).
KNOWN_CYCLES: list[tuple[str, ...]] = []
# Callables whose first argument is a module name that gets imported.
IMPORTERS = {"import_module", "__import__", "require", "set_forkserver_preload"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(KG.rglob("*.py"))}


def _unit(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def _owner(name: str) -> str | None:
    """The kg module an imported dotted name lives in (``kg.rdf.store.Store`` → ``kg.rdf.store``)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


class _Source:
    """One module's syntax tree, with what each name is bound to, scope by scope."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        self.tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        self.scope_of: dict[ast.AST, ast.AST] = {}  # node -> innermost function (or the module)
        self.bindings: dict[tuple[ast.AST, str], list[tuple[str, ast.expr]]] = {}
        self._index(self.tree, self.tree)

    def _index(self, node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            self.scope_of[child] = scope
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for arg in child.args.posonlyargs + child.args.args + child.args.kwonlyargs:
                    self.bindings.setdefault((child, arg.arg), []).append(("param", arg))
            if isinstance(child, ast.Assign):
                for target in child.targets:
                    if isinstance(target, ast.Name):
                        self.bindings.setdefault((scope, target.id), []).append(("value", child.value))
            elif isinstance(child, ast.AnnAssign) and isinstance(child.target, ast.Name) and child.value:
                self.bindings.setdefault((scope, child.target.id), []).append(("value", child.value))
            elif isinstance(child, (ast.For, ast.comprehension)) and isinstance(child.target, ast.Name):
                self.bindings.setdefault((scope, child.target.id), []).append(("element", child.iter))
            self._index(child, inner)

    def _bound(self, name: ast.Name) -> list[tuple[str, ast.expr]] | None:
        scope = self.scope_of.get(name)
        while scope is not None:
            if (scope, name.id) in self.bindings:
                return self.bindings[(scope, name.id)]
            scope = self.scope_of.get(scope)
        return self.bindings.get((self.tree, name.id))

    def strings(self, expr: ast.expr, how: str = "value") -> set[str] | None:
        """The strings ``expr`` can be (``how``: itself, an element of it, or an item taken from it); None: unknown."""
        if how == "value" and isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.Name):
            bound = self._bound(expr)
            if not bound or any(kind == "param" for kind, _ in bound):
                return None
            out: set[str] = set()
            for kind, value in bound:
                got = self.strings(value, "element" if kind == "element" else how)
                if got is None:
                    return None
                out |= got
            return out
        if how == "value" and isinstance(expr, ast.Subscript):
            return self.strings(expr.value, "item")
        if how == "value" and isinstance(expr, ast.JoinedStr):
            out = {""}
            for part in expr.values:
                got = self.strings(part.value if isinstance(part, ast.FormattedValue) else part)
                if got is None:
                    return None
                out = {a + b for a in out for b in got}
            return out
        if how != "value" and isinstance(expr, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            if isinstance(expr, ast.Dict):
                parts = expr.keys if how == "element" else expr.values
            else:
                parts = expr.elts
            out = set()
            for part in parts:
                got = self.strings(part) if part is not None else None
                if got is None:
                    return None
                out |= got
            return out
        return None

    def lazy_table(self) -> dict[str, str]:
        """Module-level ``{name: "kg.module"}`` dicts: the names a package's ``__getattr__`` loads on use."""
        table = {}
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                for key, value in zip(node.value.keys, node.value.values):
                    if (isinstance(key, ast.Constant) and isinstance(value, ast.Constant)
                            and value.value in MODULES):
                        table[key.value] = value.value
        return table

    def _absolute(self, name: str) -> str:
        """``import_module(".x", __package__)`` names a module of this package."""
        if not name.startswith("."):
            return name
        level = len(name) - len(name.lstrip("."))
        base = self.package.split(".")
        return ".".join(base[: len(base) - level + 1] + ([name.lstrip(".")] if name.lstrip(".") else []))

    def imports(self) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """(dotted name imported, line) for every import; and the dynamic imports that cannot be followed."""
        found, unknown = [], []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                found += [(alias.name, node.lineno) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = self.package.split(".")
                    base = ".".join(base[: len(base) - node.level + 1] + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                plain = False
                for alias in node.names:
                    if f"{base}.{alias.name}" in MODULES:
                        found.append((f"{base}.{alias.name}", node.lineno))
                    elif alias.name in _lazy_table(base):
                        found.append((_lazy_table(base)[alias.name], node.lineno))
                    else:
                        plain = True
                if plain:
                    found.append((base, node.lineno))
            elif isinstance(node, ast.Call) and node.args:
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name not in IMPORTERS:
                    continue
                how = "element" if name == "set_forkserver_preload" else "value"
                got = self.strings(node.args[0], how)
                if got is None:
                    arg = node.args[0]
                    wrapper = self.scope_of.get(node)
                    if (isinstance(arg, ast.Name) and getattr(wrapper, "name", None) in IMPORTERS
                            and (wrapper, arg.id) in self.bindings):
                        continue  # the importer itself (kg.extras.require): its callers are followed
                    unknown.append((ast.unparse(node), node.lineno))
                else:
                    found += [(self._absolute(name), node.lineno) for name in sorted(got)]
        return found, unknown


@cache
def _source(module: str) -> _Source:
    return _Source(module)


@cache
def _lazy_table(module: str) -> dict[str, str]:
    return _source(module).lazy_table() if module in MODULES else {}


@cache
def _kg_imports(module: str) -> dict[str, int]:
    """The kg modules ``module`` imports, with the first line that does."""
    out: dict[str, int] = {}
    for name, line in _source(module).imports()[0]:
        owner = _owner(name) if name == "kg" or name.startswith("kg.") else None
        if owner and owner != module:
            out.setdefault(owner, line)
    return out


def _where(module: str, line: int) -> str:
    return f"{MODULES[module].relative_to(KG.parent)}:{line}"


def test_every_module_belongs_to_a_unit_of_the_tables():
    units = {_unit(m) for m in MODULES}
    unknown = sorted(u or "kg" for u in units - CORE - WIRING - set(MAY_IMPORT))
    assert not unknown, f"kg units in no table of tests/test_architecture.py: {unknown}"
    assert len(MODULES) > 50


def test_the_table_follows_the_chain():
    for unit, allowed in MAY_IMPORT.items():
        later = sorted(u for u in allowed if LAYER[u] > LAYER[unit])
        assert not later, f"kg.{unit} may not import later stages {later}"
    assert not {"extract", "nlp", "ingest"} & set().union(
        *(MAY_IMPORT[u] for u in MAY_IMPORT if LAYER[u] >= LAYER["rdf"]))


@pytest.mark.parametrize("module", sorted(MODULES), ids=lambda m: str(MODULES[m].relative_to(KG)))
def test_architecture_stages_import_only_what_is_below(module):
    unit = _unit(module)
    wrong = []
    for name, line in _source(module).imports()[0]:
        root = name.split(".")[0]
        if root in FORBIDDEN_EXTERNAL.get(unit, ()):
            wrong.append(f"{_where(module, line)} imports {name}")
    for target, line in _kg_imports(module).items():
        to = _unit(target)
        if unit in WIRING or to == unit or to in CORE and target != "kg":
            continue
        if unit in CORE or to in WIRING or to not in MAY_IMPORT.get(unit, ()):
            wrong.append(f"{_where(module, line)} imports {target}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("module", sorted(MODULES), ids=lambda m: str(MODULES[m].relative_to(KG)))
def test_dynamic_imports_can_be_followed(module):
    unknown = [f"{_where(module, line)}: {call}" for call, line in _source(module).imports()[1]]
    assert not unknown, "name the modules in a literal or a table of literals:\n" + "\n".join(unknown)


def test_dynamic_imports_are_seen():
    """The lazy tables and import_module loops of today are followed (the test would miss nothing silently)."""
    assert "kg.pipeline" in _kg_imports("kg")  # `build` in kg/__init__.py's lazy table
    assert "kg.server.app" in _kg_imports("kg.server")
    assert "kg.viz" in _kg_imports("kg.server._preload")  # a loop over a tuple of names
    source = _source("kg.server")
    assert source._absolute(".app") == "kg.server.app" and source._absolute("..rdf") == "kg.rdf"


def test_private_modules_are_imported_only_in_their_package():
    wrong = []
    for module in MODULES:
        for target, line in _kg_imports(module).items():
            package, _, leaf = target.rpartition(".")
            if leaf.startswith("_") and leaf != "__main__" and not (module + ".").startswith(package + "."):
                wrong.append(f"{_where(module, line)} imports {target}")
    assert not wrong, "\n".join(wrong)


def _cycles() -> list[set[str]]:
    """Strongly connected components of the import graph (a package importing its own modules is no cycle)."""
    graph = {m: {t for t in _kg_imports(m) if not t.startswith(m + ".")} for m in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out = []

    def visit(node: str) -> None:  # Tarjan
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.add(top)
                if top == node:
                    break
            if len(component) > 1:
                out.append(component)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return out


def _known(cycle: set[str]) -> bool:
    return any(all(m == p or m.startswith(p + ".") for m in cycle for p in known if m == p or m.startswith(p + "."))
               and all(any(m == p or m.startswith(p + ".") for p in known) for m in cycle) for known in KNOWN_CYCLES)


def test_no_import_cycles():
    new = [sorted(c) for c in _cycles() if not _known(c)]
    assert not new, f"import cycles: {new}"


def test_every_docstring_example_runs_with_the_tests():
    """The test run collects kg/ with --doctest-modules, so no example in a docstring goes stale."""
    import tomllib

    options = tomllib.loads((KG.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in options["addopts"].split() and "kg" in options["testpaths"]


_CLOCKS = {"monotonic", "perf_counter", "time", "monotonic_ns", "perf_counter_ns", "time_ns"}


def _reads_clock(node: ast.AST, timed: set[str]) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr in _CLOCKS \
                and isinstance(sub.func.value, ast.Name) and sub.func.value.id == "time":
            return True
        if isinstance(sub, ast.Name) and sub.id in timed:
            return True
    return False


@pytest.mark.parametrize("path", sorted((KG.parent / "tests").rglob("*.py")), ids=lambda p: p.name)
def test_no_test_asserts_on_wall_time(path):
    """Timing belongs in benchmarks/ (it flakes on a loaded machine); a test checks what happened."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    timed: set[str] = set()
    for node in ast.walk(tree):  # names holding a duration or a clock reading
        if isinstance(node, ast.Assign) and _reads_clock(node.value, set()):
            timed |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    timed -= {"deadline"}  # `while time.monotonic() < deadline` polls; it asserts nothing
    wrong = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Assert) and _reads_clock(node, timed)]
    assert not wrong, f"{path.name}: asserts on wall time at lines {wrong}"


def test_one_conftest_and_unique_test_module_names():
    """tests/ has no __init__.py: pytest imports each file by its basename, so two alike clash at collection."""
    tests = KG.parent / "tests"
    assert [p.relative_to(tests).as_posix() for p in tests.rglob("conftest.py")] == ["conftest.py"]
    assert not list(KG.rglob("conftest.py"))
    names: dict[str, list[str]] = {}
    for path in tests.rglob("*.py"):
        names.setdefault(path.name, []).append(path.relative_to(tests).as_posix())
    clashes = {name: paths for name, paths in names.items() if len(paths) > 1}
    assert not clashes, clashes


# The build, in the order a document goes through it: a module may import only those before it
# (kg/pipeline/__init__.py, the public face, imports any), so one document's build never climbs back up.
PIPELINE_ORDER = ["report", "documents", "task", "procs", "runners", "writer", "build"]


def test_the_build_never_climbs_back_up():
    inside = {m for m in MODULES if m.startswith("kg.pipeline.")}
    assert inside == {f"kg.pipeline.{name}" for name in PIPELINE_ORDER}, "place each kg/pipeline module in PIPELINE_ORDER"
    wrong = []
    for i, name in enumerate(PIPELINE_ORDER):
        module = f"kg.pipeline.{name}"
        for target, line in _kg_imports(module).items():
            earlier = target.startswith("kg.pipeline.") and target.rpartition(".")[2] in PIPELINE_ORDER[:i]
            if (target == "kg.pipeline" or target.startswith("kg.pipeline.")) and not earlier:
                wrong.append(f"{_where(module, line)} imports {target}")
    assert not wrong, "\n".join(wrong)
