"""Actor, agent, metonym and CAMEO event dictionaries.

Pure Python (stdlib only; rdflib is imported only to read a Turtle user dictionary).
The data files live in ``ontologies/dictionaries/`` (``kg/ontologies/dictionaries/`` in
an installed wheel) and are read lazily, once, on first use: importing this module does
no I/O. See ``ontologies/README.md`` for the file formats and their sources.

>>> d = default_dictionary()
>>> d.lookup("Israeli").canonical
'Israel'
>>> event_type("condemn").code
'111'
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg import actordict
from kg.config import ONTOLOGY_IRI
from kg.errors import DictionaryError
from kg.words import counted

__all__ = [
    "ACTOR_TYPES",
    "ActorDictionary",
    "ActorEntry",
    "EventType",
    "cameo_code",
    "compose_code",
    "country_names",
    "iso2_codes",
    "data_dir",
    "default_dictionary",
    "event_nouns",
    "event_type",
    "light_event_type",
    "normalize",
]

ACTOR_TYPES = ("Person", "Organization", "Country", "Group")
USER_COLUMNS = ("name", "canonical", "type", "country", "code")
KGO = ONTOLOGY_IRI + "#"
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class ActorEntry:
    """What a name refers to.

    Attributes:
        canonical: Readable canonical name, e.g. ``"Benjamin Netanyahu"``.
        type: One of ``Person``, ``Organization``, ``Country``, ``Group``.
        country: ISO-3 country code, or ``None``.
        code: CAMEO actor code, e.g. ``"ISR"``, ``"IGOUNO"``; for a person, the code of
            the role valid on the requested date.
        role: For a person with dated roles, the role code valid on the date
            (e.g. ``"ISRGOV"``); ``None`` otherwise.
        source: ``"phoenix"`` for the shipped dictionary, ``"user"`` for a user file.
    """

    canonical: str
    type: str
    country: str | None
    code: str | None
    role: str | None = None
    source: str = "phoenix"


@dataclass(frozen=True)
class EventType:
    """A CAMEO event code with its Goldstein score and quad class.

    >>> cameo_code("190")
    EventType(code='190', root='19', name='Use conventional military force', goldstein=-10.0, quad_class=4)
    """

    code: str
    root: str
    name: str
    goldstein: float | None
    quad_class: int | None


Role = tuple[str, "dt.date | None", "dt.date | None"]


@dataclass(frozen=True)
class _Record:
    canonical: str
    type: str
    country: str | None
    code: str | None
    roles: tuple[Role, ...] | str = ()
    source: str = "phoenix"

    def parsed_roles(self) -> tuple[Role, ...]:
        """The roles (the shipped table keeps them as text, parsed on first use)."""
        return _parse_roles(self.roles) if isinstance(self.roles, str) else self.roles

    def roles_on(self, on: dt.date) -> list[Role]:
        """The dated roles valid on ``on``."""
        return [r for r in self.parsed_roles() if (r[1] or r[2]) and (r[1] is None or r[1] <= on)
                and (r[2] is None or on <= r[2])]

    def resolve(self, on: dt.date | None) -> ActorEntry:
        """The entry as of ``on``: the role valid then, else the undated default, else the latest."""
        roles = self.parsed_roles()
        if not roles:
            return ActorEntry(self.canonical, self.type, self.country, self.code, None, self.source)
        code = self.code
        if on is not None:
            valid = self.roles_on(on)
            undated = [r for r in roles if not r[1] and not r[2]]
            if valid:
                code = max(valid, key=lambda r: r[1] or dt.date.min)[0]
            elif undated:
                code = undated[0][0]
        country = code[:3] if code and code[:3] in _country_codes() else self.country
        return ActorEntry(self.canonical, self.type, country, code, code, self.source)


def data_dir() -> Path:
    """The folder holding the dictionary TSVs (installed package first, then source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "ontologies" / "dictionaries", here.parent / "ontologies" / "dictionaries"):
        if (candidate / "actors.tsv").is_file():
            return candidate
    raise DictionaryError(f"dictionary data not found under {here}/ontologies or {here.parent}/ontologies; "
                          "reinstall newskg or run scripts/convert_dictionaries.py")


