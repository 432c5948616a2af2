"""Who speaks inside a quotation, across its sentences.

A quotation is attributed once, at its edge, and every sentence inside it is that speaker's:

- closing side: right after the closing mark, a clause of saying (``"...," Lena Ruiz said.``,
  ``"...," said Ruiz``) or a dash and a name (``"..." ― Lena Ruiz``);
- opening side: right before the opening mark, a verb of saying and a colon or comma
  (``Ruiz said: "..."``, ``Ruiz continued:`` at the end of the previous paragraph);
- a quotation with neither, right after another one in the same paragraph, continues it
  (``"A," Ruiz said. "B. C."``: B and C are Ruiz's).

A quotation runs from its opening mark to its closing mark, or to the end of its paragraph
when the closing mark is missing (a quote continued in the next paragraph reopens there).
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
        elif start is None and (text in _OPEN or text in _STRAIGHT):
            start = token.i
        elif start is not None and (text in _CLOSE or text in _STRAIGHT):
            found.append((start, token.i))
            start = None
    if start is not None:
        found.append((start, len(doc)))
    return found


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
    if words and words[0].text in _DASHES:
        names = [t for t in words[1:] if t.pos_ == "PROPN"]
        return names[-1] if names and names[0].i == words[1].i else None
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


def quote_speakers(doc: "Doc") -> "dict[int, Token]":
    """Token index → the head of its speaker, for every token inside an attributed quotation."""
    speakers: dict[int, Token] = {}
    previous: tuple[int, Token | None] | None = None  # the last quotation's end and speaker
    for first, last in _quotations(doc):
        speaker = _after(doc, last) if last < len(doc) and not _paragraph_break(doc[last]) else None
        speaker = speaker or _before(doc, first)
        if speaker is None and previous is not None and previous[1] is not None:
            said = previous[1]  # only the clause of saying lies between: "A," Ruiz said. "B. C."
            if first > 0 and said.sent.start <= first - 1 < said.sent.end and previous[0] >= said.sent.start:
                speaker = said
        if speaker is not None:
            for i in range(first + 1, last):
                if speaker.i != i:
                    speakers[i] = speaker
        previous = (last, speaker)
    return speakers
