"""Who speaks inside a quotation, across its sentences.

A quotation is attributed once, at its edge, and every sentence inside it is that speaker's:

- closing side: right after the closing mark, a clause of saying (``"...," Lena Ruiz said.``,
  ``"...," said Ruiz``) or a dash and a name (``"..." ― Lena Ruiz``);
- opening side: right before the opening mark, a verb of saying and a colon or comma
  (``Ruiz said: "..."``, ``Ruiz continued:`` at the end of the previous paragraph);
- a quotation with neither, right after another one in the same paragraph, continues it
  (``"A," Ruiz said. "B. C."``: B and C are Ruiz's).

A quotation runs from its opening mark to its closing mark, or to the end of its paragraph
when the closing mark is missing (a quote continued in the next paragraph reopens there); a
closing mark that starts a paragraph is a mistyped opening one.

A transcript's speaker label (``PENCE: Well, look, ...``: a paragraph that starts with a name in
capitals and a colon, the name of a person the article names) makes the rest of the paragraph
that speaker's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import patterns as P

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["quote_speakers"]

_OPEN = frozenset({"\u201c", "``"})
_CLOSE = frozenset({"\u201d"})
_STRAIGHT = frozenset({'"', "''"})
_DASHES = frozenset({"\u2015", "\u2014", "\u2013", "-", "--"})
_QUOTING_VERBS = P.SPEECH_VERBS | frozenset({"continue", "ask", "reply", "respond", "answer", "write", "tweet"})
_REACH = 4  # tokens between a quotation mark and the verb of saying that attributes it ("," "she" "said")


def _paragraph_break(token: "Token") -> bool:
    return token.is_space and "\n" in token.text


def _closing(token: "Token") -> bool:
    """A closing mark, also one glued to the dash that names the speaker ("”―")."""
    return token.text in _CLOSE or (token.text[:1] in _CLOSE and token.text[1:] in _DASHES)


def _quotations(doc: "Doc") -> list[tuple[int, int]]:
    """(first, last) token indices of the quotation marks that open and close each quotation."""
    found: list[tuple[int, int]] = []
    start: int | None = None
    for token in doc:
        text = token.text
        if _paragraph_break(token):
            if start is not None:
                found.append((start, token.i))  # unclosed: to the end of the paragraph
            start = None
        elif start is None and (text in _OPEN or text in _STRAIGHT or (text in _CLOSE and _starts_paragraph(token))):
            start = token.i
        elif start is not None and (_closing(token) or text in _STRAIGHT):
            found.append((start, token.i))
            start = None
    if start is not None:
        found.append((start, len(doc)))
    return found


def _starts_paragraph(token: "Token") -> bool:
    return token.i == 0 or _paragraph_break(token.doc[token.i - 1])


def _speaker_of(verb: "Token") -> "Token | None":
    if verb.lemma_.lower() not in _QUOTING_VERBS:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if subjects else None


def _after(doc: "Doc", close: int) -> "Token | None":
    """The speaker named right after a closing mark: ', X said' / ', said X' / '― X'."""
    window = []
    for token in doc[close + 1 : close + 1 + _REACH + 2]:
        if _paragraph_break(token) or token.text in _OPEN:
            break
        window.append(token)
        if token.text in (".", "!", "?"):
            break
    words = [t for t in window if not t.is_space]
    glued = doc[close].text[1:] in _DASHES and len(doc[close].text) > 1
    if glued or (words and words[0].text in _DASHES):  # "..." ― Maria Lopez: a name in capitals to the line's end
        name = [t for t in (words if glued else words[1:]) if not t.is_punct]
        if name and len(name) <= 4 and all(t.text[:1].isupper() for t in name) and not name[0].is_stop:
            return name[-1]
        return None
    for token in words[: _REACH + 1]:
        speaker = _speaker_of(token)
        if speaker is not None:
            return speaker
    return None


def _before(doc: "Doc", open_: int) -> "Token | None":
    """The speaker named right before an opening mark: 'X said: ' / 'X said, ' (also at the end of the
    previous paragraph)."""
    i = open_ - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text not in (":", ","):
        return None
    for token in reversed(doc[max(0, i - _REACH) : i]):
        if _paragraph_break(token):
            break
        speaker = _speaker_of(token)
        if speaker is not None:
            return speaker
    return None


def _transcript_labels(doc: "Doc") -> "dict[int, Token]":
    """Token index → speaker for paragraphs opened by a transcript label ("PENCE: ..."); the speaker is
    the article's mention of that person (the label in capitals is no parse of a name)."""
    people: dict[str, Token] = {}
    for e in doc.ents:
        if e.label_ == "PERSON" and e.root.is_title:
            people.setdefault(e.root.lower_, e.root)
    found: dict[int, Token] = {}
    for token in doc:
        if not _starts_paragraph(token) or token.is_space:
            continue
        i = token.i + (1 if token.text in _OPEN | _STRAIGHT else 0)
        label = []
        while i < len(doc) and doc[i].is_alpha and doc[i].is_upper and len(label) < 3:
            label.append(doc[i])
            i += 1
        if not label or i >= len(doc) or doc[i].text != ":" or label[-1].lower_ not in people:
            continue
        end = i + 1
        while end < len(doc) and not _paragraph_break(doc[end]):
            end += 1
        for j in range(i + 1, end):
            found[j] = people[label[-1].lower_]
    return found


def quote_speakers(doc: "Doc") -> "dict[int, Token]":
    """Token index → the head of its speaker, for every token inside an attributed quotation."""
    speakers: dict[int, Token] = _transcript_labels(doc)
    previous: tuple[int, Token | None] | None = None  # the last quotation's end and speaker
    for first, last in _quotations(doc):
        speaker = _after(doc, last) if last < len(doc) and not _paragraph_break(doc[last]) else None
        speaker = speaker or _before(doc, first)
        if speaker is None and previous is not None and previous[1] is not None:
            said = previous[1]  # only the clause of saying lies between: "A," Ruiz said. "B. C."
            between = doc[previous[0] : first]
            if (
                first > 0 and said.sent.start <= first - 1 < said.sent.end and previous[0] >= said.sent.start
                and not any(_paragraph_break(t) for t in between)
            ):
                speaker = said
        if speaker is not None:
            for i in range(first + 1, last):
                if speaker.i != i:
                    speakers[i] = speaker
        previous = (last, speaker)
    return speakers
