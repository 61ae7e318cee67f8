"""Word .docx, as downloaded from the national law database (flk.npc.gov.cn).

Read with python-docx (package, styles, core properties); the text itself is taken from
the paragraph XML so that nothing Word can hold is lost: runs inside hyperlinks, tracked
insertions (``w:ins``), smart tags, content controls (``w:sdt``, also at body level) and
text boxes are all read; deleted text (``w:del``) and field instructions are not text.
``w:tab`` gives a tab, ``w:br``/``w:cr`` a line break, which splits a paragraph into
several blocks (same ``line``).  The ``mc:Fallback`` copy of a text box is skipped (its
``mc:Choice`` twin is read), so no text is read twice.

Line numbers: a .docx has no lines.  ``Block.line`` is the 1-based index of the
body-level item the block comes from, counting paragraphs and tables (a whole table
counts as one item) in document order.  In a document without tables this is simply the
paragraph index.

Headings:

* style "Title" -> ``title`` (level 1); "Heading N" / "标题 N" -> heading level N
  (a paragraph's outline level in its properties counts too);
* a paragraph that is centered and short (≤ 40 characters) and either matches
  第X编/分编/章/节 or is the first non-empty paragraph -> heading (the first such
  paragraph, if no Title came before, is the ``title``).  Levels for those: title 1,
  编 2, 分编 3, 章 2 (3 after an 编, 4 after a 分编), 节 one below the last 章.

Tables -> ``table`` blocks (cell text: its paragraphs joined by newlines, nested tables
included; a merged cell is read once).  ``metadata``: the core properties that are set
(title, subject, author, keywords, category, comments, created, modified, …).
"""

from __future__ import annotations

import io
import re
import zipfile

from generator.diagnostics import Diagnostic
from generator.sources.readers.blocks import Block, ReadDocument, is_blank

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, SDT, SDT_CONTENT, TR, TC = _q("p"), _q("tbl"), _q("sdt"), _q("sdtContent"), _q("tr"), _q("tc")
T, TAB, BR, CR, DEL, MOVE_FROM, INSTR = (_q("t"), _q("tab"), _q("br"), _q("cr"), _q("del"),
                                        _q("moveFrom"), _q("instrText"))
NB_HYPHEN, SOFT_HYPHEN, PPR = _q("noBreakHyphen"), _q("softHyphen"), _q("pPr")
FALLBACK = f"{{{MC}}}Fallback"

_DIVISION = re.compile(r"^第[一二三四五六七八九十百千零〇两0-9０-９]+(分编|编|章|节)")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_STYLES = {"title", "标题"}
SHORT = 40


def _para_text(p) -> str:
    """Text of a ``w:p`` element (tab -> \\t, break -> \\n)."""
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue  # comments / processing instructions in the XML
            if tag in (DEL, MOVE_FROM, FALLBACK, PPR):
                continue
            if tag == T:
                out.append(child.text or "")
            elif tag == TAB:
                out.append("\t")
            elif tag in (BR, CR):
                if child.get(_q("type")) in (None, "textWrapping"):
                    out.append("\n")
            elif tag == NB_HYPHEN:
                out.append("\u2011")
            elif tag == SOFT_HYPHEN:
                continue
            elif tag == P:  # a paragraph in a text box inside this one
                out.append("\n")
                walk(child)
                out.append("\n")
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _cell_text(tc) -> str:
    texts = []
    for p in tc.iter(P):
        if any(a.tag == FALLBACK for a in p.iterancestors()):
            continue
        if any(a.tag == P for a in p.iterancestors()):
            continue  # text-box paragraph: already read with its host paragraph
        texts.append(_para_text(p).strip())
    return "\n".join(t for t in texts if t)


def _body_items(body):
    """Body-level ``w:p`` and ``w:tbl`` in document order (content controls opened)."""
    for child in body:
        if child.tag in (P, TBL):
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _body_items(content)