@functools.lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """The lookup key of a name (cached: extraction asks for the same names again and again).

    Lower case, no dots, single spaces, no surrounding quotes or brackets, no leading
    "the ", no trailing "'s".

    >>> normalize("  \u201cThe U.S._Government's\u201d ")
    'us government'
    """
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES).replace("_", " ").lower()
    text = " ".join(text.replace(".", "").split()).strip(" \"',;:()[]")
    text = re.sub(r"^the ", "", text)
    return re.sub(r"'s?$", "", text) if text.endswith(("'s", "s'")) else text


def _read_tsv(name: str) -> Iterable[dict[str, str]]:
    path = data_dir() / name
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


@functools.lru_cache(maxsize=4096)
def _parse_roles(text: str) -> tuple[Role, ...]:
    roles = []
    for part in filter(None, text.split("|")):
        code, start, end = part.split(":")
        roles.append((code, dt.date.fromisoformat(start) if start else None,
                      dt.date.fromisoformat(end) if end else None))
    return tuple(roles)


_PLAIN = re.compile(r"[a-z0-9 -]+")


def _key(name: str) -> str:
    """:func:`normalize` with a fast path for names the converter already normalised."""
    if _PLAIN.fullmatch(name) and not name.startswith("the ") and "  " not in name:
        return name.strip()
    return normalize(name)


@functools.cache
def _default_actors() -> dict[str, tuple]:
    index: dict[str, tuple] = {}
    with open(data_dir() / "actors.tsv", encoding="utf-8", newline="") as f:
        next(f, None)  # header: name canonical type country code roles
        for line in f:
            name, canonical, kind, country, code, roles = line.rstrip("\n").split("\t")
            key = _key(name)
            if key and key not in index:  # roles are parsed on first use
                index[key] = (canonical, kind, country or None, code or None, roles)
    return index


_SURNAMES: dict[int, tuple[Mapping, dict[str, list]]] = {}


def _surname_index(records: Mapping[str, _Record | tuple]) -> dict[str, list]:
    """Surname (last word of the canonical name, lower case) → the persons with dated roles
    of one layer; built once per layer."""
    cached = _SURNAMES.get(id(records))
    if cached is not None and cached[0] is records:
        return cached[1]
    index: dict[str, list] = {}
    seen: set[str] = set()
    for record in (records._exact.values() if isinstance(records, _InflectedNames) else records.values()):
        canonical, kind, roles = (record[0], record[1], record[4]) if isinstance(record, tuple) else (
            record.canonical, record.type, record.roles)
        if kind != "Person" or not roles or canonical in seen:
            continue
        seen.add(canonical)
        index.setdefault(normalize(canonical.split()[-1]), []).append(record)
    _SURNAMES[id(records)] = (records, index)
    return index


@functools.cache
def _country_codes() -> frozenset[str]:
    return frozenset(r[2] for r in _default_actors().values() if r[1] == "Country" and r[2])


@functools.cache
def country_names() -> dict[str, str]:
    """ISO-3 code → the country's name in the project dictionary, for every country it knows.

    >>> country_names()["PSE"], country_names()["BEL"]
    ('Palestine', 'Belgium')
    """
    return dict(sorted({r[2]: r[0] for r in _default_actors().values() if r[1] == "Country" and r[2]}.items()))


@functools.cache
def iso2_codes() -> dict[str, str]:
    """ISO-3 → ISO-2 country code in lower case, as FollowTheMoney writes countries ("ISR" → "il").

    >>> iso2_codes()["ISR"], iso2_codes()["PSE"], "SUN" in iso2_codes()
    ('il', 'ps', False)
    """
    return {r["iso3"]: r["iso2"] for r in _read_tsv("iso3166.tsv")}


@functools.cache
def _metonyms() -> dict[str, ActorEntry]:
    return {normalize(r["name"]): ActorEntry(r["canonical"], "Country", r["country"] or None, r["code"] or None)
            for r in _read_tsv("metonyms.tsv")}


@functools.cache
def _agents() -> dict[str, str]:
    index: dict[str, str] = {}
    for row in _read_tsv("agents.tsv"):
        index.setdefault(normalize(row["noun"]), row["code"])
    return index


