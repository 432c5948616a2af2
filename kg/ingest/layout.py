"""Document structure: front matter, title, headings, byline, dateline and boilerplate.

News files are not all body text. :func:`read_layout` finds the parts that are
not, line by line, so that extraction never reads a headline glued to the first
sentence nor a "Read more:" teaser (README, "How a document is read"):

* **front matter**: a YAML block between ``---`` lines at the very start
  (``title``, ``date``/``published``, ``url``, ``id`` are read from it);
* **title**: a Markdown ``#`` (or underlined) heading; the line equal to the
  title the input gave; or a first line that looks like a headline (at most
  150 characters, no final ``.`` ``,`` ``;`` ``:``) with more text after it;
* **heading**: later Markdown headings, and short lines standing alone between
  blank lines written in Title Case or capitals;
* **byline**: "By Jane Doe", "By Jane Doe and John Roe, Reuters";
* **dateline**: the place-and-agency prefix of the first paragraph ("WASHINGTON
  (Reuters) -", "KYIV, Ukraine (AP) —"), the prefix only;
* **boilerplate**: lines such as "Read more: …", "Related: …", "Follow us …",
  share and subscribe lines, photo credits, "Reporting by …" trailers.

A title or heading written as a sentence ("Israel strikes Beirut suburb") is
kept for extraction, as its own sentence (``Region.extracted``); one in Title
Case ("Dermer Holds Talks in Washington") is not read. :func:`blank_regions`
gives the text extraction reads: every region not extracted replaced by spaces,
so the length and every offset stay the same.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from kg.records import Region

__all__ = ["read_layout", "Layout", "FrontMatter", "read_front_matter", "blank_regions", "is_title_case",
           "title_text", "MAX_TITLE_CHARS"]

log = logging.getLogger("kg.ingest")

MAX_TITLE_CHARS = 150
MAX_HEADING_CHARS = 100
_FRONT_MATTER_LINES = 200
_NOT_HEADLINE_END = (".", ",", ";", ":")
_SENTENCE_END = (".", "!", "?", ":", ";", ",", '"', "”", "’", "'", ")")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_ALNUM = re.compile(r"\w")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_SMALL_WORDS = frozenset(
    "a an the and or but nor for of in on at to by as with from into onto over under up off out per via vs "
    "v than after before amid against about between upon".split()
)

_BYLINE = re.compile(r"^\s*by\s+(?P<names>\S.*)$", re.IGNORECASE)
_BYLINE_LOWER = frozenset("and of the in at for with staff reporter reporters correspondent correspondents "
                          "editor writer in and news desk".split())
_DATELINE = re.compile(
    r"""^\s*(?P<place>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*)    # WASHINGTON, GAZA CITY, U.S.
    (?:,\s*[A-Z][\w.'’]*(?:\s+[A-Z0-9][\w.'’]*){0,3})?             # , Ukraine   , Oct 11
    \s*(?P<agency>\([A-Za-z][\w&.'’ /-]{0,40}\))?                   # (Reuters)
    \s*(?P<dash>[-–—_]{1,2})(?=\s|$)[ \t]*""",
    re.VERBOSE,
)
_BOILERPLATE = re.compile(
    r"""^\s*[\W_]{0,3}\s*(?:
        read\s+(?:more|also|next|the\s+full\s+story)\b
      | related(?:\s+(?:articles?|stories|story|coverage|content|links?|reading|topics?))?\s*(?::|$)
      | see\s+also\s*:
      | more\s+(?:on\s+this(?:\s+story)?|from\s+\w+|stories)\s*:
      | (?:also\s+)?(?:recommended|most\s+read|most\s+popular|trending|top\s+stories)\s*(?::|$)
      | follow\s+(?:us|@|\w+(?:\s+\w+){0,3}\s+on\s+(?:twitter|x|facebook|instagram|telegram|threads|bluesky))
      | (?:share|tweet|email|print)(?:\s+(?:this|on|via|the)\b.*)?\s*$
      | share\s+(?:this|on|via)\b
      | subscribe\b | sign\s+up\b | click\s+here\b | continue\s+reading\b | listen\s+to\s+this\s+(?:article|story)
      | advertisement\s*$ | (?:watch|listen|video|live)\s*:
      | (?:tags|topics|filed\s+under|keywords)\s*:
      | (?:(?:file|main|top|header|lead)\s+)?(?:photo(?:graph)?s?|image|picture|pictured|credit|caption)\s*(?::|by\b|credit)
      | ©|\(c\)\s|copyright\b|all\s+rights\s+reserved
      | (?:additional\s+)?reporting\s+by\b | (?:writing|editing|compiled|contributed)\s+by\b
      | this\s+(?:story|article)\s+(?:was|has\s+been)\s+(?:updated|corrected|amended|produced)
      | (?:updated|published|last\s+updated)\s*:
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_SOCIAL = re.compile(
    r"^\s*(?:(?:facebook|twitter|x|linkedin|email|e-mail|whatsapp|telegram|reddit|print|copy\s+link|share|messenger)"
    r"[\s|•·,/]*){2,}$",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"(?:\b(?:REUTERS|Reuters|AFP|AP|EPA|Getty\s+Images|Bloomberg|Xinhua|Anadolu)\s*/\s*[A-Z][\w.'’-]*"
    r"(?:\s+[A-Z][\w.'’-]*){0,3}\s*\)?\s*$"
    r"|\((?:AP\s+)?Photo(?:graph)?\s*(?::|by|/)[^)]*\)\s*$"
    r"|\bvia\s+Getty\s+Images\s*\)?\s*$"
    r"|\b(?:Photo|Image)\s*:\s*[A-Z][^.]*$)"
)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The metadata of a YAML front-matter block (each field None when absent or unusable)."""

    end: int
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Layout:
    """The regions of a document and its front matter, if any."""

    regions: tuple[Region, ...] = ()
    front_matter: FrontMatter | None = None
    title: str | None = field(default=None)

    def region(self, kind: str) -> Region | None:
        """The first region of ``kind``, or None."""
        return next((r for r in self.regions if r.kind == kind), None)


def _lines(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """``(start, end, line)`` for each line from ``start``; ``end`` excludes the line ending (LF or CRLF)."""
    out = []
    pos = start
    while pos <= len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl == -1 else nl
        end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        out.append((pos, end, text[pos:end]))
        if nl == -1:
            break
        pos = nl + 1
    return out


def _iso_date(value: object, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        log.warning("%s: front matter date %r is not an ISO date; left empty", where, text)
        return None


def _scalar(value: object) -> str | None:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def read_front_matter(text: str, *, source: str = "<text>") -> FrontMatter | None:
    """The YAML front matter at the start of ``text`` (``---`` … ``---`` or ``...``), or None.

    A block that is not a YAML mapping is not front matter (a text may begin
    with a ``---`` rule). ``published`` is read from ``published`` or ``date``.

    >>> fm = read_front_matter("---\\ntitle: Talks resume\\ndate: 2024-10-11\\n---\\nBody.\\n")
    >>> fm.title, fm.published.isoformat(), fm.end
    ('Talks resume', '2024-10-11', 44)
    """
    if not text.startswith("---"):
        return None
    lines = _lines(text)
    if not _FENCE.match(lines[0][2]) or lines[0][2].startswith("..."):
        return None
    for number, (_, end, line) in enumerate(lines[1:_FRONT_MATTER_LINES], start=1):
        if _FENCE.match(line):
            break
    else:
        return None
    import yaml

    block = text[lines[0][1] + 1 : lines[number][0]]
    try:
        data = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    close = lines[number][1]
    stop = close + 1 if close < len(text) and text[close] == "\r" else close
    return FrontMatter(
        end=min(len(text), stop),
        title=_scalar(data.get("title")),
        published=_iso_date(data.get("published", data.get("date")), source),
        url=_scalar(data.get("url") or data.get("link")),
        id=_scalar(data.get("id")),
    )


def is_title_case(line: str) -> bool:
    """True when a headline is written in Title Case (or capitals), False for sentence case.

    Small words (articles, short prepositions, conjunctions) are not counted;
    at least four in five of the other words after the first must be capitalised.

    >>> is_title_case("Dermer Holds Talks in Washington as Allies Debate Response to Iran")
    True
    >>> is_title_case("Israel strikes Beirut suburb as Hezbollah fires rockets")
    False
    """
    words = _WORD.findall(line)
    if not words:
        return False
    if line.upper() == line:
        return True
    rest = [w for w in words[1:] if w.lower() not in _SMALL_WORDS]
    if not rest:
        return words[0][0].isupper()
    return sum(1 for w in rest if w[0].isupper()) >= 0.8 * len(rest)


def title_text(line: str, *, markdown: bool = False) -> str:
    """The title value of a title line: stripped, without Markdown heading marks.

    >>> title_text("## Ceasefire holds ##", markdown=True)
    'Ceasefire holds'
    """
    line = line.strip()
    if markdown:
        line = _ATX_CLOSE.sub("", _ATX.sub("", line)).strip()
    return line


def _same_title(line: str, title: str | None) -> bool:
    if not title:
        return False

    def key(s: str) -> str:
        return " ".join(s.casefold().replace("’", "'").split()).rstrip(" .!?:;,'\"”")

    return bool(key(title)) and key(line) == key(title)


def _looks_like_headline(line: str) -> bool:
    line = line.strip()
    return (bool(line) and len(line) <= MAX_TITLE_CHARS and not line.endswith(_NOT_HEADLINE_END)
            and bool(_ALNUM.search(line)))


def _is_byline(line: str) -> bool:
    match = _BYLINE.match(line)
    if not match or len(line) > 120:
        return False
    names = match.group("names").strip()
    words = _WORD.findall(names)
    if not words or len(words) > 14 or not names[0].isupper() or names.endswith((".", "?", "!")) and \
            not re.search(r"\b[A-Z]\.$", names):
        return False
    return all(w[0].isupper() or w.lower() in _BYLINE_LOWER for w in words)


def _is_boilerplate(line: str) -> bool:
    if len(line) > 400:
        return False
    return bool(_BOILERPLATE.match(line) or _SOCIAL.match(line) or _PHOTO_CREDIT.search(line))


def _dateline(line: str) -> int:
    """The length of the dateline prefix of ``line`` (0 when there is none)."""
    match = _DATELINE.match(line)
    if not match:
        return 0
    place = match.group("place")
    if sum(ch.isalpha() for ch in place) < 2 or (not match.group("agency") and len(place.replace(".", "")) < 3):
        return 0
    return match.end()


def _heading_alone(lines: list[tuple[int, int, str]], i: int) -> bool:
    """A short Title Case or capitals line with a blank line (or the text's edge) on each side."""
    line = lines[i][2].strip()
    if not line or len(line) > MAX_HEADING_CHARS or line.endswith(_SENTENCE_END) or not _ALNUM.search(line):
        return False
    before = i == 0 or not lines[i - 1][2].strip()
    after = i + 1 >= len(lines) or not lines[i + 1][2].strip()
    return before and after and is_title_case(line)


def read_layout(text: str, *, markdown: bool = False, title: str | None = None,
                source: str = "<text>") -> Layout:
    """The regions of a document text that are not body text (see the module docstring).

    Args:
        text: the document text (offsets of the regions index it).
        markdown: the text is Markdown (``#`` and underlined headings).
        title: the title the input gave (JSONL ``title``, HTML metadata, front
            matter): a first line equal to it is the title line.
        source: the input's name, for warnings.

    Returns:
        The regions in text order, the front matter, and the title found in the
        text (Markdown marks removed), if any.

    >>> layout = read_layout("Dermer Holds Talks\\n\\nBy Ann Lee\\n\\nDermer met Sullivan.\\n\\nRead more: Talks\\n")
    >>> [(r.kind, r.extracted) for r in layout.regions]
    [('title', False), ('byline', False), ('boilerplate', False)]
    >>> layout.title
    'Dermer Holds Talks'
    """
    regions: list[Region] = []
    front = read_front_matter(text, source=source)
    start = 0
    if front is not None:
        regions.append(Region("front-matter", 0, front.end))
        start = front.end
        title = title or front.title
    lines = _lines(text, start)
    found_title: str | None = None
    i = 0
    while i < len(lines) and not lines[i][2].strip():
        i += 1
    body_start = i
    if i < len(lines):
        s, e, line = lines[i]
        more = any(rest[2].strip() for rest in lines[i + 1 :])
        underlined = markdown and i + 1 < len(lines) and _SETEXT.match(lines[i + 1][2]) and line.strip()
        atx = markdown and _ATX.match(line)
        follows_blank = i + 1 < len(lines) and not lines[i + 1][2].strip()
        other = _is_byline(line) or _is_boilerplate(line.strip()) or _dateline(line) >= len(line.rstrip())
        hashtag = markdown and line.lstrip().startswith("#") and not atx
        if more and not other and not hashtag and (atx or underlined or _same_title(line, title)
                     or (_looks_like_headline(line) and (follows_blank or not line.rstrip().endswith(_SENTENCE_END)))):
            value = title_text(line, markdown=bool(atx))
            if value and _ALNUM.search(value):
                end = lines[i + 1][1] if underlined else e
                regions.append(Region("title", s, end, extracted=not is_title_case(value)))
                found_title = value
                body_start = i + (2 if underlined else 1)
    first_paragraph = True
    several_lines = sum(1 for _, _, other in lines if other.strip()) > 1
    for j in range(body_start, len(lines)):
        s, e, line = lines[j]
        stripped = line.strip()
        if not stripped:
            continue
        if markdown and _SETEXT.match(line) and j > body_start and lines[j - 1][2].strip():
            continue  # the underline of a heading already taken
        if markdown and (_ATX.match(line) or (j + 1 < len(lines) and _SETEXT.match(lines[j + 1][2])
                                             and not _SETEXT.match(line))):
            value = title_text(line, markdown=True)
            end = lines[j + 1][1] if not _ATX.match(line) else e
            regions.append(Region("heading", s, end, extracted=bool(value) and not is_title_case(value)))
            continue
        if _is_byline(stripped):
            regions.append(Region("byline", s, e))
            continue
        if _is_boilerplate(stripped):
            regions.append(Region("boilerplate", s, e))
            continue
        if first_paragraph:
            first_paragraph = False
            cut = _dateline(line)
            if cut:
                regions.append(Region("dateline", s, s + cut))
                continue
        if several_lines and _heading_alone(lines, j):  # a text of one line is body text
            regions.append(Region("heading", s, e))
    return Layout(regions=tuple(regions), front_matter=front, title=found_title)


def blank_regions(text: str, regions: tuple[Region, ...] | list[Region]) -> str:
    """``text`` with every region that is not extracted replaced by spaces (line breaks kept).

    >>> blank_regions("Read more: x\\nBody.", [Region("boilerplate", 0, 12)])
    '            \\nBody.'
    """
    hidden = [r for r in regions if not r.extracted and r.end > r.start]
    if not hidden:
        return text
    parts = []
    pos = 0
    for r in sorted(hidden, key=lambda r: r.start):
        if r.start < pos:
            continue
        parts.append(text[pos : r.start])
        parts.append(re.sub(r"[^\n]", " ", text[r.start : r.end]))
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)
