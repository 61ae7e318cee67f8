"""Commentary documents: the official interpretation, explanations, news and background.

:func:`build_documents` turns the manifest's ``documents:`` and the parts that point at
them into :class:`Document` values (title, publisher, date, kind, language, sources,
numbered paragraphs).  :func:`read_commentary_file` does the same for any file given to
``statute-site link``.

A document may be in several source files (the Shenzhen interpretation is in 003 and,
abridged, in 002).  Its text is taken from one *primary* copy — the one in the file that
holds the statute's authoritative text (the legislature's own site), else the first listed —
and never merged word by word.  The other copies contribute paragraph breaks where their
line structure shows them; any of their text not found in the primary copy is kept, at the
end of the document and marked with its source, and reported.
"""

from __future__ import annotations

from generator.diagnostics import Diagnostic
from generator.textnorm import WS_CHARS, fold
from generator.documents.model import KIND_LABEL, KINDS, DocParagraph, Document, SourceRef
from generator.documents.readers import (Block, html_blocks, html_safety_report, looks_like_html, parse_date, split_front_matter, text_blocks,
                      tidy_text)
from generator.documents.segment import MARKER, MarkerSequence, Piece, heading_length, looks_like_heading, rejoin, split_run_on
from generator.textnorm import shorten



def _keyed(text: str) -> tuple[str, list[int]]:
    """Comparison key (width-folded, no whitespace) and, per key character, its offset in ``text``."""
    chars, offsets = [], []
    for i, ch in enumerate(fold(text)):
        if ch in WS_CHARS or ch in "\u200b\ufeff":
            continue
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), offsets


