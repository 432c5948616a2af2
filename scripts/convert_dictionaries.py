#!/usr/bin/env python3
"""Convert the public PETRARCH-2 / CAMEO dictionaries into the project's data files.

Usage::

    python scripts/convert_dictionaries.py [SHARED_DATA_DIR] [--out REPO_ROOT]

``SHARED_DATA_DIR`` defaults to ``../shared/data`` relative to the repository root and
must hold ``phoenix_actor_dictionaries/``, ``cameo_verb_dictionary/`` and
``cameo_goldstein/``. The script writes, below ``REPO_ROOT`` (default: this repository),
``ontologies/dictionaries/{actors,agents,cameo_verbs,cameo_codes,cameo_light}.tsv``,
``ontologies/dictionaries/cameo_patterns.txt`` (CAMEO.2.0's verb patterns, PETRARCH format,
read by ``kg.verbdict``) and ``ontologies/cameo.ttl``. ``ontologies/dictionaries/metonyms.tsv`` is hand-written and is
not touched. The output is deterministic (same input, same bytes).

This is an independent reading of the documented dictionary formats (PETRARCH-2
``docs/source/dictionaries.rst``); no PETRARCH code is used.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from kg.actordict import plural as pluralise  # one rule for the shipped agents and PETRARCH's {PLURALS}

REPO = Path(__file__).resolve().parent.parent
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt")
NULL_CODE = "---"
# Readable names for country codes whose primary Phoenix entry is awkward or misspelt.
COUNTRY_NAMES = {
    "USA": "United States", "RUS": "Russia", "ZAF": "South Africa", "TZA": "Tanzania",
    "BRN": "Brunei", "MDG": "Madagascar", "CIV": "Ivory Coast", "FSM": "Micronesia",
    "COG": "Republic of the Congo", "COD": "Democratic Republic of the Congo",
    "LAO": "Laos", "SYR": "Syria", "PSE": "Palestine", "DDR": "East Germany",
    "IRN": "Iran", "VNM": "Vietnam", "PRK": "North Korea", "KOR": "South Korea",
    "GBR": "United Kingdom", "CZE": "Czech Republic", "MKD": "North Macedonia",
    "GNB": "Guinea-Bissau", "TMP": "East Timor", "DEU": "Germany", "VAT": "Vatican City",
}
# Readable canonical names for a few prominent non-country entries (keyed by primary name).
CANONICAL_FIXES = {
    "un": "United Nations", "u.n.": "United Nations", "united nations": "United Nations",
    "nato": "NATO", "eu": "European Union", "isis": "Islamic State", "isil": "Islamic State",
}
DROP_CODES = {"KNT"}  # Kinakuta: fictional test country of the PETRARCH validation suite
GROUP_SEGMENTS = {"REB", "INS", "UAF", "IMG", "SEP"}
ORG_PREFIXES = {"IGO", "NGO", "MNC", "IMG"}
ACRONYMS = set("""us usa un uk eu ussr nato ngo idf iaea icj imf wto opec asean au ecowas unicef
unhcr unesco osce fbi cia nsa plo pkk farc eln ira eta hiv aids un. us. u.s. u.n. u.k. e.u. sfsr
who wfp undp unrwa icc ilo oas oic sadc igad bbc cnn afp bp ibm hsbc""".split())
SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "at", "to", "de", "del", "la", "el",
               "al", "du", "des", "da", "a", "an", "by", "with"}
PARTICLES = set("""about above across after against ahead along alongside amid among apart
around as aside at away back before behind below beneath beside between beyond by down
during for forth forward from in inside into near of off on onto out outside over past
round through throughout to together toward towards under until up upon with within
without""".split())
# Hand-written supplements (source=kg) for common news words the sources lack. An entry only
# fills a gap, except that "!" overrides a dictionary default that is clearly wrong for news
# text (CAMEO.2.0 files NEGOTIATE/MEDIATE under COMPROMISE [080] "Yield", ADD under GRANT
# [060], HOLD under [170] "Coerce" although "held talks" is the common use).
AGENT_SUPPLEMENT = """official GOV|officials GOV|jet MIL|jets MIL|drone MIL|drones MIL|forces MIL
tank MIL|tanks MIL"""
VERB_SUPPLEMENT = """urge 020|sanction 163|reject 120|refuse 120|deny 016|vow 030|sign 057
slam 111|deploy 154|withdraw from 0874|pull out of 0874|!negotiate 046|!negotiate with 046
!mediate 045|!add 010|!hold 040"""


def norm_name(raw: str) -> str:
    """Lower-case, underscores to spaces, collapsed whitespace."""
    return " ".join(raw.replace("_", " ").lower().split())


def title_case(name: str) -> str:
    """Readable Title Case for a normalised name ("ban ki-moon" -> "Ban Ki-Moon")."""
    words = []
    for i, word in enumerate(name.split(" ")):
        if i and word in SMALL_WORDS:
            words.append(word)
            continue
        if word.strip("()") in ACRONYMS or "." in word.rstrip(".") or (
                len(word) <= 5 and not re.search(r"[aeiouy]", word) and word.isalpha()):
            words.append(word.upper())
            continue
        parts = re.split(r"([-/(])", word)
        words.append("".join(p[:1].upper() + p[1:] for p in parts))
    return " ".join(words)


def parse_date(text: str) -> str | None:
    """YYMMDD / YYYYMMDD (10-digit typos keep the last 8) -> ISO date; None if invalid."""
    if len(text) == 10:
        text = text[2:]
    if len(text) == 6:
        yy = int(text[:2])
        text = ("20" if yy <= 30 else "19") + text
    if len(text) != 8:
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        return None


def parse_code(content: str) -> tuple[str, str, str] | None:
    """Bracket content ("ISRGOV >090401") -> (code, start, end); None if null or bad date."""
    m = re.fullmatch(r"\s*([A-Z0-9-]+)\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+)|(\d+))?\s*", content)
    if not m or m.group(1) == NULL_CODE:
        return None
    code, op, d1, s, e, single = m.groups()
    if op or single:
        day = parse_date(d1 or single)
        if day is None:
            return None
        return (code, "", day) if op == "<" else (code, day, "")
    if s:
        start, end = parse_date(s), parse_date(e)
        return (code, start, end) if start and end else None
    return code, "", ""


class Entry:
    """One actor record: a primary name, its synonyms and its (dated) codes."""

    def __init__(self, name: str, source: str, comment: str) -> None:
        self.names = [name]
        self.source = source
        self.comment = comment.lower()
        self.codes: list[tuple[str, str, str]] = []


def read_actor_file(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, comment = line.partition("#")
        if not text.strip():
            continue
        codes = [c for c in map(parse_code, re.findall(r"\[([^\]]*)\]", text)) if c]
        name_part = text.split("[", 1)[0]
        if line[0] not in " \t+":
            entries.append(Entry(name_part, path.name, comment))
        elif line[0] == "+" and entries:  # "+A+_B" lines hold two synonyms
            entries[-1].names.extend(n for n in name_part[1:].split("+") if n.strip())
        if entries:
            entries[-1].codes.extend(codes)
    return entries


def current_code(codes: list[tuple[str, str, str]], today: str = "9999-12-31") -> str:
    """The code valid "now": open-ended dated role, else undated default, else latest."""
    open_ended = [c for c in codes if c[1] and not c[2]]
    if open_ended:
        return max(open_ended, key=lambda c: c[1])[0]
    undated = [c for c in codes if not c[1] and not c[2]]
    if undated:
        return undated[0][0]
    return max(codes, key=lambda c: (c[2] or today, c[1]))[0]


def name_variants(raw: str) -> list[str]:
    name = norm_name(raw)
    out = [name]
    stripped = " ".join(re.sub(r"\([^)]*\)", " ", name).split())
    if stripped and stripped != name:
        out.append(stripped)
    return out


def build_actors(data: Path) -> list[list[str]]:
    entries = [e for f in ACTOR_FILES for e in read_actor_file(data / "phoenix_actor_dictionaries" / f)]
    entries = [e for e in entries if e.codes and not any(c[0][:3] in DROP_CODES for c in e.codes)]
    country_names: dict[str, str] = {}
    for e in entries:
        code = current_code(e.codes)
        if e.source == ACTOR_FILES[0] and len(code) == 3 and "countryinfo" not in e.comment:
            country_names.setdefault(code, COUNTRY_NAMES.get(code, title_case(norm_name(e.names[0]))))
    winner: dict[str, tuple[int, int]] = {}  # name -> (is synonym, entry index): primaries win
    for idx, e in enumerate(entries):
        for pos, raw in enumerate(e.names):
            for var, name in enumerate(name_variants(raw)):
                winner[name] = min(winner.get(name, (2, 0)), (int(pos + var > 0), idx))
    kinds = [classify(e, country_names) for e in entries]
    person_names = {name_variants(e.names[0])[-1].replace("-", " ")
                    for e, k in zip(entries, kinds) if k == "Person"}
    rows: list[list[str]] = []
    for idx, (e, kind) in enumerate(zip(entries, kinds)):
        code = current_code(e.codes)
        primary = re.sub(r"^the ", "", name_variants(e.names[0])[-1])
        if kind == "Organization" and primary.replace("-", " ") in person_names:
            kind = "Person"  # e.g. a hand-added BASHAR_AL-ASSAD block next to the CountryInfo one
        canonical = country_names[code] if kind == "Country" else title_case(primary)
        if kind in ("Organization", "Group") and len(primary) <= 4 and primary.isalpha():
            canonical = primary.upper()  # a short one-word organisation name is an acronym
        if kind == "Person":  # drop a title prefix: "secretary-general ban ki-moon" -> "ban ki-moon"
            tails = [n for raw in e.names[1:] for n in name_variants(raw)
                     if n.count(" ") and primary.endswith(" " + n)]
            canonical = title_case(min(tails, key=len)) if tails else canonical
        canonical = CANONICAL_FIXES.get(primary, canonical)
        country = code[:3] if code[:3] in country_names else ""
        roles = "|".join(f"{c}:{s}:{t}" for c, s, t in e.codes) if kind == "Person" else ""
        for pos, raw in enumerate(e.names):
            for var, name in enumerate(name_variants(raw)):
                if winner.get(name) != (int(pos + var > 0), idx) or len(name) < 2 or not re.search("[a-z]", name):
                    continue
                del winner[name]
                rows.append([name, canonical, kind, country, code, roles])
    return rows


def classify(e: Entry, country_names: dict[str, str]) -> str:
    """Person / Country / Group / Organization from the file, comment and codes."""
    code = current_code(e.codes)
    segments = {code[i:i + 3] for i in range(0, len(code), 3)}
    if e.source == ACTOR_FILES[0] and len(code) == 3 and code in country_names:
        return "Country"
    if "countryinfo" in e.comment or "igorulers" in e.comment:
        return "Person"
    dated = [c[0] for c in e.codes if c[1] or c[2]]
    if dated and not segments & (GROUP_SEGMENTS - {"REB"}) and (
            code[:3] not in ORG_PREFIXES - {"IGO"} or any(c[:3] in country_names for c in dated)):
        return "Person"
    if e.source == ACTOR_FILES[2] or segments & GROUP_SEGMENTS:
        return "Group"
    return "Organization"


def build_agents(data: Path) -> list[list[str]]:
    text = (data / "phoenix_actor_dictionaries" / "Phoenix.agents.txt").read_text(encoding="utf-8")
    macros: dict[str, list[str]] = {}
    rows: list[list[str]] = []
    seen: set[str] = set()

    def add(noun: str, code: str, source: str) -> None:
        noun = norm_name(noun)
        if noun and noun not in seen:
            seen.add(noun)
            rows.append([noun, code, source])

    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.fullmatch(r"(.+?)\s*(?:\{([^}]*)\})?\s*\[\s*(~?)([A-Z]+)(~?)\s*\]", line)
        if not m:
            continue
        phrase, plural, code = m.group(1), m.group(2), m.group(4)
        macro = re.search(r"![A-Z]+!", phrase)
        if macro and macro.group(0) in macros:
            for sub in macros[macro.group(0)]:  # substituted forms get no extra plural
                add(phrase.replace(macro.group(0), sub), code, "phoenix")
            continue
        add(phrase, code, "phoenix")
        if plural is None:
            add(pluralise(norm_name(phrase)), code, "phoenix")
        else:
            for p in plural.split():
                add(p, code, "phoenix")
    for item in re.split(r"[|\n]", AGENT_SUPPLEMENT):
        noun, code = item.rsplit(" ", 1)
        add(noun, code, "kg")
    return rows


def build_codes(data: Path) -> list[list[str]]:
    """CAMEO codes; ICEWS Goldstein preferred over GDELT; upper-case root names -> "Appeal"."""
    with open(data / "cameo_goldstein" / "cameo_codes_goldstein.tsv", encoding="utf-8", newline="") as f:
        return [[r["cameo_code"], r["level"], r["root_code"],
                 r["name"].strip().capitalize() if r["name"].isupper() else r["name"].strip(),
                 r["goldstein_icews"] or r["goldstein_gdelt"], r["quad_class"]]
                for r in csv.DictReader(f, delimiter="\t")]


def verb_code(raw: str, known: set[str]) -> str | None:
    """ "042:043" -> "042"; unknown 4-digit codes fall back to their 3-digit parent."""
    code = raw.split(":")[0].strip()
    if code in known:
        return code
    return code[:3] if len(code) == 4 and code[:3] in known else None


def build_verbs(data: Path, known: set[str]) -> list[list[str]]:
    text = (data / "cameo_verb_dictionary" / "CAMEO.2.0.txt").read_text(encoding="utf-8")
    explicit: dict[tuple[str, str], tuple[bool, str]] = {}
    from_pattern: dict[tuple[str, str], tuple[bool, str]] = {}
    block_code, verbs, in_block = None, [], False
    for line in text.splitlines():
        comment_verb = (line.partition("#")[2].split() or [""])[0].lower()  # pattern's origin verb
        line = re.split(r"[#;]", line, maxsplit=1)[0].rstrip()
        if not line.strip():
            continue
        m = re.match(r"---\s+(.+?)\s+\[([^\]]*)\]\s+---", line)
        if m:
            block_code, verbs, in_block = verb_code(m.group(2), known), [], True
            continue
        if line.startswith("&"):
            in_block = False
            continue
        if not in_block:
            continue
        if line.startswith("-"):
            m = re.fullmatch(r"-\s*(.*?)\s*\[([^\]]*)\]\s*", line)
            if not m or (code := verb_code(m.group(2), known)) is None:
                continue
            tokens = m.group(1).replace("(", " ").replace(")", " ").split()
            if "*" not in tokens or any(t not in "$+%^" for t in tokens[:tokens.index("*")]):
                continue
            words = [t.lower() for t in tokens[tokens.index("*") + 1:] if t not in "$+%^"]
            words = [w for t in words for w in t.split("_") if w]
            if not words or any(w not in PARTICLES for w in words):
                continue
            named = [(lemma, tail) for lemma, tail in verbs if "_".join([lemma, *tail]) == comment_verb]
            for lemma, tail in named or verbs:  # the pattern's origin verb if it names one
                from_pattern.setdefault((lemma, " ".join(tail + words)), (False, code))
            continue
        m = re.fullmatch(r"\+?([A-Z][A-Z_'-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?\s*", line.strip())
        if not m:
            continue
        lemma, *tail = m.group(1).lower().split("_")
        if any(w not in PARTICLES for w in tail):
            continue
        verbs.append((lemma, tail))
        own = verb_code(m.group(2), known) if m.group(2) else None
        key, code = (lemma, " ".join(tail)), own or block_code
        if code and (key not in explicit or (own and explicit[key][0])):
            explicit[key] = (own is None, code)  # a verb's own code beats a block default
    merged = {k: (v, "cameo") for k, (_, v) in from_pattern.items()}
    merged.update((k, (v, "cameo")) for k, (_, v) in explicit.items())
    for item in re.split(r"[|\n]", VERB_SUPPLEMENT):
        words, code = item.rsplit(" ", 1)
        lemma, _, pattern = words.lstrip("!").partition(" ")
        if ((lemma, pattern) not in merged or words.startswith("!")) and code in known:
            merged[(lemma, pattern)] = (code, "kg")
    return sorted([lemma, pattern, code, src] for (lemma, pattern), (code, src) in merged.items())


def build_light(data: Path, known: set[str]) -> list[list[str]]:
    """Noun-incorporated patterns of CAMEO.2.0: ``- * NOUN (PREP ...) [code] # VERB`` → one row
    (verb lemma, noun, preposition, code) each, ``&SET`` nouns expanded to their members.

    ``- * TALKS (WITH ...) [040] # HOLD`` gives ``hold talk with 040``: the patterns that
    fold a noun into the predicate ("hold talks with", "sign agreement with"), which
    :func:`kg.dictionaries.light_event_type` reads to code noun-incorporated predicates.
    """
    text = (data / "cameo_verb_dictionary" / "CAMEO.2.0.txt").read_text(encoding="utf-8")
    sets: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("&"):
            current = line.strip().split()[0]
            sets[current] = []
        elif current and line.startswith("+"):
            word = line[1:].split("#")[0].strip().lower().rstrip("_")
            if word and re.fullmatch(r"[a-z-]+", word):
                sets[current].append(word)
        elif not line.strip():
            current = None
    rows: dict[tuple[str, str, str], str] = {}
    verbs: list[str] = []
    for line in text.splitlines():
        comment_verb = (line.partition("#")[2].split() or [""])[0].lower()
        body = re.split(r"[#;]", line, maxsplit=1)[0].rstrip()
        if re.match(r"---\s+(.+?)\s+\[", body):
            verbs = []
            continue
        m = re.fullmatch(r"\+?([A-Z][A-Z'-]*)\s*(?:\{[^}]*\})?\s*(?:\[[^\]]*\])?\s*", body.strip())
        if m and not body.startswith("-"):
            verbs.append(m.group(1).lower())
            continue
        m = re.fullmatch(r"-\s*\*\s+(&?[A-Z][A-Z_-]*)\s+\(([A-Z]+)\b.*?\[([^\]]*)\]\s*", body)
        if not m or (code := verb_code(m.group(3), known)) is None:
            continue
        noun, prep = m.group(1), m.group(2).lower()
        if prep not in PARTICLES or noun.lower() in PARTICLES:
            continue
        nouns = sets.get(noun, []) if noun.startswith("&") else [noun.lower().rstrip("_")]
        lemmas = [comment_verb] if comment_verb and comment_verb in verbs else verbs[:1]
        for lemma in lemmas:
            for n in nouns:
                n = n[:-1] if len(n) > 3 and n.endswith("s") and not n.endswith("ss") else n
                if "_" not in n:
                    rows.setdefault((lemma, n, prep), code)
    return sorted([v, n, p, c] for (v, n, p), c in rows.items())


PATTERN_SUPPLEMENT = """
<!-- newskg additions: patterns CAMEO.2.0 lacks, in its own format (the verbs are CAMEO.2.0's). -->
--- LAUNCH_KG [---] ---
LAUNCH
+CARRY_OUT {+CARRIES_OUT +CARRIED_OUT +CARRYING_OUT}
CONDUCT
- * {AIR STRIKE}  [195]
- * {AIR STRIKES}  [195]
- * AIRSTRIKES  [195]
- * {AIR RAIDS}  [195]
- * {DRONE STRIKE}  [195]
- * {DRONE STRIKES}  [195]
"""


def build_patterns(data: Path, known: set[str]) -> str:
    """CAMEO.2.0 as the project's pattern dictionary (read by :mod:`kg.verbdict`): the file as
    published (its MIT notice kept) under a header naming its source, codes not in
    ``cameo_codes.tsv`` replaced by their three-digit parent (or ``---``), then
    :data:`PATTERN_SUPPLEMENT`."""
    source = data / "cameo_verb_dictionary" / "CAMEO.2.0.txt"
    text = source.read_text(encoding="utf-8")

    def fix(m: re.Match) -> str:
        parts = m.group(1).split(":")
        out = []
        for part in parts:
            code = part.strip()
            if code in ("", NULL_CODE) or code in known:
                out.append(code)
            else:
                out.append(verb_code(code, known) or NULL_CODE)
        return "[" + ":".join(out) + "]"

    defined = set(re.findall(r"^(&[A-Z0-9_]+)", text, flags=re.M))
    lines = []
    for line in text.splitlines():
        body = line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
        if body.strip():
            line = re.sub(r"\[([^\]]*)\]", fix, body) + line[len(body):]
        used = ({w for w in re.split(r"[\s_{}()/]+", body) if w.startswith("&")}  # "&FIGHT_GAMES": &FIGHT, GAMES
                if body.startswith("-") else set())
        if used - {d.rstrip("_") for d in defined}:
            line = "# newskg: undefined synset, pattern left out: " + line  # PETRARCH skips it too
        lines.append(line.rstrip())
    header = ("# newskg: CAMEO.2.0 verb-pattern dictionary (PETRARCH-2 format), converted by\n"
              "# scripts/convert_dictionaries.py from github.com/openeventdata/petrarch2,\n"
              "# petrarch2/data/dictionaries/CAMEO.2.0.txt (MIT licence, (c) 2015 Open Event Data Alliance;\n"
              "# notice below). Codes unknown to cameo_codes.tsv are replaced by their 3-digit parent.\n#\n")
    return header + "\n".join(lines) + "\n" + PATTERN_SUPPLEMENT


def build_ttl(codes: list[list[str]]) -> str:
    from rdflib import RDF, SKOS, XSD, Graph, Literal, Namespace, URIRef

    kgo = Namespace("https://w3id.org/newskg/ontology#")
    base = "https://w3id.org/newskg/cameo/"
    g = Graph()
    g.bind("kgo", kgo)
    g.bind("skos", SKOS)
    g.bind("cameo", Namespace(base))
    scheme = URIRef(base)
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, SKOS.prefLabel, Literal("CAMEO event codes", lang="en")))
    present = {c[0] for c in codes}
    for code, level, root, name, gold, quad in codes:
        node = URIRef(base + code)
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.notation, Literal(code)))
        g.add((node, SKOS.prefLabel, Literal(name, lang="en")))
        g.add((node, SKOS.inScheme, scheme))
        if level == "0":
            g.add((node, SKOS.topConceptOf, scheme))
            g.add((scheme, SKOS.hasTopConcept, node))
        else:
            parent = code[:3] if level == "2" and code[:3] in present else root
            g.add((node, SKOS.broader, URIRef(base + parent)))
        if gold:
            g.add((node, kgo.goldstein, Literal(Decimal(gold), datatype=XSD.decimal)))
        if quad:
            g.add((node, kgo.quadClass, Literal(int(quad), datatype=XSD.integer)))
    return g.serialize(format="turtle")


def write_tsv(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(v.replace("\t", " ") for v in row) + "\n")


def convert(data: Path, out: Path) -> None:
    """Read ``data`` (the shared data folder) and write every generated file below ``out``."""
    dictionaries = out / "ontologies" / "dictionaries"
    write_tsv(dictionaries / "actors.tsv", ["name", "canonical", "type", "country", "code", "roles"],
              build_actors(data))
    write_tsv(dictionaries / "agents.tsv", ["noun", "code", "source"], build_agents(data))
    codes = build_codes(data)
    write_tsv(dictionaries / "cameo_codes.tsv",
              ["code", "level", "root_code", "name", "goldstein", "quad_class"], codes)
    write_tsv(dictionaries / "cameo_verbs.tsv", ["lemma", "pattern", "code", "source"],
              build_verbs(data, {c[0] for c in codes}))
    write_tsv(dictionaries / "cameo_light.tsv", ["lemma", "noun", "preposition", "code"],
              build_light(data, {c[0] for c in codes}))
    (dictionaries / "cameo_patterns.txt").write_text(build_patterns(data, {c[0] for c in codes}), encoding="utf-8")
    (out / "ontologies" / "cameo.ttl").write_text(build_ttl(codes), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO, help="repository root to write into")
    args = parser.parse_args(argv)
    if not (args.data / "phoenix_actor_dictionaries").is_dir():
        parser.error(f"{args.data} does not hold phoenix_actor_dictionaries/")
    convert(args.data, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