class ActorDictionary:
    """Names of actors (persons, organisations, countries, groups) and what they refer to.

    A dictionary is a stack of layers searched in order; :meth:`extend` puts a user
    dictionary in front of an existing one without changing it.

    >>> d = default_dictionary()
    >>> d.lookup("the U.S.").canonical
    'United States'
    >>> d.lookup("Netanyahu", on=dt.date(2024, 10, 11)).role
    'ISRGOV'
    >>> d.metonym("the Kremlin").code
    'RUSGOV'
    >>> d.agent("troops")
    'MIL'
    >>> d.lookup("") is None
    True
    """

    def __init__(
        self,
        layers: Iterable[Mapping[str, _Record] | Callable[[], Mapping[str, _Record]]] = (),
        agents: Iterable[Mapping[str, str]] = (),
    ) -> None:
        self._layers = tuple(layers)
        self._agent_layers = tuple(agents)

    @property
    def has_user_entries(self) -> bool:
        """True when a user file (or dictionary) is layered over the shipped one."""
        return any(not callable(layer) for layer in self._layers) or any(self._agent_layers)

    def _records(self) -> Iterable[Mapping[str, _Record]]:
        for layer in self._layers:
            yield layer() if callable(layer) else layer

    def _find(self, key: str) -> _Record | None:
        if not re.search(r"\w", key):
            return None
        for records in self._records():
            if key in records:
                found = records[key]
                return _Record(*found) if isinstance(found, tuple) else found  # shipped rows are plain tuples
        return None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._find(normalize(name)) is not None

    def lookup(self, name: str, on: dt.date | None = None) -> ActorEntry | None:
        """The actor a name refers to, or ``None``.

        Args:
            name: A mention, any case; "the " prefixes, dots ("U.S.") and a trailing
                "'s" are ignored.
            on: The date of the text; persons get the role valid on that date (else
                their undated default role, else the latest one).
        """
        record = self._find(normalize(name))
        return record.resolve(on) if record else None

    def surname(self, name: str, on: dt.date | None) -> ActorEntry | None:
        """The one person of the dictionaries with this surname who held a government role
        (a dated ``…GOV`` code) on ``on``, else ``None`` (no date, no such person, or several).

        A bare surname in the news is the office holder of the day ("Bush" on 2008-08-04 is
        George W. Bush, ``USAGOV``); on a date outside every term it names nobody.

        >>> d = default_dictionary()
        >>> d.surname("Bush", dt.date(2008, 8, 4)).canonical
        'George W. Bush'
        >>> d.surname("Bush", dt.date(2015, 1, 1)) is None
        True
        """
        key = normalize(name)
        if on is None or " " in key or len(key) < 3 or not key.isalpha():
            return None
        found: dict[str, ActorEntry] = {}
        for records in self._records():
            for record in _surname_index(records).get(key, ()):
                record = _Record(*record) if isinstance(record, tuple) else record
                if any(code[3:6] == "GOV" for code, _, _ in record.roles_on(on)):
                    found.setdefault(record.canonical, record.resolve(on))
            if found:
                break  # a user file's office holder hides the shipped ones
        return next(iter(found.values())) if len(found) == 1 else None

    def demonym(self, word: str) -> ActorEntry | None:
        """The country of a demonym or country adjective ("Israeli", "Iranians"), or ``None``.

        >>> default_dictionary().demonym("Iranian").canonical
        'Iran'
        """
        key = normalize(word)
        for candidate in (key, key[:-1] if key.endswith("s") else None):
            record = self._find(candidate) if candidate else None
            if record and record.type == "Country":
                return record.resolve(None)
        return None

    def metonym(self, name: str) -> ActorEntry | None:
        """The government a place stands for ("Washington" -> United States, ``USAGOV``)."""
        return _metonyms().get(normalize(name))

    def agent(self, noun: str) -> str | None:
        """The CAMEO agent code of a role noun ("officials" -> ``GOV``), or ``None``.

        Codes may be longer than three letters (``GOVAGR``); the first three are the
        primary agent. Agent nouns of user files come first.
        """
        return self.user_agent(noun) or _agents().get(normalize(noun))

    def user_agent(self, noun: str) -> str | None:
        """The agent code of a noun from the user files only (``None`` if they have none)."""
        key = normalize(noun)
        for layer in self._agent_layers:
            for candidate in (key, key[:-1] if key.endswith("s") else None):
                if candidate and candidate in layer:
                    return layer[candidate]
        return None

    def extend(self, source: ActorDictionary | str | os.PathLike[str]) -> ActorDictionary:
        """A new dictionary in which ``source`` (a dictionary or a user file) takes precedence."""
        front = source if isinstance(source, ActorDictionary) else ActorDictionary.from_user_file(source)
        return ActorDictionary(front._layers + self._layers, front._agent_layers + self._agent_layers)

    @classmethod
    def from_user_file(cls, path: str | os.PathLike[str]) -> ActorDictionary:
        """Read a user dictionary: CSV (``name,canonical,type,country,code[,roles]``) or Turtle (.ttl).

        A CSV row of type ``Agent`` adds an agent noun instead (``name`` the noun,
        ``code`` its agent code, e.g. ``militiamen,,Agent,,REB``). Entries read
        here carry ``source="user"``.

        Raises:
            DictionaryError: the file is missing or malformed (the message names the
                file and line).
        """
        path = Path(path)
        if path.is_dir():
            raise DictionaryError(f"{path}: is a directory, not a user dictionary file")
        if not path.is_file():
            raise DictionaryError(f"{path}: user dictionary not found")
        if path.suffix.lower() in (".ttl", ".turtle"):
            return cls([_read_user_turtle(path)])
        if actordict.looks_like_petrarch(path):
            records, agents = _read_petrarch(path)
        else:
            records, agents = _read_user_csv(path)
        return cls([records], [agents])