def _find_span(key: str, needle: str) -> tuple[int, int] | None:
    """Where ``needle`` (a key) is in ``key``: exactly, else by its first and last 12 characters."""
    if not needle:
        return None
    pos = key.find(needle)
    if pos != -1:
        return pos, pos + len(needle)
    if len(needle) < 30:
        return None
    head, tail = needle[:12], needle[-12:]
    a = key.find(head)
    if a == -1 or key.find(head, a + 1) != -1:
        return None
    b = key.find(tail, a)
    if b == -1:
        return None
    end = b + len(tail)
    if abs((end - a) - len(needle)) > max(10, len(needle) // 10):
        return None
    return a, end


def _guide_cuts(block: Block, guides: list[Block]) -> tuple[set[int], set[int], list[Block]]:
    """Paragraph breaks for ``block`` (run-on text) from another copy's lines.

    Returns (cuts, heading ends, guide lines with no counterpart in the block).
    """
    key, offsets = _keyed(block.text)
    cuts: set[int] = set()
    heading_ends: set[int] = set()
    unmatched: list[Block] = []
    for guide in guides:
        gkey, _ = _keyed(guide.text)
        span = _find_span(key, gkey)
        if span is None:
            unmatched.append(guide)
            continue
        a, b = span
        cuts.add(offsets[a])
        if b < len(offsets):
            cuts.add(offsets[b])
        # "(一)明确…的界定 目前,…": the guide's space marks where the heading ends.
        text = guide.text.strip(WS_CHARS)
        if MARKER.match(text):
            n = heading_length(text)
            if n is not None and n < len(text):
                hkey, _ = _keyed(text[:n])
                if key.startswith(hkey, a) and a + len(hkey) < len(offsets):
                    cut = offsets[a + len(hkey)]
                    cuts.add(cut)
                    heading_ends.add(cut)
    return cuts, heading_ends, unmatched


def _strip_title(block: Block, title: str | None) -> tuple[Block | None, str | None]:
    """Take the document's own title off the front of its text (it becomes the page title).

    Returns the rest of the block and the title as written there.
    """
    if not title:
        return block, None
    tkey, _ = _keyed(title)
    key, offsets = _keyed(block.text)
    if not tkey or not key.startswith(tkey):
        return block, None
    if len(tkey) == len(key):
        return None, block.text.strip()
    cut = offsets[len(tkey)]
    return Block(block.text[cut:], block.line, block.heading), block.text[:cut].strip()


def segments_from_blocks(blocks: list[Block], *, run_on: bool, rejoin_columns: bool,
                         guides: list[Block] | None = None) -> tuple[list[Piece], list[Block]]:
    sequence = MarkerSequence()
    segments: list[Piece] = []
    unmatched_all: list[Block] = list(guides or [])
    for block in blocks:
        if not run_on:
            segments.append(Piece(block.text, block.line, heading=block.heading or looks_like_heading(block.text)))
            continue
        cuts: set[int] = set()
        heading_ends: set[int] = set()
        if guides:
            cuts, heading_ends, unmatched = _guide_cuts(block, guides)
            unmatched_all = [g for g in unmatched_all if g in unmatched]
        segments.extend(split_run_on(block.text, block.line, sequence, cuts, heading_ends,
                                     unmarked_headings=not rejoin_columns))
    if rejoin_columns:
        segments = rejoin(segments)
    return segments, unmatched_all


def _part_blocks(part) -> tuple[list[Block], bool]:
    """The blocks of a manifest text part, and whether they were separated by blank lines."""
    pieces = part.pieces()
    blank = any("\n\n" in t.replace("\r", "") or "\n \n" in t for t, _ in pieces)
    blocks: list[Block] = []
    for text, line in pieces:
        blocks.extend(text_blocks(text, line, mode="blank-lines" if blank else "lines"))
    return blocks, blank


def _primary_part(parts: list, statute_id: str | None, manifest):
    if statute_id and statute_id in manifest.statutes:
        auth_file = manifest.authoritative_part(statute_id).file
        for part in parts:
            if part.spec.file == auth_file:
                return part
    return parts[0]


def build_documents(manifest, corpus) -> tuple[dict[str, Document], list[Diagnostic]]:
    documents: dict[str, Document] = {}
    diagnostics: list[Diagnostic] = []
    for did, dspec in manifest.documents.items():
        parts = [corpus.parts[p.ref] for p in manifest.document_parts(did) if p.ref in corpus.parts]
        if not parts:
            continue
        primary = _primary_part(parts, dspec.statute, manifest)
        others = [p for p in parts if p is not primary]
        doc = Document(id=did, kind=dspec.kind, title=dspec.title, paragraphs=[], statute=dspec.statute,
                       title_en=dspec.title_en, publisher=dspec.publisher or primary.spec.publisher,
                       publisher_en=dspec.publisher_en or primary.spec.publisher_en,
                       date=dspec.date or primary.spec.date, language=dspec.language or primary.spec.language,
                       version=dspec.version)
        path = primary.display_path
        # (segment, the file it comes from when that is not the primary copy)
        collected: list[tuple[Piece, str | None]] = []
        if primary.source.spec.format.startswith("html"):
            meta, body, body_line, problems = split_front_matter(primary.text(), path)
            diagnostics.extend(problems)
            first = primary.first_line
            _apply_front_matter(doc, meta, path, first, doc.diagnostics)
            diagnostics.extend(html_safety_report(body, path, first + body_line - 1))
            segments, _ = segments_from_blocks(html_blocks(body, first + body_line - 1),
                                               run_on=False, rejoin_columns=False)
            collected = [(s, None) for s in segments]
        else:
            blocks, blank = _part_blocks(primary)
            if blocks:
                stripped, doc.source_title = _strip_title(blocks[0], doc.title)
                blocks = ([stripped] if stripped else []) + blocks[1:]
            guides: list[Block] = []
            guide_file: dict[int, str] = {}
            for other in others:
                if other.source.spec.format != "text":
                    continue
                for block in _part_blocks(other)[0]:
                    guides.append(block)
                    guide_file[id(block)] = other.display_path
            segments, unmatched = segments_from_blocks(blocks, run_on=True, rejoin_columns=blank,
                                                       guides=guides or None)
            collected = [(s, None) for s in segments]
            if guides:
                _report_guides(doc, primary, guides, unmatched, guide_file)
                collected.extend((Piece(g.text, g.line, heading=looks_like_heading(g.text)), guide_file[id(g)])
                                 for g in unmatched)
        doc.sources.append(SourceRef(path, primary.spec.id, primary.line_range(), "text"))
        for other in others:
            doc.sources.append(SourceRef(other.display_path, other.spec.id, other.line_range(),
                                         "paragraph breaks, and text the primary copy lacks"))
        for seg, source in collected:
            text = tidy_text(seg.text)
            if text:
                doc.paragraphs.append(DocParagraph(len(doc.paragraphs), text, seg.line, seg.heading, source))
        documents[did] = doc
        diagnostics.extend(doc.diagnostics)
    return documents, diagnostics


def _apply_front_matter(doc: Document, meta: dict, path: str, line: int, diagnostics: list[Diagnostic]) -> None:
    if not meta:
        return
    fm_date = parse_date(meta.get("date"))
    if fm_date and doc.date and fm_date != doc.date:
        diagnostics.append(Diagnostic("info", f"front matter date {fm_date} differs from the manifest's {doc.date}; "
                                      "the manifest's is shown", path=path, line=line, code="document-date"))
    doc.date = doc.date or fm_date
    author = meta.get("author") or meta.get("source")
    if isinstance(author, str):
        doc.author = author.strip()
        doc.publisher = doc.publisher or doc.author
    title = meta.get("title")
    if isinstance(title, str) and title.strip() and not doc.title:
        doc.title = title.strip()


def _report_guides(doc: Document, primary, guides: list[Block], unmatched: list[Block],
                   guide_file: dict[int, str]) -> None:
    names = ", ".join(sorted(set(guide_file.values())))
    matched = len(guides) - len(unmatched)
    doc.diagnostics.append(Diagnostic(
        "info", f"document {doc.id}: text from {primary.display_path}; {matched} of {len(guides)} lines of "
        f"{names} found in it and used as paragraph breaks", path=primary.display_path, line=primary.first_line,
        code="document-merge",
        message_zh=f"文件 {doc.id}：文字取自 {primary.display_path}；{names} 的{len(guides)}行中有{matched}行"
        "见于其中，用作分段依据"))
    for block in unmatched:
        doc.diagnostics.append(Diagnostic(
            "warning", f"document {doc.id}: text with no counterpart in the primary copy "
            f"({primary.display_path}): '{shorten(block.text, 30)}'; shown at the end of the document, "
            "marked with its source", path=guide_file[id(block)], line=block.line, code="document-unmatched",
            hint="if it belongs to another document, give it its own part in source/manifest.yaml"))


def read_commentary_text(text: str, *, path: str, filename: str = "", doc_id: str = "input") -> Document:
    """A commentary file given on the command line -> Document (one paragraph per block).

    Plain text: paragraphs are separated by blank lines (lines of one paragraph are
    joined).  HTML (by extension or content), with or without front matter: one paragraph
    per block element, text only.
    """
    diagnostics: list[Diagnostic] = []
    meta, body, body_line, problems = split_front_matter(text, path)
    diagnostics.extend(problems)
    if looks_like_html(body, filename):
        diagnostics.extend(html_safety_report(body, path, body_line))
        blocks = html_blocks(body, body_line)
    else:
        blocks = text_blocks(body, body_line, mode="blank-lines")
    paragraphs = []
    for block in blocks:
        tidy = tidy_text(block.text)
        if tidy:
            paragraphs.append(DocParagraph(len(paragraphs), tidy, block.line,
                                        block.heading or looks_like_heading(tidy)))
    cjk = sum(1 for p in paragraphs for ch in p.text if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for p in paragraphs for ch in p.text if ch.isascii() and ch.isalpha())
    doc = Document(id=doc_id, kind="commentary", title=str(meta.get("title") or filename or path),
                   paragraphs=paragraphs, language="en" if latin > 2 * cjk else "zh-Hans",
                   sources=[SourceRef(path, None, (1, text.count("\n") + 1))], diagnostics=diagnostics)
    _apply_front_matter(doc, meta, path, 1, diagnostics)
    return doc
