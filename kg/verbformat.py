"""The PETRARCH verb-dictionary format, read into verb lines and their patterns.

A verb dictionary (PETRARCH-2 ``docs/source/dictionaries.rst``; the shipped one is
``ontologies/dictionaries/cameo_patterns.txt``, converted from CAMEO.2.0 by
``scripts/convert_dictionaries.py``) holds:

- synsets: ``&NAME`` then ``+WORD`` / ``+TWO WORDS`` lines (a member may be another ``&SET``);
- verb blocks: ``--- NAME [code] ---`` then verb lines (``HOLD {HELD HOLDING} [---]``,
  ``+CORDON_OFF``, ``RE_+ARREST``: the word after ``+`` is the verb, the rest must stand
  beside it) then patterns: ``- * {ARREST WARRANTS} [173] # ISSUE``.

In a pattern ``*`` is the verb; words before it must stand before the verb, words after
it after the verb, in order (other words may come between). ``{A B}`` and ``A_B`` are
consecutive words; ``(`` ``)`` group a prepositional phrase and are otherwise ignored;
``A/B`` is either word; ``&SET`` any member of a synset; ``$`` ``+`` ``^`` mark
the source, target and skipped phrases (positions only: they match no word); ``%`` before
the verb asks for a compound subject ("Gondor and Rohan agree").
A pattern's code ``[042:043]`` is the event of the subject on the object (the second
code, for the reverse direction, is not used; a pattern with only a reverse code
``[:173]`` is skipped, as are TABARI's ``[+++]`` and ``[###]``); ``[---]`` means "no event". As in PETRARCH the verbs of a block are
synonyms and its patterns serve each of them, except that a pattern whose ``# VERB``
comment names verbs of the block serves only those (CAMEO.2.0 records so the verb each
pattern was written for: "END a MEETING" is not "ABORT a MEETING").

:func:`read_verbs` gives the verb lines by lemma and by word form; :mod:`kg.verbdict`
matches a verb in its clause against them.

>>> lemmas, forms = read_verbs('''
... --- MEET [040] ---
... HOLD {HOLDS HELD HOLDING} [---]
... - * {PEACE TALKS} [045] # HOLD
... ''')
>>> [(v.code, v.patterns[0].after, v.patterns[0].code) for v in lemmas["hold"]]
[('', ((('peace', 'talks'),),), '045')]
>>> sorted(forms)
['held', 'hold', 'holding', 'holds']
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from kg.errors import DictionaryError

log = logging.getLogger(__name__)

__all__ = ["Element", "Phrase", "VerbLine", "VerbPattern", "read_verbs"]

_MARKERS = frozenset({"$", "+", "%", "^"})
_COMMENT = re.compile(r"<!--.*?-->")
_BLOCK = re.compile(r"---\s*(.*?)\s*(?:\[([^\]]*)\])?\s*(?:---)?\s*$")
_CODE = re.compile(r"\[([^\]]*)\]")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'\-]*")

Phrase = tuple[str, ...]
"""Consecutive lower-case words."""
Element = tuple[Phrase, ...]
"""Alternatives: any one phrase matches."""


@dataclass(frozen=True)
class VerbPattern:
    """One ``- ... * ... [code]`` line: its elements before and after the verb.

    Attributes:
        before: elements that must stand before the verb, in order.
        after: elements that must stand after the verb, in order.
        code: the event code, ``""`` for ``[---]`` (no event).
        source: ``file:line`` of the pattern.
    """

    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: str
    source: str
    compound: bool = False
    """``%`` before the verb: the subject is compound ("X and Y agree")."""

    @property
    def words(self) -> int:
        """How many words the pattern asks for (its specificity; ``%`` counts as one)."""
        return sum(min(len(p) for p in e) for e in (*self.before, *self.after)) + self.compound


@dataclass(frozen=True)
class VerbLine:
    """A verb line: its code (own, else the block's) and, for a multi-word verb, the words beside it."""

    code: str
    block: int
    before: Phrase = ()
    after: Phrase = ()
    name: str = ""
    names: frozenset[str] = frozenset()
    """The line's verb and its forms as written, lower case ("carry_out", "carried_out")."""
    patterns: list[VerbPattern] = field(default_factory=list, compare=False)


def read_verbs(text: str, name: str = "<verbs>") -> tuple[dict[str, list[VerbLine]], dict[str, list[VerbLine]]]:
    """The verb lines of verb-dictionary text, by lemma and by word form (each verb, its
    ``{...}`` forms, else its regular forms), patterns attached; ``name`` is used in errors.

    Raises:
        DictionaryError: a malformed line (the message names ``name`` and the line).
    """
    reader = _Reader(name)
    reader.read(text)
    return reader.verbs, reader.forms


class _Reader:
    """One pass over a verb-dictionary text."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.verbs: dict[str, list[VerbLine]] = {}
        self.forms: dict[str, list[VerbLine]] = {}
        self.synsets: dict[str, list[Phrase]] = {}
        self.block = -1
        self.block_code = ""
        self.block_verbs: list[VerbLine] = []
        self.pending: list[tuple[int, str, str]] = []  # patterns of the block: (line, body, comment)
        self.deferred: list[tuple[int, str, list[VerbLine]]] = []

    def fail(self, line: int, message: str) -> DictionaryError:
        return DictionaryError(f"{self.name}, line {line}: {message}")

    def read(self, text: str) -> None:
        synset: str | None = None
        in_comment = False
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw
            if in_comment:
                if "-->" not in line:
                    continue
                line, in_comment = line.split("-->", 1)[1], False
            line = _COMMENT.sub(" ", line)
            if "<!--" in line:
                line, in_comment = line.split("<!--", 1)[0], True
            if line.lstrip().startswith("#"):
                continue
            body, comment = _split_comment(line)
            if not body:
                if synset is not None and self.synsets[synset]:
                    synset = None
                continue
            if body.startswith("~"):
                continue  # a PETRARCH-2 transformation (verb of a verb): not read
            if body.startswith("&"):
                synset = self._synset_name(number, body)
                self.synsets[synset] = []
                continue
            if body.startswith("+") and synset is not None:
                self.synsets[synset].extend(self._members(number, body[1:]))
                continue
            synset = None
            if body.startswith("---"):
                self._close()
                m = _BLOCK.fullmatch(body)
                if m is None:
                    raise self.fail(number, f"a verb block starts '--- NAME [code] ---', got {body!r}")
                self.block += 1
                self.block_code = self._code(number, m.group(2)) if m.group(2) is not None else ""
                continue
            if body.startswith("-"):
                if self.block < 0:
                    raise self.fail(number, "a pattern before any '--- NAME [code] ---' verb block")
                if not self.block_verbs:
                    raise self.fail(number, "a pattern before the block's verbs")
                self.pending.append((number, body[1:].strip(), comment))
                continue
            if self.block < 0:
                raise self.fail(number, f"a verb line before any '--- NAME [code] ---' block: {body!r}")
            if self.pending:  # verbs after patterns: a new group in the same block
                self._close(keep_block=True)
            self._verb_line(number, body)
        self._close()
        self._attach()

    def _synset_name(self, number: int, body: str) -> str:
        name = body.split()[0].rstrip("_").upper()
        if not re.fullmatch(r"&[A-Z0-9_]+", name):
            raise self.fail(number, f"a synset name is '&' and letters, got {body.split()[0]!r}")
        return name

    def _members(self, number: int, text: str) -> list[Phrase]:
        text = text.strip().rstrip("_").strip()
        if text.startswith("&"):
            name = text.split()[0].rstrip("_").upper()
            if name not in self.synsets:
                raise self.fail(number, f"synset {name} is used before it is defined")
            return list(self.synsets[name])
        words = tuple(w for w in re.split(r"[\s_]+", text.lower()) if w)
        if not words:
            raise self.fail(number, "an empty synset member")
        return [words]

    def _code(self, number: int, text: str) -> str:
        """``"042:043"`` → ``"042"``; ``"---"`` (and TABARI's ``+++``, ``###``) → ``""``; ``":173"``
        (a code for the reverse direction only) → ``":"``."""
        code = text.split(":")[0].strip()
        if not code and ":" in text and text.split(":")[1].strip():
            return ":"
        if set(code) <= set("-+#"):  # "---", TABARI's "+++" and "###", or empty: no event
            return ""
        m = re.match(r"[A-Za-z0-9]+", code)  # "080!" (a reviewer's mark) is 080
        if m is None:
            raise self.fail(number, f"an event code is digits in [...], got [{text}]")
        return m.group(0)

    def _verb_line(self, number: int, body: str) -> None:
        codes = _CODE.findall(body)
        own = self._code(number, codes[-1]) if codes else None
        head = _CODE.sub(" ", body)
        head = re.sub(r"\{[^}]*\}", " ", head).strip()
        if "{" in head or "}" in head:
            raise self.fail(number, f"unbalanced braces in verb line {body!r}")
        if not head:
            raise self.fail(number, f"a verb line names a verb, got {body!r}")
        parts = [p for p in re.split(r"[_\s]+", head.lower()) if p]  # "LASH OUT" as "LASH_OUT"
        marked = [i for i, p in enumerate(parts) if p.startswith("+")]
        if len(parts) > 1 and not marked:
            marked = [0]
        at = marked[0] if marked else 0
        parts = [p.lstrip("+") for p in parts]
        if not all(_WORD.fullmatch(p) for p in parts):
            raise self.fail(number, f"a verb line has words of letters, got {body!r}")
        code = own if own is not None else self.block_code
        if code == ":":
            code = ""
        forms = re.search(r"\{([^}]*)\}", body)
        names = {"_".join(parts), *(f.lower().replace("+", "") for f in (forms.group(1).split() if forms else ()))}
        verb = VerbLine(code, self.block, tuple(parts[:at]), tuple(parts[at + 1:]), f"{self.name}:{number}",
                     frozenset(names))
        self.block_verbs.append(verb)
        lemma = parts[at]
        self.verbs.setdefault(lemma, []).append(verb)
        if forms:  # as PETRARCH: the forms given, else the regular ones
            found = []
            for form in forms.group(1).split():
                word = [p for p in form.lower().split("_") if p]
                found.append(next((p for p in word if p.startswith("+")), word[0] if word else "").lstrip("+"))
        else:
            found = [lemma + "s", *((lemma + "d", lemma[:-1] + "ing") if lemma.endswith("e")
                                    else (lemma + "ed", lemma + "ing"))]
        for w in {lemma, *found}:
            if w and _WORD.fullmatch(w):
                self.forms.setdefault(w, []).append(verb)

    def _close(self, keep_block: bool = False) -> None:
        """Set the block's pending patterns aside with the verbs they serve (read at the end of
        the file: a synset may be defined after the patterns that use it)."""
        verbs = list(self.block_verbs)
        for number, body, comment in self.pending:
            named = [v for v in verbs if comment and _names(v, comment)]
            self.deferred.append((number, body, named or verbs))
        self.pending = []
        if not keep_block:
            self.block_verbs = []

    def _attach(self) -> None:
        for number, body, verbs in self.deferred:
            try:
                pattern = self._pattern(number, body)
            except _Undefined as exc:  # as PETRARCH: the pattern is skipped
                log.warning("%s, line %d: synset %s is not defined; pattern skipped", self.name, number, exc)
                continue
            if pattern is not None:
                for verb in verbs:
                    verb.patterns.append(pattern)
        self.deferred = []

    def _pattern(self, number: int, body: str) -> VerbPattern | None:
        codes = _CODE.findall(body)
        if not codes:
            raise self.fail(number, f"a pattern ends with its code in [...], got {body!r}")
        if codes[-1].strip() in ("+++", "###"):
            return None  # TABARI's complex-event and discard marks: PETRARCH-2 codes the verb instead
        code = self._code(number, codes[-1])
        if code == ":":
            return None  # only the reverse direction is coded
        text = body[: body.rfind("[")]
        if text.count("{") != text.count("}"):
            raise self.fail(number, f"unbalanced braces in pattern {body!r}")
        text = re.sub(r"\{([^}]*)\}", lambda m: "_".join(m.group(1).split()), text)
        text = text.replace("(", " ").replace(")", " ").replace("*", " * ")
        tokens = [t for t in text.replace("_*", " * ").replace("*_", " * ").split()]
        if tokens.count("*") != 1:
            raise self.fail(number, f"a pattern has exactly one '*' (the verb), got {body!r}")
        star = tokens.index("*")
        before = [e for e in (self._element(number, t) for t in tokens[:star]) if e]
        after = [e for e in (self._element(number, t) for t in tokens[star + 1:]) if e]
        return VerbPattern(tuple(before), tuple(after), code, f"{self.name}:{number}", "%" in tokens[:star])

    def _element(self, number: int, token: str) -> Element:
        if token in _MARKERS or token in ("...", ".."):
            return ()
        phrases: list[Phrase] = [()]
        for part in token.split("_"):
            if not part or part in _MARKERS:
                continue
            options: list[Phrase] = []
            for alt in part.split("/"):
                if alt.startswith("&"):
                    name = alt.rstrip("_").upper()
                    if name not in self.synsets:
                        raise _Undefined(name)
                    options.extend(self.synsets[name])
                elif _WORD.fullmatch(alt.strip(".,")):
                    options.append((alt.strip(",").lower(),))
                elif alt:
                    raise self.fail(number, f"cannot read {alt!r} in a pattern")
            phrases = [p + o for p in phrases for o in options] if options else phrases
        return tuple(p for p in phrases if p)


def _split_comment(line: str) -> tuple[str, str]:
    """(body, comment) of a line: a comment starts at ``#`` outside ``[...]`` ("[###]" is a code) or at ``;``."""
    depth = 0
    for i, c in enumerate(line):
        if c == "[":
            depth += 1
        elif c == "]":
            depth = max(0, depth - 1)
        elif (c == "#" and depth == 0) or c == ";":
            return line[:i].strip(), line[i + 1:].strip()
    return line.strip(), ""


def _names(verb: VerbLine, comment: str) -> bool:
    """True when a ``# VERB , VERB`` comment names this verb line ("CARRIED_OUT" names carry out)."""
    return any(w.lower() in verb.names for w in re.split(r"[,\s]+", comment) if w)


class _Undefined(Exception):
    """A pattern names a synset the file does not define."""
