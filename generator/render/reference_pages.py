"""Pages for editors and careful readers: sources, source variants, source issues.

Their interface text is in both languages (``bi``: each view shows its half); what the
generator says about a file is given in Chinese too where the stage that found it wrote the
Chinese (``Diagnostic.message_zh``, ``Variant.note_zh``)."""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.diagnostics import Diagnostic
from generator.numerals import article_label_zh
from generator.reconcile.variants import Variant
from generator.render import urls
from generator.render.html import bi, esc, md_table_cell, rel
from generator.render.statute_pages import front_matter

KIND_LABEL = {
    "wording": ("文字", "Wording"),
    "item-label": ("项的序号", "Item label"),
    "paragraphing": ("分款", "Paragraphing"),
    "missing": ("缺少条文", "Article missing"),
    "extra": ("多出条文", "Extra article"),
    "heading": ("标题", "Heading"),
    "layout": ("版式", "Layout"),
}

PART_KIND = {"statute": "法规文本", "interpretation": "解读", "explanation": "说明", "news": "新闻报道",
             "background": "背景资料", "notice": "公告", "furniture": "页面附属文字"}

# What the comparison writes where a copy has no text to show.
PLACEHOLDER_ZH = {
    "(same text; layout only)": "（文字相同，仅版式不同）",
    "(no title)": "（无标题）",
    "(article absent from this copy)": "（此副本缺少该条）",
    "(article absent from the authoritative copy)": "（权威副本没有该条）",
}

SEVERITY_LABEL = {"error": ("错误", "Error"), "warning": ("警告", "Warning"), "info": ("说明", "Note")}


def both(zh: str, en: str, tag: str = "p") -> str:
    """A block in each language (escaped HTML already): one per view, both side by side."""
    return (f'<{tag} class="bi-zh-only" lang="zh-Hans">{zh}</{tag}>\n\n'
            f'<{tag} class="bi-en-only" lang="en">{en}</{tag}>\n\n')


def _head(*labels: tuple[str, str]) -> str:
    cells = " | ".join(bi(zh, en, " ") for zh, en in labels)
    return f"| {cells} |\n" + "|---" * len(labels) + "|\n"


def sources_page(project) -> str:
    out = [front_matter("Sources · 来源")]
    out.append("# Sources · 来源 { #sources }\n\n")
    out.append(both(
        "本网站的每一页都由下列原始文件生成。文件按收集时的原样逐字节保存（每次生成都核对其 SHA-256）。"
        "清单 <code>source/manifest.yaml</code> 说明每个文件是什么，以及如何分成若干部分。",
        "Every page of this site is generated from the raw files below, kept byte for byte "
        "as they were collected (their SHA-256 is checked on every build). The manifest "
        "<code>source/manifest.yaml</code> says what each file is and how it splits into parts."))
    for spec in project.manifest.sources:
        out.append(_source_file(project, spec))
    return "".join(out)


def _source_file(project, spec) -> str:
    source = project.corpus.files.get(spec.file)
    out = [f"## {esc(spec.file)} {{ #{urls.source_anchor(spec.file)} }}\n\n"]
    if spec.description:
        # The editors' description, as written in the manifest (not interface text).
        out.append(f'<p class="editor-text" lang="en">{esc(spec.description)}</p>\n\n')
    out.append("| | |\n|---|---|\n")
    out.append(f"| SHA-256 | <code>{esc(spec.sha256)}</code> |\n")
    out.append(f"| {bi('格式', 'Format', ' ')} | <code>{esc(spec.format)}</code>, <code>{esc(spec.encoding)}</code> |\n")
    if source:
        size, lines = f"{len(source.raw):,}", source.text.count(chr(10)) + 1
        out.append(f"| {bi('大小', 'Size', ' ')} | {bi(f'{size}字节，{lines}行', f'{size} bytes, {lines} lines')} |\n")
    if spec.origin:
        out.append(f"| {bi('出处', 'Origin', ' ')} | <span class=\"editor-text\">{md_table_cell(spec.origin)}</span> |\n")
    out.append("\n" + _head(("部分", "Part"), ("类型", "Kind"), ("标题", "Title"), ("行", "Lines"), ("作用", "Role")))
    for pspec in spec.parts:
        part = project.corpus.parts.get(pspec.ref)
        lines = ""
        if part:
            first, last = part.line_range()
            lines = str(first) if first == last else f"{first}–{last}"
        kind = bi(esc(PART_KIND[pspec.kind]), f"<code>{esc(pspec.kind)}</code>") if pspec.kind in PART_KIND \
            else f"<code>{esc(pspec.kind)}</code>"
        out.append(f"| <code>{esc(pspec.id)}</code> | {kind} | {_part_title(project, pspec)} | {lines} | "
                   f"{_role(pspec)} |\n")
    out.append("\n")
    return "".join(out)


