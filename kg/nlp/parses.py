"""Kept parses: spaCy DocBins beside the store, so re-extracting a corpus needs no re-parse.

``kg build --keep-parses`` writes the parse of every document it adds under
``STORE/parses/``:

* ``parts/NNNNNN-xxxxxxxx.spacy``: a :class:`spacy.tokens.DocBin` per batch of
  documents (every token attribute the extraction reads: tags, POS, morphology,
  lemmas, dependencies, entities, sentence starts), each piece carrying its
  document's metadata in ``user_data["kg"]``;
* ``manifest.jsonl``: one line per batch written to the store, ``{"part", "docs",
  "model", "version"}``, appended only after the batch is committed, so the
  manifest never lists a document the store does not hold.

``kg build --reextract`` reads them back in manifest order
(:func:`read_parsed`) and runs extraction and resolution again. A part file
whose batch never reached the manifest (an interrupted build) is ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ParseError
from kg.nlp import Piece
from kg.records import Document, Region

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["PARSES_DIR", "ParsedPart", "pack", "unpack", "pack_docs", "unpack_docs", "ParseStore"]

log = logging.getLogger(__name__)

PARSES_DIR = "parses"
_ATTRS = ("ORTH", "NORM", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "LEMMA", "MORPH",
          "POS", "SENT_START")


@dataclass(frozen=True, slots=True)
class ParsedPart:
    """One manifest entry: a DocBin file and the documents it holds, in order."""

    part: str
    docs: tuple[str, ...]
    model: str | None = None
    version: str | None = None


def _meta(document: Document, piece: Piece) -> dict[str, Any]:
    meta: dict[str, Any] = {"doc": document.id, "offset": piece.offset, "index": piece.index}
    if piece.index == 0:
        meta.update(title=document.title, url=document.url, source=document.source,
                    published=document.published.isoformat() if document.published else None,
                    regions=[[r.kind, r.start, r.end, r.extracted] for r in document.regions])
        from kg.ingest import normalise

        if normalise(document.text) != document.text:  # the parsed text is the normalised one: keep the given one
            meta["text"] = document.text
        elif document.regions:  # the parsed text has the regions blanked: keep what they hid
            meta["hidden"] = [[r.start, document.text[r.start : r.end]] for r in document.regions if not r.extracted]
    return meta


def _text(group: list["Doc"], meta: dict[str, Any]) -> str:
    """The document's text: its pieces' text with the blanked regions put back."""
    if meta.get("text") is not None:
        return meta["text"]
    text = "".join(d.text for d in group)
    hidden = meta.get("hidden")
    if not hidden:
        return text
    parts, pos = [], 0
    for start, original in hidden:
        if start < pos:
            continue
        parts.append(text[pos:start])
        parts.append(original)
        pos = start + len(original)
    parts.append(text[pos:])
    return "".join(parts)


def pack(parsed: Iterable[tuple["Doc", Piece]]) -> bytes:
    """The parsed pieces as DocBin bytes, each piece tagged with its document's metadata."""
    from spacy.tokens import DocBin

    docbin = DocBin(attrs=list(_ATTRS), store_user_data=True)
    for spacy_doc, piece in parsed:
        spacy_doc.user_data["kg"] = _meta(piece.document, piece)
        docbin.add(spacy_doc)
    return docbin.to_bytes()


_STRING_ATTRS = ("ORTH", "NORM", "TAG", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "LEMMA", "MORPH")
"""The columns of :data:`_ATTRS` that hold string hashes (the others are offsets, flags and enum ids)."""


def pack_docs(docs: Iterable["Doc"]) -> bytes:
    """Parsed Docs as bytes without metadata, for one process to hand another: the columns
    :func:`pack` keeps (``Doc.to_array``, so the extraction reads the same annotations), the
    spaces, and the strings their hashes name. Leaner than a DocBin (no per-token loop, no zlib):
    the parse's worker makes it."""
    import pickle

    import numpy as np
    from spacy.attrs import SPACY

    arrays, spaces, strings = [], [], None
    for doc in docs:
        arrays.append(doc.to_array(list(_ATTRS)))
        spaces.append(doc.to_array(SPACY).astype(bool))
        strings = doc.vocab.strings
    if not arrays:
        return pickle.dumps(([], [], []), protocol=pickle.HIGHEST_PROTOCOL)
    cols = [_ATTRS.index(a) for a in _STRING_ATTRS]
    hashes = np.unique(np.concatenate([a[:, cols].ravel() for a in arrays]))
    texts = [strings[int(h)] for h in hashes if h]
    return pickle.dumps((arrays, spaces, texts), protocol=pickle.HIGHEST_PROTOCOL)


