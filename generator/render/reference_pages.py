"""Pages for editors and careful readers: sources, source variants, source issues."""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.diagnostics import Diagnostic
from generator.numerals import article_label_zh
from generator.reconcile.variants import Variant
from generator.render import urls
from generator.render.html import esc, md_table_cell, rel
from generator.render.statute_pages import front_matter

KIND_LABEL = {
    "wording": "Wording",
    "item-label": "Item label",
    "paragraphing": "Paragraphing",
    "missing": "Article missing",
    "extra": "Extra article",
    "heading": "Heading",
    "layout": "Layout",
}


def sources_page(project) -> str:
    out = [front_matter("Sources · 来源")]
    out.append("# Sources · 来源 { #sources }\n\n")
    out.append('<p lang="en">Every page of this site is generated from the raw files below, kept byte for byte '
               "as they were collected (their SHA-256 is checked on every build). The manifest "
               "<code>source/manifest.yaml</code> says what each file is and how it splits into parts.</p>\n\n")
    corpus = project.corpus
    for spec in project.manifest.sources:
        source = corpus.files.get(spec.file)
        out.append(f"## {esc(spec.file)} {{ #{urls.source_anchor(spec.file)} }}\n\n")
        if spec.description:
            out.append(f'<p lang="en">{esc(spec.description)}</p>\n\n')
        out.append("| | |\n|---|---|\n")
        out.append(f"| SHA-256 | <code>{esc(spec.sha256)}</code> |\n")
        out.append(f"| Format | {md_table_cell(spec.format)}, {md_table_cell(spec.encoding)} |\n")
        if source:
            out.append(f"| Size | {len(source.raw):,} bytes, {source.text.count(chr(10)) + 1} lines |\n")
        if spec.origin:
            out.append(f"| Origin | {md_table_cell(spec.origin)} |\n")
        out.append("\n| Part | Kind | Title | Lines | Role |\n|---|---|---|---|---|\n")
        for pspec in spec.parts:
            part = corpus.parts.get(pspec.ref)
            lines = ""
            if part:
                first, last = part.line_range()
                lines = str(first) if first == last else f"{first}–{last}"
            role = ""
            if pspec.kind == "statute":
                role = "authoritative text" if pspec.authoritative else "copy (compared as variant)"
            elif pspec.document:
                role = f"document {pspec.document}"
            elif pspec.description:
                role = pspec.description
            out.append(f"| {md_table_cell(pspec.id)} | {md_table_cell(pspec.kind)} | "
                       f"{_part_title(project, pspec)} | {lines} | {md_table_cell(role)} |\n")
        out.append("\n")
    return "".join(out)


def _part_title(project, pspec) -> str:
    """A part's title as collected, with the English title of its statute or document when the
    manifest gives one (only the English in the English view)."""
    title = pspec.title or ""
    en = ""
    if pspec.document and pspec.document in project.documents:
        en = project.documents[pspec.document].title_en or ""
    elif pspec.kind == "statute" and pspec.statute in project.statutes:
        en = project.statutes[pspec.statute].spec.title_en or ""
    if not title or not en:
        return md_table_cell(title)
    return (f'<span class="bi"><span lang="zh-Hans">{md_table_cell(title)}</span><span class="bi-sep"> · </span>'
            f'<span lang="en">{md_table_cell(en)}</span></span>')


def _mark(text: str, span: tuple[int, int]) -> str:
    a, b = span
    if a == b:
        return f"{esc(text[:a])}<mark class=\"break\" title=\"paragraph break\">¶</mark>{esc(text[a:])}"
    return f"{esc(text[:a])}<mark>{esc(text[a:b])}</mark>{esc(text[b:])}"


