"""Ingest: read the raw files named in the manifest, check them, cut them into parts.

Each raw file is verified against its recorded SHA-256 and decoded strictly.  Parts are
located with the literal markers in the manifest (never with offsets written in Python)
and kept as spans of the original text, so every later stage can say which file and line
a piece of text came from.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic, InputError
from generator.sources.files import read_input
from generator.sources.manifest import Manifest, PartSpec, SourceSpec
from generator.textnorm import WS_CHARS, shorten, strip_all_ws
from generator.sources.decode import control_characters, decode_strict
from generator.sources.readers import ReadDocument, detect_format, read_document

_NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass
class SourceFile:
    """A raw file, read.  ``text`` is what the later stages read: the decoded file itself
    (plain text, commentary HTML), or for Markdown, .docx and statute HTML the text of the
    blocks its reader found, one block per line, ``line_map[i]`` being the line of the
    original file that line ``i + 1`` of ``text`` came from."""

    spec: SourceSpec
    display_path: str
    raw: bytes
    text: str
    format: str = "text"
    line_map: list[int] | None = None
    document: ReadDocument | None = None
    heading_lines: dict[int, str] = field(default_factory=dict)   # 0-based line of text -> heading
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(self.text) if ch == "\n"]

    def line_of(self, offset: int) -> int:
        line = bisect.bisect_right(self._line_starts, offset)
        if self.line_map is not None:
            return self.line_map[min(line, len(self.line_map)) - 1] if self.line_map else 1
        return line


@dataclass
class Part:
    spec: PartSpec
    source: SourceFile
    spans: list[tuple[int, int]]  # [start, end) offsets into source.text, in reading order

    @property
    def ref(self) -> str:
        return self.spec.ref

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def display_path(self) -> str:
        return self.source.display_path

    @property
    def first_line(self) -> int:
        return self.source.line_of(self.spans[0][0])

    def line_range(self) -> tuple[int, int]:
        first = min(self.source.line_of(s) for s, _ in self.spans)
        last = max(self.source.line_of(max(e - 1, s)) for s, e in self.spans)
        return first, last

    def masked_text(self) -> str:
        """The whole file with everything outside this part blanked (newlines kept).

        Offsets and line numbers in the result are those of the file, so a parser run on
        it reports lines the editor can open.
        """
        text = self.source.text
        out, pos = [], 0
        for start, end in sorted(self.spans):
            out.append(_NOT_NEWLINE.sub(" ", text[pos:start]))
            out.append(text[start:end])
            pos = max(pos, end)
        out.append(_NOT_NEWLINE.sub(" ", text[pos:]))
        return "".join(out)

    def pieces(self) -> list[tuple[str, int]]:
        """(text, first line) of each span, in reading order."""
        return [(self.source.text[s:e], self.source.line_of(s)) for s, e in self.spans]

    def text(self) -> str:
        return "\n".join(t for t, _ in self.pieces())


@dataclass
class Corpus:
    """All sources, read and cut into parts."""

    manifest: Manifest
    files: dict[str, SourceFile]
    parts: dict[str, Part]
    diagnostics: list[Diagnostic]

    def part(self, ref: str) -> Part:
        return self.parts[ref]


def read_source(spec: SourceSpec, source_dir: Path, display_dir: str, manifest_path: str) -> tuple[SourceFile | None, list[Diagnostic]]:
    display = f"{display_dir}/{spec.file}"
    raw, problem = read_input(source_dir / spec.file, display)
    if raw is None:
        return None, [Diagnostic("error", f"{display} {problem.message}", path=manifest_path, line=spec.line,
                                 code=problem.code, hint=problem.hint)]
    diags: list[Diagnostic] = []
    digest = hashlib.sha256(raw).hexdigest()
    if digest != spec.sha256:
        diags.append(Diagnostic(
            "error", f"{display} has changed: its SHA-256 is {digest}, the manifest records {spec.sha256}",
            path=manifest_path, line=spec.line, code="checksum",
            hint="raw sources are kept byte for byte; if the new file is intended, update its sha256 "
                 "in source/manifest.yaml (and check the part markers still match)"))
    if (spec.format or detect_format(spec.file, raw)) == "docx":
        text = ""       # binary: its reader decodes it
    elif spec.encoding == "utf-8":
        body = raw
        if raw.startswith(b"\xef\xbb\xbf"):
            body = raw[3:]
            diags.append(Diagnostic("warning", "the file starts with a UTF-8 byte-order mark (BOM); it was ignored",
                                    path=display, line=1, code="bom",
                                    hint="harmless, but most tools expect UTF-8 without BOM"))
        text, problems = decode_strict(body, display, what="source file")
        if text is None:
            return None, diags + problems
    else:
        try:
            text = raw.decode(spec.encoding)
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            return None, diags + [Diagnostic("error", f"not valid {spec.encoding} (byte 0x{raw[exc.start]:02X})",
                                             path=display, line=line, code="encoding",
                                             hint="correct `encoding:` in source/manifest.yaml")]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        diags.append(Diagnostic("info", "CRLF line ends read as LF", path=display, line=1, code="line-ends"))
    diags.extend(control_characters(text, display))
    fmt = spec.format or detect_format(spec.file, raw)
    if fmt in READER_FORMATS and (fmt != "html" or _statute_file(spec)):
        return _read_with_reader(spec, display, raw, text, fmt, diags)
    return SourceFile(spec=spec, display_path=display, raw=raw, text=text, format=fmt), diags


READER_FORMATS = ("markdown", "html", "docx")


def _statute_file(spec: SourceSpec) -> bool:
    return all(p.kind in ("statute", "furniture", "notice") for p in spec.parts)


def _read_with_reader(spec: SourceSpec, display: str, raw: bytes, text: str, fmt: str,
                      diags: list[Diagnostic]) -> tuple[SourceFile, list[Diagnostic]]:
    """A file in a structured format: its blocks, one per line, mapped back to the file's lines."""
    document = read_document(raw if fmt == "docx" else text, spec.file, fmt)
    for d in document.diagnostics:
        diags.append(dataclasses.replace(d, path=display))
    text, line_map, heading_lines = blocks_to_text(document)
    return SourceFile(spec=spec, display_path=display, raw=raw, text=text, format=fmt,
                      line_map=line_map, document=document, heading_lines=heading_lines), diags