def compose_code(code: str | None, agent: str | None) -> str | None:
    """An actor code with an agent code composed in, as PETRARCH does: ``GOV`` is appended,
    ``NGO~`` prepended, and a three-letter segment the code already has is not repeated.

    >>> compose_code("ARN", "GOV"), compose_code("USAGOV", "GOVFRM"), compose_code("ARN", "NGO~")
    ('ARNGOV', 'USAGOVFRM', 'NGOARN')
    >>> compose_code(None, "GOV") is None
    True
    """
    if not code or not agent:
        return code
    bare = agent.strip("~")
    segments = [bare[k:k + 3] for k in range(0, len(bare), 3)]
    have = {code[k:k + 3] for k in range(0, len(code), 3)}
    while segments and segments[0] in have:
        segments = segments[1:]
    if not segments:
        return code
    return "".join(segments) + code if agent.endswith("~") else code + "".join(segments)


_NON_COUNTRY = frozenset({"IGO", "NGO", "NGM", "MNC", "IMG", "UNO", "INT", "REB", "OPP", "GOV", "MIL", "COP"})
_GROUPISH = ("REB", "INS", "UAF", "OPP", "MOP", "RAD", "SEP")
_INFLECTIONS = ("ians", "ans", "ian", "ese", "ish", "ns", "an", "es", "ia", "is", "s", "a", "n", "i")


class _InflectedNames(Mapping[str, _Record]):
    """The names of a PETRARCH file: exact keys, and names whose last word may take an
    inflection ("argentin" answers "argentina", "argentines")."""

    def __init__(self, exact: dict[str, _Record], inflected: dict[str, _Record]) -> None:
        self._exact = exact
        self._inflected = inflected

    def __getitem__(self, key: str) -> _Record:
        found = self._exact.get(key)
        if found is not None:
            return found
        last = key.rpartition(" ")[2]
        for suffix in _INFLECTIONS:
            if last.endswith(suffix) and len(last) > len(suffix) + 2:
                found = self._inflected.get(key[: -len(suffix)])
                if found is not None:
                    return found
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._exact)

    def __len__(self) -> int:
        return len(self._exact)


def _petrarch_record(actor: actordict.Actor) -> _Record:
    """A record of a PETRARCH actor: its default code, its dated codes as roles, a type read
    off the codes (dated role codes: a person; a bare country code: a country; a rebel or
    opposition code: a group; else an organisation) and the country the codes share."""
    default = next((c for c, a, b in actor.blocks if a is None and b is None), None)
    dated = tuple((c, a, b) for c, a, b in actor.blocks if a is not None or b is not None)
    codes = [c for c, _, _ in actor.blocks if c]
    prefixes = {c[:3] for c in codes}
    country = prefixes.pop() if len(prefixes) == 1 else None
    if country and (not country.isalpha() or country in _NON_COUNTRY):
        country = None
    if dated and any(len(c) > 3 for c in codes):
        kind = "Person"
    elif default and len(default) == 3 and country:
        kind = "Country"
    elif default and any(g in default[3:] for g in _GROUPISH):
        kind = "Group"
    else:
        kind = "Organization"
    roles = (*dated, (default, None, None)) if dated and default else dated
    return _Record(actor.canonical, kind, country, default or None, roles, "user")