def _role(pspec) -> str:
    if pspec.kind == "statute":
        return bi("权威文本", "authoritative text") if pspec.authoritative else \
            bi("副本（作为异文比对）", "copy (compared as variant)")
    if pspec.document:
        return bi("文件", "document", " ") + f" <code>{esc(pspec.document)}</code>"
    if pspec.description:
        return f'<span class="editor-text" lang="en">{md_table_cell(pspec.description)}</span>'
    return ""


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
        # The title as collected (a quotation of the source), no English for it in the manifest.
        return f'<span lang="zh-Hans">{md_table_cell(title)}</span>' if title else ""
    return (f'<span class="bi"><span lang="zh-Hans">{md_table_cell(title)}</span><span class="bi-sep"> · </span>'
            f'<span lang="en">{md_table_cell(en)}</span></span>')


def _mark(text: str, span: tuple[int, int]) -> str:
    a, b = span
    if a == b:
        return f"{esc(text[:a])}<mark class=\"break\" title=\"分段 · paragraph break\">¶</mark>{esc(text[a:])}"
    return f"{esc(text[:a])}<mark>{esc(text[a:b])}</mark>{esc(text[b:])}"


def _reading(text: str, mark: tuple[int, int], kind: str, zh: str = "") -> str:
    """One reading of a variant: the copy's text (Chinese), or what the comparison says."""
    if text in PLACEHOLDER_ZH:
        return bi(esc(PLACEHOLDER_ZH[text]), esc(text))
    if zh:
        return bi(esc(zh), esc(text))
    inner = _mark(text, mark) if kind in ("wording", "item-label", "paragraphing") else esc(text)
    return f'<span lang="zh-Hans">{inner}</span>'


def variants_page(project) -> str:
    out = [front_matter("Source variants · 版本差异")]
    out.append("# Source variants · 版本差异 { #variants }\n\n")
    out.append(both(
        "本网站对每部法规只发布一个权威副本。其他每个副本都与它逐条比对；每处差异连同两种读法一并列出"
        "（不同的字突出显示）。标点全角半角（，/,）和空白不计为差异。其他副本的文字一概没有并入发布的文本，"
        "只有“来源问题”页注明的分段除外。",
        "The site publishes one authoritative copy of each statute. Every other copy was "
        "compared with it article by article; each difference is listed here with both readings "
        "(the differing characters highlighted). Punctuation width (，/,) and whitespace are not "
        "counted as differences. Nothing from another copy was merged into the published text, "
        "except paragraph breaks where noted on the Source issues page."))
    for statute in project.statutes.values():
        out.append(_statute_variants(statute))
    return "".join(out)


def _statute_variants(statute) -> str:
    out = [f"## {bi(esc(statute.title), esc(statute.spec.short_title_en or statute.spec.title_en))} {{ #{statute.id} }}\n\n"]
    auth = f"<code>{esc(statute.source.display_path)}</code>"
    if not statute.copies:
        out.append(both(f"权威副本：{auth}。未收集其他副本，无可比对。",
                        f"Authoritative copy: {auth}. No other copy was collected, so there is nothing to compare."))
        return "".join(out)
    counts = Counter(v.copy for v in statute.variants)
    copies = [(f"<code>{esc(c.display_path)}</code>", counts.get(c.ref, 0)) for c in statute.copies]
    out.append(both(f"权威副本：{auth}。比对的副本：" + "、".join(f"{p}（{n}处差异）" for p, n in copies) + "。",
                    f"Authoritative copy: {auth}. Compared copies: "
                    + ", ".join(f"{p} ({n} differences)" for p, n in copies) + "."))
    by_copy: dict[str, list[Variant]] = defaultdict(list)
    for v in statute.variants:
        by_copy[v.copy].append(v)
    for copy in statute.copies:
        out.append(f"### {esc(copy.display_path)} {{ #{statute.id}-{urls.source_anchor(copy.source.spec.file)} }}\n\n")
        variants = by_copy.get(copy.ref, [])
        if not variants:
            out.append(both("无差异。", "No differences."))
            continue
        out.append(_head(("条文", "Article"), ("类型", "Kind"), ("权威副本的读法", "Authoritative reading"),
                         ("此副本的读法", "This copy's reading"), ("行", "Line")))
        out.extend(_variant_row(statute, v) for v in variants)
        out.append("\n")
    return "".join(out)


