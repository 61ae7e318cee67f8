"""Split an article's body into paragraphs (款) and items (项).

Shapes handled:

* one paragraph per line, items on their own lines: ``（一）…；``, ``(1) …``, ``1.``, ``①``;
* paragraphs run together on one line, separated by a space after a full stop
  (``…工作。 市发展改革…``);
* items run together inline after a colon: ``履行下列职责:(一)…;(二)…;(六)…。市人工…``
  (the text after the last item's full stop is a new paragraph);
* OCR line wraps: a line that does not end a sentence, followed by a line that does not
  open a new paragraph (an item label, or a subject such as 市…/本市…), is joined to it
  (``…大型科`` / ``学仪器…``); a line that stops before a new paragraph is kept and reported
  as cut short.

Whitespace is normalised (runs collapse to one space, ends trimmed); no other character
is changed, added or dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.diagnostics import Diagnostic
from generator.model import Item, Paragraph, Point
from generator.numerals import parse_numeral
from generator.textnorm import SENTENCE_END, WS_CHARS, ends_clause, is_cjk, shorten, tidy
from generator.parse.cleaning import CleanText
from generator.numerals import chinese_numeral

_WS = f"[{re.escape(WS_CHARS)}]"
ITEM_LABEL_RE = re.compile(
    rf"^(?P<label>[（(]{_WS}*(?P<n1>[一二三四五六七八九十]{{1,3}}|\d{{1,2}}|[０-９]{{1,2}}){_WS}*[)）]"
    rf"|(?P<n2>\d{{1,2}}|[０-９]{{1,2}})[.．、](?![\d０-９])"
    rf"|(?P<n3>[①-⑳]))"
)
# A paragraph break inside a line: a full stop followed by whitespace, then text.
RUN_ON_BREAK = re.compile(rf"(?<=[{SENTENCE_END}]){_WS}+(?=\S)")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Paragraphs in Chinese statutes typically open with their subject (the government or a
# department); a line starting like this after a line that stopped short is a new
# paragraph, not a continuation.
PARAGRAPH_OPENERS = ("市", "本市", "区人民政府", "各区", "县", "乡镇人民政府", "省")


@dataclass
class Piece:
    text: str
    offset: int   # offset of the first character in the cleaned text


def item_label(text: str) -> tuple[str, int, str] | None:
    """(label, number, style) if ``text`` starts with an item label."""
    m = ITEM_LABEL_RE.match(text)
    if not m:
        return None
    label = re.sub(_WS, "", m.group("label"))
    if m.group("n3"):
        return label, CIRCLED.index(m.group("n3")) + 1, "circled"
    raw = m.group("n1") or m.group("n2")
    number = parse_numeral(raw)
    if number is None:
        return None
    if m.group("n1"):
        style = ("zh" if not raw.isdigit() and not raw[0] in "０１２３４５６７８９" else "digit") + (
            "-full" if label[0] == "（" else "-half")
    else:
        style = "dot"
    return label, number, style


def _lines(clean: CleanText, start: int, end: int) -> list[Piece]:
    out = []
    pos = start
    for raw in clean.text[start:end].split("\n"):
        stripped = raw.strip(WS_CHARS)
        if stripped:
            lead = len(raw) - len(raw.lstrip(WS_CHARS))
            out.append(Piece(stripped, pos + lead))
        pos += len(raw) + 1
    return out


def _continues(prev: str, nxt: str) -> bool:
    """Is ``nxt`` the rest of the paragraph that ``prev`` left unfinished?"""
    if ends_clause(prev) or item_label(nxt) is not None or nxt.startswith(PARAGRAPH_OPENERS):
        return False
    return is_cjk(prev[-1]) and (is_cjk(nxt[0]) or nxt[0].isdigit())


def _join_wrapped_lines(lines: list[Piece], clean: CleanText, diags: list[Diagnostic],
                        article: int) -> list[Piece]:
    out: list[Piece] = []
    for piece in lines:
        if out and _continues(out[-1].text, piece.text):
            prev = out[-1]
            diags.append(Diagnostic(
                "info", f"article {article}: joined a line that does not end a sentence with the next "
                f"('{shorten(prev.text, 8, tail=True)}' + '{shorten(piece.text, 8)}')",
                path=clean.path, line=clean.line_of(piece.offset), code="line-joined",
                message_zh=f"第{article}条：未在句末结束的一行已与下一行连接"
                f"（“{shorten(prev.text, 8, tail=True)}”+“{shorten(piece.text, 8)}”）"))
            out[-1] = Piece(prev.text + piece.text, prev.offset)
            continue
        out.append(piece)
    return out


def _split_run_on(piece: Piece) -> list[Piece]:
    out = []
    pos = 0
    for m in RUN_ON_BREAK.finditer(piece.text):
        out.append(Piece(piece.text[pos:m.start()], piece.offset + pos))
        pos = m.end()
    out.append(Piece(piece.text[pos:], piece.offset + pos))
    return [p for p in out if p.text.strip(WS_CHARS)]


def _label_pattern(number: int, style: str) -> str:
    if style.startswith("zh"):
        num = chinese_numeral(number)
    else:
        num = str(number)
    if style.endswith("-full") or style.endswith("-half"):
        return rf"[（(]{_WS}*{num}{_WS}*[)）]"
    return ""


INLINE_FIRST = re.compile(rf"[：:]{_WS}*(?=[（(]{_WS}*(?:一|1|１){_WS}*[)）])")


def _split_inline_items(piece: Piece) -> tuple[Piece, list[Piece], Piece | None] | None:
    """``head：(一)a；(二)b；(三)c。tail`` -> (head, [items], tail)."""
    m = INLINE_FIRST.search(piece.text)
    if not m:
        return None
    text = piece.text
    first = item_label(text[m.end():])
    if first is None:
        return None
    _, _, style = first
    starts = [m.end()]
    number = 2
    while True:
        pat = re.compile(rf"(?<=[；;。]){_WS}*({_label_pattern(number, style)})")
        nxt = pat.search(text, starts[-1] + 1)
        if not nxt:
            break
        starts.append(nxt.start(1))
        number += 1
    if len(starts) < 2:
        return None
    head = Piece(text[:m.end()].rstrip(WS_CHARS), piece.offset)
    items = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        items.append(Piece(text[s:e].strip(WS_CHARS), piece.offset + s))
    tail = None
    last = items[-1]
    stop = next((i for i, ch in enumerate(last.text) if ch in SENTENCE_END), None)
    if stop is not None and stop + 1 < len(last.text):
        rest = last.text[stop + 1:]
        items[-1] = Piece(last.text[:stop + 1], last.offset)
        lead = len(rest) - len(rest.lstrip(WS_CHARS))
        tail = Piece(rest.strip(WS_CHARS), last.offset + stop + 1 + lead)
    return head, items, tail


def split_body(clean: CleanText, start: int, end: int, article: int,
               diags: list[Diagnostic]) -> list[Paragraph]:
    if clean.line_map is not None:
        # A structured file (Markdown, HTML, Word) says where each paragraph ends: one
        # block, one paragraph; no OCR re-joining or run-on splitting.
        pieces = _lines(clean, start, end)
    else:
        pieces = []
        for line in _join_wrapped_lines(_lines(clean, start, end), clean, diags, article):
            pieces.extend(_split_run_on(line))

    paragraphs: list[Paragraph] = []
    styles: list[str] = []

    def add_item(piece: Piece, info: tuple[str, int, str]) -> None:
        label, number, style = info
        body = piece.text[ITEM_LABEL_RE.match(piece.text).end():]
        if not paragraphs:
            paragraphs.append(Paragraph(0, "", [], clean.line_of(piece.offset)))
        para = paragraphs[-1]
        if style == "dot" and para.items and styles and styles[-1].startswith("zh"):
            # 1. 2. under （一）: points (目) of that item, not items of their own.
            para.items[-1].points.append(Point(number, label, tidy(body), clean.line_of(piece.offset)))
            return
        styles.append(style)
        para.items.append(Item(number, label, tidy(body), clean.line_of(piece.offset)))

    queue = list(pieces)
    while queue:
        piece = queue.pop(0)
        info = item_label(piece.text)
        if info is not None:
            add_item(piece, info)
            continue
        inline = _split_inline_items(piece)
        if inline:
            head, items, tail = inline
            paragraphs.append(Paragraph(0, tidy(head.text), [], clean.line_of(head.offset)))
            for it in items:
                add_item(it, item_label(it.text))
            if tail is not None and tail.text:
                queue.insert(0, tail)
            continue
        paragraphs.append(Paragraph(0, tidy(piece.text), [], clean.line_of(piece.offset)))

    _check_items(paragraphs, article, clean, diags)
    _check_cut_short(paragraphs, article, clean, diags)
    return paragraphs


def _check_items(paragraphs: list[Paragraph], article: int, clean: CleanText,
                 diags: list[Diagnostic]) -> None:
    for p_index, para in enumerate(paragraphs, start=1):
        if not para.items:
            continue
        numbers = [it.number for it in para.items]
        if numbers != list(range(1, len(numbers) + 1)):
            diags.append(Diagnostic(
                "warning", f"article {article}, paragraph {p_index}: items are numbered "
                f"{', '.join(it.label for it in para.items)}", path=clean.path,
                line=para.items[0].line, code="item-numbering"))
        kinds = {_label_kind(it.label) for it in para.items}
        if len(kinds) > 1:
            diags.append(Diagnostic(
                "warning", f"article {article}, paragraph {p_index}: item labels mix numbering "
                f"styles ({', '.join(it.label for it in para.items)})", path=clean.path,
                line=para.items[0].line, code="item-style",
                message_zh=f"第{article}条第{p_index}款：项的序号混用了不同格式"
                f"（{'、'.join(it.label for it in para.items)}）",
                hint="the authoritative copy decides; other copies are listed as variants"))


def _label_kind(label: str) -> str:
    core = label.strip("（）()")
    if core and core[0] in "0123456789０１２３４５６７８９":
        return "digit"
    if core and core[0] in "①②③④⑤⑥⑦⑧⑨⑩":
        return "circled"
    return "zh"


def _check_cut_short(paragraphs: list[Paragraph], article: int, clean: CleanText,
                     diags: list[Diagnostic]) -> None:
    for p_index, para in enumerate(paragraphs, start=1):
        blocks = []
        if para.text and not para.items:
            blocks.append(("paragraph", "", para.text, para.line))
        blocks.extend((f"item {it.label}", f"第{it.label}项", it.text, it.line) for it in para.items)
        if para.text and para.items and not ends_clause(para.text):
            blocks.insert(0, ("paragraph", "", para.text, para.line))
        for what, what_zh, text, line in blocks:
            if not ends_clause(text):
                diags.append(Diagnostic(
                    "warning", f"article {article}, paragraph {p_index} ({what}) seems cut short: "
                    f"it ends '{shorten(text, 12, tail=True)}' with no closing punctuation",
                    path=clean.path, line=line, code="cut-short",
                    message_zh=f"第{article}条第{p_index}款{what_zh}似乎不完整：以“{shorten(text, 12, tail=True)}”"
                    "结尾，没有结束标点",
                    hint="compare with the printed text; the missing words cannot be recovered from this copy"))