def _read_petrarch(path: Path) -> tuple[Mapping[str, _Record], dict[str, str]]:
    """A PETRARCH-format actor and/or agent file as a dictionary layer and agent nouns."""
    actors, agent_list = actordict.read(path)
    exact: dict[str, _Record] = {}
    inflected: dict[str, _Record] = {}
    for actor in actors:
        record = _petrarch_record(actor)
        for name in actor.names:
            key = normalize(name)
            if key:
                exact.setdefault(key, record)
                if name in actor.inflected:
                    inflected.setdefault(key, record)
    agents: dict[str, str] = {}
    for agent in agent_list:
        for form in agent.forms:
            if normalize(form):
                agents.setdefault(normalize(form), agent.code)
    return _InflectedNames(exact, inflected), agents


def _user_record(path: Path, where: str, canonical: str, kind: str, country: str, code: str,
                 roles: str = "") -> _Record:
    types = {t.lower(): t for t in ACTOR_TYPES}
    if not canonical.strip():
        raise DictionaryError(f"{path}:{where}: empty canonical name")
    if kind.strip().lower() not in types:
        raise DictionaryError(f"{path}:{where}: type {kind!r} is not one of {', '.join(ACTOR_TYPES)}")
    country = country.strip().upper()
    if country and not re.fullmatch(r"[A-Z]{3}", country):
        raise DictionaryError(f"{path}:{where}: country {country!r} is not an ISO-3 code")
    code = code.strip().upper()
    if code and not re.fullmatch(r"[A-Z0-9]{3,}", code):
        raise DictionaryError(f"{path}:{where}: CAMEO code {code!r} is not letters/digits")
    try:
        parsed = _parse_roles(roles.strip())
    except ValueError as exc:
        raise DictionaryError(f"{path}:{where}: roles {roles!r} are not CODE:start:end|... ({exc})") from exc
    return _Record(canonical.strip(), types[kind.strip().lower()], country or None, code or None, parsed, "user")


def _read_user_csv(path: Path) -> tuple[dict[str, _Record], dict[str, str]]:
    records: dict[str, _Record] = {}
    agents: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip().lower() for h in next(reader, [])]
            missing = [c for c in USER_COLUMNS if c not in header]
            if missing:
                raise DictionaryError(f"{path}:1: header lacks column(s) {', '.join(missing)}; "
                                      f"expected {','.join(USER_COLUMNS)}")
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                    continue
                if len(row) != len(header):
                    raise DictionaryError(f"{path}:{line}: {counted(len(row), 'field')}, expected {len(header)}")
                values = dict(zip(header, row))
                key = normalize(values["name"])
                if not key:
                    raise DictionaryError(f"{path}:{line}: empty name")
                if values["type"].strip().lower() == "agent":
                    code = values["code"].strip().upper().lstrip("~")
                    if not re.fullmatch(r"[A-Z]{3,}", code):
                        raise DictionaryError(f"{path}:{line}: agent code {values['code']!r} is not letters")
                    agents.setdefault(key, code)
                    continue
                records.setdefault(key, _user_record(path, str(line), values["canonical"], values["type"],
                                                     values["country"], values["code"], values.get("roles", "")))
    except UnicodeDecodeError as exc:
        raise DictionaryError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise DictionaryError(f"{path}: malformed CSV ({exc})") from exc
    return records, agents