def variants_page(project) -> str:
    page = urls.VARIANTS
    out = [front_matter("Source variants · 版本差异")]
    out.append("# Source variants · 版本差异 { #variants }\n\n")
    out.append('<p lang="en">The site publishes one authoritative copy of each statute. Every other copy was '
               "compared with it article by article; each difference is listed here with both readings "
               "(the differing characters highlighted). Punctuation width (，/,) and whitespace are not "
               "counted as differences. Nothing from another copy was merged into the published text, "
               "except paragraph breaks where noted on the Source issues page.</p>\n\n")
    for statute in project.statutes.values():
        out.append(f'## <span lang="zh-Hans">{esc(statute.title)}</span> {{ #{statute.id} }}\n\n')
        out.append(f"Authoritative copy: <code>{esc(statute.source.display_path)}</code>. ")
        if not statute.copies:
            out.append("No other copy was collected, so there is nothing to compare.\n\n")
            continue
        counts = Counter(v.copy for v in statute.variants)
        out.append("Compared copies: " + ", ".join(
            f"<code>{esc(c.display_path)}</code> ({counts.get(c.ref, 0)} differences)" for c in statute.copies) + ".\n\n")
        by_copy: dict[str, list[Variant]] = defaultdict(list)
        for v in statute.variants:
            by_copy[v.copy].append(v)
        for copy in statute.copies:
            variants = by_copy.get(copy.ref, [])
            out.append(f"### {esc(copy.display_path)} {{ #{statute.id}-{urls.source_anchor(copy.source.spec.file)} }}\n\n")
            if not variants:
                out.append("No differences.\n\n")
                continue
            out.append("| Article | Kind | Authoritative reading | This copy's reading | Line |\n"
                       "|---|---|---|---|---|\n")
            for v in variants:
                if v.article:
                    target = urls.article_page(statute.id, v.article)
                    if v.where.startswith("art_") and "__para" in v.where:
                        target += "#" + v.where.split("__item")[0]
                    where = f"[{article_label_zh(v.article)}]({rel(page, target)})"
                else:
                    where = esc(v.where)
                kind = KIND_LABEL.get(v.kind, v.kind)
                if v.kind in ("wording", "item-label", "paragraphing"):
                    auth, reading = _mark(v.authoritative, v.auth_mark), _mark(v.reading, v.read_mark)
                else:
                    auth, reading = esc(v.authoritative), esc(v.reading)
                note = f"<br><small>{esc(v.note)}</small>" if v.note else ""
                out.append(f"| {where} | {esc(kind)} | <span lang=\"zh-Hans\">{auth}</span> | "
                           f"<span lang=\"zh-Hans\">{reading}</span>{note} | {v.line or ''} |\n")
            out.append("\n")
    return "".join(out)


SEVERITY_LABEL = {"error": "Error", "warning": "Warning", "info": "Note"}


def issues_page(project, diagnostics: list[Diagnostic]) -> str:
    out = [front_matter("Source issues · 来源问题")]
    out.append("# Source issues · 来源问题 { #issues }\n\n")
    counts = Counter(d.severity for d in diagnostics)
    out.append('<p lang="en">Everything the generator noticed while reading the sources: extraction debris it '
               "removed, OCR defects, text cut short, numbering problems, and the decisions it took. Each "
               "entry names the file and line. The raw files stay as collected; how an editor can fix "
               "each issue is under Editorial details.</p>\n\n")
    out.append(f"**{counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
               f"{counts.get('info', 0)} notes.**\n\n")
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_path[d.path or "(general)"].append(d)
    for path in sorted(by_path):
        out.append(f"## {esc(path)}\n\n")
        out.append("| Line | Severity | What |\n|---|---|---|\n")
        entries = sorted(by_path[path], key=Diagnostic.sort_key)
        for d in entries:
            out.append(f"| {d.line or ''} | {SEVERITY_LABEL[d.severity]} | {md_table_cell(d.message)} |\n")
        out.append("\n")
        hints = [d for d in entries if d.hint]
        if hints:
            out.append('<details class="editorial" markdown>\n<summary>Editorial details: how to fix</summary>\n\n'
                       "| Line | How to fix |\n|---|---|\n")
            out.extend(f"| {d.line or ''} | {md_table_cell(d.hint)} |\n" for d in hints)
            out.append("\n</details>\n\n")
    return "".join(out)