def _style_info(doc, p) -> tuple[str, bool, int | None]:
    """(style name, centered?, outline level 1-based or None) for a ``w:p``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.text.paragraph import Paragraph

    par = Paragraph(p, doc._body)
    try:
        style = par.style
    except Exception:  # a style id the styles part does not define
        style = None
    name = (style.name or "") if style is not None else ""
    align = par.paragraph_format.alignment
    s = style
    while align is None and s is not None:
        align = s.paragraph_format.alignment
        s = s.base_style
    centered = align in (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.DISTRIBUTE)
    outline = None
    ppr = p.find(PPR)
    lvl = ppr.find(_q("outlineLvl")) if ppr is not None else None
    if lvl is not None:
        try:
            val = int(lvl.get(_q("val")))
            outline = val + 1 if 0 <= val < 9 else None
        except (TypeError, ValueError):
            outline = None
    return name, centered, outline


def _table_rows(tbl) -> tuple[tuple[str, ...], ...]:
    rows = []
    for tr in tbl.iter(TR):
        owner = tr.getparent()
        while owner is not None and owner.tag != TBL:
            owner = owner.getparent()
        if owner is not tbl:
            continue  # a row of a nested table: read as its outer cell's text
        cells = []
        for tc in tr.iter(TC):
            if tc.getparent() is not tr:
                # content control around a cell
                parent = tc.getparent()
                while parent is not None and parent is not tr:
                    if parent.tag == TC:
                        break
                    parent = parent.getparent()
                if parent is not tr:
                    continue
            tcpr = tc.find(_q("tcPr"))
            vmerge = tcpr.find(_q("vMerge")) if tcpr is not None else None
            if vmerge is not None and vmerge.get(_q("val")) in (None, "continue"):
                cells.append("")  # continuation of a vertically merged cell: read once, above
                continue
            cells.append(_cell_text(tc))
        if any(cells):
            rows.append(tuple(cells))
    return tuple(rows)


def _metadata(doc) -> dict:
    meta: dict = {}
    cp = doc.core_properties
    for key in ("title", "subject", "author", "keywords", "category", "comments", "identifier",
                "language", "version", "last_modified_by", "created", "modified", "revision"):
        try:
            value = getattr(cp, key)
        except Exception:  # malformed property in docProps/core.xml
            continue
        if value in (None, "", 0):
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        meta[key] = value
    return meta


def read_docx(raw: bytes, name: str = "") -> ReadDocument:
    try:
        import docx  # python-docx
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise ValueError(f"{name}: reading .docx needs python-docx (pip install python-docx)") from exc
    try:
        doc = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValueError(f"{name}: not a readable .docx ({exc})") from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError etc.
        raise ValueError(f"{name}: not a readable .docx ({type(exc).__name__}: {exc})") from exc

    diags: list[Diagnostic] = []
    blocks: list[Block] = []
    have_title = False
    seen_text = False
    chapter_level = 2
    for index, item in enumerate(_body_items(doc.element.body), 1):
        if item.tag == TBL:
            rows = _table_rows(item)
            if rows:
                blocks.append(Block("table", "\n".join("\t".join(r) for r in rows), index, None, rows))
                seen_text = True
            continue
        text = _para_text(item)
        if is_blank(text):
            continue
        style, centered, outline = _style_info(doc, item)
        compact = re.sub(r"\s+", "", text)
        kind, level = "paragraph", None
        m = _HEADING_STYLE.match(style.strip())
        if style.strip().lower() in _TITLE_STYLES:
            kind, level = ("title", 1) if not have_title else ("heading", 1)
        elif m:
            level = int(m.group(1))
            kind = "title" if level == 1 and not have_title and not seen_text else "heading"
        elif outline is not None:
            kind, level = "heading", outline
        elif centered and len(compact) <= SHORT:
            d = _DIVISION.match(compact)
            if d:
                kind = "heading"
                unit = d.group(1)
                if unit == "编":
                    level = 2
                    chapter_level = 3
                elif unit == "分编":
                    level = 3
                    chapter_level = 4
                elif unit == "章":
                    level = chapter_level
                else:
                    level = chapter_level + 1
            elif not seen_text:
                kind, level = ("title", 1) if not have_title else ("heading", 1)
        if kind == "title":
            have_title = True
        seen_text = True
        if kind == "paragraph":
            for piece in text.split("\n"):
                if not is_blank(piece):
                    blocks.append(Block("paragraph", piece.strip(), index))
        else:
            heading = " ".join(p.strip() for p in text.split("\n") if not is_blank(p))
            blocks.append(Block(kind, heading, index, level))
    metadata = _metadata(doc)
    return ReadDocument("docx", blocks, metadata, diags)