def _read_user_turtle(path: Path) -> dict[str, _Record]:
    import rdflib
    from rdflib.namespace import RDF, SKOS

    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several types; the message carries the line
        raise DictionaryError(f"{path}: not valid Turtle: {exc}") from exc
    kgo = rdflib.Namespace(KGO)
    records: dict[str, _Record] = {}
    subjects = sorted(set(graph.subjects(SKOS.prefLabel)) | set(graph.subjects(SKOS.altLabel)), key=str)
    for subject in subjects:
        labels = sorted(graph.objects(subject, SKOS.prefLabel), key=lambda lit: (lit.language not in (None, "en"), str(lit)))
        if not labels:
            raise DictionaryError(f"{path}: {subject} has skos:altLabel but no skos:prefLabel")
        kinds = [str(t)[len(KGO):] for t in graph.objects(subject, RDF.type) if str(t)[len(KGO):] in ACTOR_TYPES]
        record = _user_record(path, f"<{subject}>", str(labels[0]), min(kinds, default="Organization"),
                              str(graph.value(subject, kgo.country) or ""), str(graph.value(subject, kgo.cameoCode) or ""))
        for name in [*labels, *graph.objects(subject, SKOS.altLabel)]:
            if normalize(str(name)):
                records.setdefault(normalize(str(name)), record)
    return records


@functools.cache
def default_dictionary() -> ActorDictionary:
    """The shipped Phoenix-derived actor dictionary (loaded on first lookup, then cached)."""
    return ActorDictionary([_default_actors])


@functools.cache
def _cameo_codes() -> dict[str, EventType]:
    return {r["code"]: EventType(r["code"], r["root_code"], r["name"],
                                 float(r["goldstein"]) if r["goldstein"] else None,
                                 int(r["quad_class"]) if r["quad_class"] else None)
            for r in _read_tsv("cameo_codes.tsv")}


@functools.cache
def _cameo_verbs() -> dict[tuple[str, str], str]:
    return {(r["lemma"], r["pattern"]): r["code"] for r in _read_tsv("cameo_verbs.tsv")}


@functools.cache
def _cameo_light() -> dict[tuple[str, str, str], str]:
    return {(r["lemma"], r["noun"], r["preposition"]): r["code"] for r in _read_tsv("cameo_light.tsv")}


@functools.cache
def event_nouns() -> dict[str, tuple[str, frozenset[str], str]]:
    """Nouns read as nominal predicates, from ``event_nouns.tsv`` (hand-written): noun lemma →
    (predicate lemma phrase, the prepositions that introduce its patient or addressee, kind).

    Kind ``event`` is an act done to the patient ("the assassination of X"); ``directive`` an
    order or appeal whose addressee is told to act ("an order for X to leave").

    >>> event_nouns()["assassination"]
    ('assassinate', frozenset({'of'}), 'event')
    """
    return {r["noun"]: (r["predicate"], frozenset(r["patient_prepositions"].split(",")), r["kind"])
            for r in _read_tsv("event_nouns.tsv")}


def light_event_type(lemma: str, noun: str, preposition: str) -> EventType | None:
    """The CAMEO event type of a noun-incorporated predicate (verb lemma, singular noun,
    preposition), from CAMEO.2.0's ``- * NOUN (PREP ...)`` patterns; else ``None``.

    >>> light_event_type("abort", "meeting", "with").code
    '164'
    >>> light_event_type("walk", "dog", "with") is None
    True
    """
    code = _cameo_light().get((lemma.lower(), noun.lower(), preposition.lower()))
    return cameo_code(code) if code else None


def cameo_code(code: str) -> EventType | None:
    """The CAMEO event type for a code such as ``"190"`` or ``"0874"``, or ``None``."""
    return _cameo_codes().get(code.strip())


def event_type(lemma: str, particles: Sequence[str] = ()) -> EventType | None:
    """The CAMEO event type of a verb lemma and the particles/prepositions after it.

    The longest run of ``particles`` that the verb dictionary knows wins; otherwise the
    verb's default code; ``None`` if the verb codes no event.

    >>> event_type("pull", ["out", "of"]).code
    '0874'
    >>> event_type("accuse").name
    'Accuse'
    >>> event_type("walk") is None
    True
    """
    lemma = " ".join(lemma.lower().split())
    words = [w for p in particles for w in p.lower().split()]
    verbs = _cameo_verbs()
    runs = [" ".join(words[i:i + n]) for n in range(len(words), 0, -1) for i in range(len(words) - n + 1)]
    for pattern in [*runs, ""]:
        code = verbs.get((lemma, pattern))
        if code:
            return cameo_code(code)
    return None
