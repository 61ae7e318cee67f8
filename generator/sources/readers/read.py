"""Read a statute file in any supported format: detect it (or take the manifest's word)."""

from __future__ import annotations

from generator.sources.readers.blocks import FORMATS, ReadDocument, decode_utf8
from generator.sources.readers.detect import detect_format
from generator.sources.readers.docx import read_docx
from generator.sources.readers.html import read_html
from generator.sources.readers.markdown import read_markdown
from generator.sources.readers.text import read_text


def read_document(raw: bytes | str, name: str, fmt: str | None = None) -> ReadDocument:
    """Read ``raw`` (the file's bytes, or already-decoded text) as ``fmt``.

    ``fmt`` overrides detection (the manifest can force a format); without it the format
    is detected from the content, the file name's extension breaking ties.
    """
    if fmt is None:
        fmt = detect_format(name, raw)
    if fmt not in FORMATS:
        raise ValueError(f"{name}: unknown source format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if fmt == "docx":
        if isinstance(raw, str):
            raise ValueError(f"{name}: a .docx must be given as bytes, not text")
        return read_docx(raw, name)
    text = decode_utf8(raw, name, fmt)
    if fmt == "text":
        return read_text(text, name)
    if fmt == "markdown":
        return read_markdown(text, name)
    return read_html(text, name)