def _variant_row(statute, v: Variant) -> str:
    if v.article:
        target = urls.article_page(statute.id, v.article)
        if v.where.startswith("art_") and "__para" in v.where:
            target += "#" + v.where.split("__item")[0]
        where = f"[{bi(article_label_zh(v.article), f'Art. {v.article}')}]({rel(urls.VARIANTS, target)})"
    else:
        where = esc(v.where)
    zh, en = KIND_LABEL.get(v.kind, (v.kind, v.kind))
    kind = bi(esc(zh), esc(en)) if zh != en else esc(en)
    note = ""
    if v.note:
        note = "<br><small>" + (bi(esc(v.note_zh), esc(v.note)) if v.note_zh else esc(v.note)) + "</small>"
    return (f"| {where} | {kind} | {_reading(v.authoritative, v.auth_mark, v.kind)} | "
            f"{_reading(v.reading, v.read_mark, v.kind, v.reading_zh)}{note} | {v.line or ''} |\n")


def issues_page(project, diagnostics: list[Diagnostic]) -> str:
    out = [front_matter("Source issues · 来源问题")]
    out.append("# Source issues · 来源问题 { #issues }\n\n")
    counts = Counter(d.severity for d in diagnostics)
    out.append(both(
        "生成器读取来源时注意到的一切：删除的文字提取残留、光学识别错误、不完整的文字、序号问题，以及它所作的处理。"
        "每一项都注明文件和行号。原始文件保持收集时的原样；编辑如何处理每个问题，见“编辑细节”。",
        "Everything the generator noticed while reading the sources: extraction debris it "
        "removed, OCR defects, text cut short, numbering problems, and the decisions it took. Each "
        "entry names the file and line. The raw files stay as collected; how an editor can fix "
        "each issue is under Editorial details."))
    e, w, i = counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0)
    out.append(both(f"<strong>错误{e}项，警告{w}项，说明{i}项。</strong>",
                    f"<strong>{e} errors, {w} warnings, {i} notes.</strong>"))
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_path[d.path or "(general)"].append(d)
    for path in sorted(by_path):
        out.append(f"## {esc(path)}\n\n")
        out.append(_head(("行", "Line"), ("级别", "Severity"), ("问题", "What")))
        entries = sorted(by_path[path], key=Diagnostic.sort_key)
        for d in entries:
            zh, en = SEVERITY_LABEL[d.severity]
            # A kind of issue without Chinese wording yet: the Chinese view says so and shows the English.
            zh_what = esc(d.message_zh) if d.message_zh else f'仅有英文说明：<span lang="en">{esc(d.message)}</span>'
            what = bi(zh_what, esc(d.message), " / ")
            out.append(f"| {d.line or ''} | {bi(zh, en)} | {what} |\n")
        out.append("\n")
        hints = [d for d in entries if d.hint]
        if hints:
            # How to fix: editors' instructions, in English, closed by default.
            out.append('<details class="editorial" markdown>\n<summary>'
                       f"{bi('编辑细节：如何修正', 'Editorial details: how to fix', en_first=True)}</summary>\n\n"
                       "| Line | How to fix |\n|---|---|\n")
            out.extend(f"| {d.line or ''} | {md_table_cell(d.hint)} |\n" for d in hints)
            out.append("\n</details>\n\n")
    return "".join(out)