def blocks_to_text(document: ReadDocument) -> tuple[str, list[int], dict[int, str]]:
    """A document's blocks as text for the parser, one block per line (a table one row per
    line): (text, the file line of each line, the lines that are headings in the file)."""
    lines: list[str] = []
    line_map: list[int] = []
    heading_lines: dict[int, str] = {}
    for block in document.blocks:
        if block.kind in ("heading", "title"):
            heading_lines[len(lines)] = block.text
        for row in block.text.split("\n"):
            lines.append(row)
            line_map.append(block.line)
    return "\n".join(lines), line_map, heading_lines


def _find(text: str, marker: str, start: int = 0) -> int:
    pos = text.find(marker, start)
    if pos != -1:
        return pos
    # Markers are written by editors; tolerate a difference in whitespace only.
    squeezed = strip_all_ws(marker)
    if not squeezed:
        return -1
    return _find_ignoring_ws(text, squeezed, start)


def _find_ignoring_ws(text: str, needle: str, start: int) -> int:
    first = needle[0]
    pos = text.find(first, start)
    while pos != -1:
        i, j = pos, 0
        while i < len(text) and j < len(needle):
            if text[i] in WS_CHARS:
                i += 1
                continue
            if text[i] != needle[j]:
                break
            i, j = i + 1, j + 1
        if j == len(needle):
            return pos
        pos = text.find(first, pos + 1)
    return -1


def _end_of(text: str, marker: str, start: int) -> int:
    """Offset just after ``marker`` found at ``start`` (allowing whitespace differences)."""
    if text.startswith(marker, start):
        return start + len(marker)
    i, j = start, 0
    needle = strip_all_ws(marker)
    while j < len(needle):
        if text[i] in WS_CHARS:
            i += 1
            continue
        i, j = i + 1, j + 1
    return i