def unpack_docs(data: bytes, vocab: "Vocab") -> list["Doc"]:
    """The Docs of :func:`pack_docs` bytes, in order, on ``vocab`` (the same pipeline's), rebuilt
    as :class:`spacy.tokens.DocBin` rebuilds them."""
    import pickle

    from spacy.tokens import Doc

    arrays, spaces, texts = pickle.loads(data)
    strings = vocab.strings
    for text in texts:
        strings.add(text)
    orth = _ATTRS.index("ORTH")
    out = []
    for array, space in zip(arrays, spaces, strict=True):
        doc = Doc(vocab, words=[strings[int(h)] for h in array[:, orth]], spaces=space.tolist())
        out.append(doc.from_array(list(_ATTRS), array))
    return out


def unpack(data: bytes, vocab: "Vocab") -> Iterator[tuple["Doc", Piece]]:
    """The pieces of DocBin bytes made by :func:`pack`, with their documents rebuilt (text, metadata)."""
    from spacy.tokens import DocBin

    docs = list(DocBin(store_user_data=True).from_bytes(data).get_docs(vocab))
    i = 0
    while i < len(docs):
        meta = docs[i].user_data.get("kg")
        if not meta or meta.get("index") != 0:
            raise ParseError("kept parse without document metadata (not written by kg?)")
        group = [docs[i]]
        i += 1
        while i < len(docs) and (docs[i].user_data.get("kg") or {}).get("index", 0) != 0:
            group.append(docs[i])
            i += 1
        published = meta.get("published")
        document = Document(
            id=meta["doc"], text=_text(group, meta), title=meta.get("title"), url=meta.get("url"),
            published=dt.date.fromisoformat(published) if published else None, source=meta.get("source"),
            regions=tuple(Region(k, s, e, x) for k, s, e, x in meta.get("regions") or ()),
        )
        for d in group:
            m = d.user_data["kg"]
            yield d, Piece(document, m["offset"], d.text, m["index"])


class ParseStore:
    """The ``parses/`` folder of a store: part files and their manifest."""

    def __init__(self, store_path: Path | str) -> None:
        self.root = Path(store_path) / PARSES_DIR
        self.parts_dir = self.root / "parts"
        self.manifest = self.root / "manifest.jsonl"

    def exists(self) -> bool:
        return self.manifest.is_file()

    def write_part(self, data: bytes) -> str:
        """Write DocBin bytes as a new part file (atomically); returns its name."""
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        name = f"{uuid.uuid4().hex[:16]}.spacy"
        tmp = self.parts_dir / (name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, self.parts_dir / name)
        return name

    def record(self, part: str, doc_ids: Iterable[str], *, model: str | None, version: str | None) -> None:
        """Append a manifest line once the part's documents are committed to the store."""
        ids = list(doc_ids)
        if not ids:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"part": part, "docs": ids, "model": model, "version": version}, ensure_ascii=False)
        with self.manifest.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def parts(self) -> list[ParsedPart]:
        """Manifest entries in the order they were written (a torn last line is skipped)."""
        if not self.manifest.is_file():
            raise ParseError(f"{self.root}: no kept parses; build with `kg build --keep-parses` first")
        out = []
        for n, line in enumerate(self.manifest.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out.append(ParsedPart(row["part"], tuple(row["docs"]), row.get("model"), row.get("version")))
            except (ValueError, KeyError, TypeError):
                log.warning("%s:%d: unreadable manifest line skipped", self.manifest, n)
        return out

    def doc_ids(self) -> set[str]:
        return {d for p in self.parts() for d in p.docs}

    def read(self, part: ParsedPart) -> bytes:
        try:
            return (self.parts_dir / part.part).read_bytes()
        except OSError as exc:
            raise ParseError(f"{self.parts_dir / part.part}: cannot read kept parse: {exc.strerror or exc}") from exc
