"""Read one version of a statute from a file in any format ``parse`` reads."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.model import Article, ParsedStatute
from generator.parse.statute import parse_statute
from generator.sources.decode import read_user_text
from generator.sources.ingest import blocks_to_text
from generator.sources.readers import detect_format, read_document
from generator.textnorm import strip_all_ws


@dataclass(frozen=True)
class VersionText:
    """One version's articles as the concordance sees them."""
    title: str | None
    articles: list[Article]
    diagnostics: list[Diagnostic]

    def keys(self) -> list[tuple[int, int]]:
        return [a.key for a in self.articles]

    def texts(self) -> list[str]:
        return [article_text(a) for a in self.articles]


def article_text(article: Article) -> str:
    """An article's text without any whitespace (what the concordance compares)."""
    return strip_all_ws(article.plain_text())


def parse_file(path: Path, fmt: str | None = None) -> ParsedStatute:
    """Parse a statute file (Markdown, HTML, .docx or text) as ``statute-site parse`` does.
    Raises InputError for a file that cannot be read."""
    raw = path.read_bytes()
    fmt = fmt or detect_format(path.name, raw)
    extra: dict = {}
    if fmt == "text":
        text, diags, _ = read_user_text(path)
    else:
        if fmt == "docx":
            document, diags = read_document(raw, path.name, fmt), []
        else:
            text, diags, _ = read_user_text(path)
            document = read_document(text, path.name, fmt)
        diags.extend(replace(d, path=str(path)) for d in document.diagnostics)
        text, line_map, headings = blocks_to_text(document)
        extra = {"line_map": line_map, "title": document.title, "reader_headings": headings}
    parsed = parse_statute(text, path=str(path), **extra)
    parsed.diagnostics[:0] = diags
    return parsed


def read_version(path: Path, fmt: str | None = None) -> VersionText:
    parsed = parse_file(path, fmt)
    articles = [a for a in parsed.articles if a.status == "present"]
    return VersionText(parsed.title, articles, parsed.diagnostics)


DATED_NAME = re.compile(r"(.+)\((\d{4}-\d{2}-\d{2})\)")


def dated_version_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(older, newer) consecutive pairs of the Markdown files under ``folder`` that name one
    law at several dates (``公司法(2018-10-26).md``, ``公司法(2023-12-29).md``)."""
    groups: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for path in sorted(folder.rglob("*.md")):
        m = DATED_NAME.fullmatch(path.stem)
        if m:
            groups[m.group(1)].append((m.group(2), path))
    pairs = []
    for versions in groups.values():
        versions.sort()
        pairs.extend((a[1], b[1]) for a, b in zip(versions, versions[1:]))
    return pairs