def locate_parts(source: SourceFile, manifest_path: str) -> tuple[list[Part], list[Diagnostic]]:
    text = source.text
    diags: list[Diagnostic] = []
    parts: list[Part] = []

    def err(part: PartSpec, message: str, hint: str | None = None) -> None:
        diags.append(Diagnostic("error", message, path=manifest_path, line=part.line, code="part-marker",
                                hint=hint or "copy the marker text exactly from the raw file"))

    # Single-range parts: resolve starts in order, then ends.
    starts: dict[str, int] = {}
    cursor = 0
    simple = [p for p in source.spec.parts if not p.multi_span]
    for part in simple:
        marker = part.spans[0].start
        if marker is None:
            starts[part.id] = cursor
            continue
        pos = _find(text, marker, cursor)
        if pos == -1:
            err(part, f"part {part.ref}: start marker {marker!r} not found in {source.display_path}"
                + (" after the previous part" if cursor else ""))
            continue
        starts[part.id] = pos
        cursor = pos + 1
        if part.spans[0].end:
            end = _find(text, part.spans[0].end, pos)
            if end != -1:
                cursor = _end_of(text, part.spans[0].end, end)
    for index, part in enumerate(simple):
        if part.id not in starts:
            continue
        start = starts[part.id]
        end_marker = part.spans[0].end
        if end_marker:
            pos = _find(text, end_marker, start)
            if pos == -1:
                err(part, f"part {part.ref}: end marker {end_marker!r} not found after its start")
                continue
            end = _end_of(text, end_marker, pos)
        else:
            later = [starts[p.id] for p in simple[index + 1:] if p.id in starts and starts[p.id] > start]
            end = min(later) if later else len(text)
        parts.append(Part(part, source, [(start, end)]))
    # Multi-span parts: each marker must be unique in the file.
    for part in source.spec.parts:
        if not part.multi_span:
            continue
        spans = []
        ok = True
        for span in part.spans:
            pos = _find(text, span.start)
            if pos == -1:
                err(part, f"part {part.ref}: span start {span.start!r} not found")
                ok = False
                continue
            if _find(text, span.start, pos + 1) != -1:
                err(part, f"part {part.ref}: span start {span.start!r} occurs more than once",
                    "make the marker longer so it is unique")
                ok = False
                continue
            end = _find(text, span.end, pos)
            if end == -1:
                err(part, f"part {part.ref}: span end {span.end!r} not found after its start")
                ok = False
                continue
            spans.append((pos, _end_of(text, span.end, end)))
        if ok:
            parts.append(Part(part, source, spans))
    # Keep manifest order.
    order = {p.id: i for i, p in enumerate(source.spec.parts)}
    parts.sort(key=lambda p: order[p.spec.id])
    if not any(d.is_error for d in diags):
        diags.extend(_coverage(source, parts, manifest_path))
    return parts, diags


def _coverage(source: SourceFile, parts: list[Part], manifest_path: str) -> list[Diagnostic]:
    """Every character belongs to exactly one part: report overlaps and leftovers."""
    text = source.text
    owner = [None] * len(text)
    diags: list[Diagnostic] = []
    for part in parts:
        ref = part.ref
        for start, end in part.spans:
            for i in range(start, end):
                if owner[i] is not None and text[i] not in WS_CHARS:
                    diags.append(Diagnostic(
                        "error", f"parts {owner[i]} and {ref} overlap at {source.display_path} "
                        f"line {source.line_of(i)}", path=manifest_path, line=part.spec.line,
                        code="part-overlap", hint="adjust the from/to markers"))
                    return diags
                owner[i] = ref
    i = 0
    while i < len(text):
        if owner[i] is None and text[i] not in WS_CHARS:
            j = i
            while j < len(text) and (owner[j] is None):
                j += 1
            leftover = text[i:j]
            if strip_all_ws(leftover):
                diags.append(Diagnostic(
                    "warning", f"text not assigned to any part: '{shorten(leftover, 40)}'",
                    path=source.display_path, line=source.line_of(i), code="unassigned-text",
                    hint="extend a part's markers in source/manifest.yaml, or add a part for it"))
            i = j
        else:
            i += 1
    return diags


def ingest(manifest: Manifest, source_dir: Path, display_dir: str = "source") -> Corpus:
    files, parts, diags = _read_files(manifest, manifest.sources, source_dir, display_dir)
    if any(d.is_error for d in diags):
        raise InputError(diags)
    return Corpus(manifest=manifest, files=files, parts=parts, diagnostics=diags)


def ingest_files(manifest: Manifest, names: set[str], base: Corpus, source_dir: Path,
                 display_dir: str = "source") -> Corpus:
    """``base`` (read from an earlier manifest) with the files ``names`` read again under
    ``manifest``: for ``serve``'s quick preview of a source edit.  The other files are
    taken as they were (their parts keep the earlier manifest's specs); the new corpus's
    diagnostics are only those of the files read.  Errors raise :class:`InputError`."""
    specs = [s for s in manifest.sources if s.file in names]
    files, parts, diags = _read_files(manifest, specs, source_dir, display_dir)
    if any(d.is_error for d in diags):
        raise InputError(diags)
    kept = {ref: part for ref, part in base.parts.items() if part.source.spec.file not in names}
    return Corpus(manifest=manifest, files={**base.files, **files}, parts={**kept, **parts}, diagnostics=diags)


def _read_files(manifest: Manifest, specs: list[SourceSpec], source_dir: Path,
                display_dir: str) -> tuple[dict[str, SourceFile], dict[str, Part], list[Diagnostic]]:
    files: dict[str, SourceFile] = {}
    parts: dict[str, Part] = {}
    diags: list[Diagnostic] = []
    for spec in specs:
        source, problems = read_source(spec, source_dir, display_dir, manifest.path)
        diags.extend(problems)
        if source is None:
            continue
        files[spec.file] = source
        found, problems = locate_parts(source, manifest.path)
        diags.extend(problems)
        for part in found:
            parts[part.ref] = part
    return files, parts, diags
