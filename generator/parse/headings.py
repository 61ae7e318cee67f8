"""Find the chapter (章), section (节) and article (条) headings in a statute text.

Headings are found wherever they are: at the start of a line (one article per line), in
the middle of a line after a sentence ends (articles merged onto one line), or run
together with the whole statute on one line.  What is *not* a heading:

* numbers of other kinds: 公告第六十四号, 第十一次会议 (no 章/节/条 after the number);
* inline references: 依照本条例第十条规定, 第二条、第五条至第十一条 (not at a structural
  position, or followed by reference words);
* a table of contents (目录 第一章 … 第七章, then 第一章 again);
* numbers that break the sequence in the middle of running text.

OCR misreadings of the heading characters (第一音 for 第一章, 第二十九宗 for 第二十九条)
are accepted where the sequence confirms them, and always reported.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from generator.diagnostics import Diagnostic
from generator.numerals import NUMERAL_CHARS, parse_numeral
from generator.textnorm import CLAUSE_END, CLOSERS, WS_CHARS, strip_all_ws
from generator.parse.cleaning import CleanText
from generator.parse.numbering import check_structure_numbering, report_article_numbering

_SP = "[ \\t\\u3000\\u00a0\\u2000-\\u200a]"
HEADING_RE = re.compile(
    rf"第{_SP}?(?P<num>[{NUMERAL_CHARS}]{{1,8}}){_SP}?(?P<kind>分编|分編|[编編章节節条條音宗])"
    rf"(?:(?<=[条條])之(?P<insert>[一二三四五六七八九十]{{1,3}}))?"
)
KIND_OF = {"编": "book", "編": "book", "分编": "subbook", "分編": "subbook",
           "章": "chapter", "音": "chapter", "节": "section", "節": "section",
           "条": "article", "條": "article", "宗": "article"}
OCR_MISREADINGS = {"音": "章", "宗": "条"}
# What follows a *reference* to an article rather than a heading.
REFERENCE_FOLLOWERS = ("的", "规定", "規定", "所", "至", "、", "，", ",", "和", "或", "及", "第", "款",
                       "项", "項", "中", "之", "以", "到", "起")
TOC_RE = re.compile(rf"目{_SP}*录|目{_SP}*錄")
TITLE_OPEN = "(（【["
TITLE_CLOSE = {"(": ")", "（": "）", "【": "】", "[": "]"}
# A chapter/section title is short and has no sentence punctuation.
MAX_HEADING_TITLE = 30
_TITLE_FORBIDDEN = set("，,。；;：:！？!?")
MAX_GAP_MID_LINE = 5
# An article repealed by amendment keeps its number and reads 第一百九十九条（删去）.
DELETED_MARKS = ("删去", "删除", "刪去", "刪除")


@dataclass
class Candidate:
    start: int
    end: int          # just after the kind character
    kind: str         # chapter | section | article
    number: int
    raw: str
    ocr: str | None   # the misread character, if any
    line_start: bool
    after_break: bool
    insert: int = 0   # 第十七条之一 -> 1

    @property
    def key(self) -> tuple[int, int]:
        return (self.number, self.insert)


@dataclass
class Heading:
    kind: str
    number: int
    start: int
    end: int              # end of heading incl. title: body starts here
    title: str | None
    line: int
    raw: str
    toc: bool = False
    insert: int = 0


def _prev_non_ws(text: str, pos: int) -> tuple[str, int]:
    i = pos - 1
    while i >= 0 and text[i] in WS_CHARS:
        i -= 1
    return (text[i], i) if i >= 0 else ("", -1)


def find_candidates(clean: CleanText) -> list[Candidate]:
    text = clean.text
    out: list[Candidate] = []
    for m in HEADING_RE.finditer(text):
        number = parse_numeral(m.group("num"))
        if number is None or number == 0:
            continue
        kind_char = m.group("kind")
        after = text[m.end():m.end() + 2]
        if after.startswith(REFERENCE_FOLLOWERS):
            continue
        line_begin = clean.line_start(m.start())
        line_start = text[line_begin:m.start()].strip(WS_CHARS) == ""
        prev, _ = _prev_non_ws(text, m.start())
        after_break = prev == "" or prev in CLAUSE_END or prev in CLOSERS
        insert = parse_numeral(m.group("insert")) if m.group("insert") else 0
        out.append(Candidate(
            start=m.start(), end=m.end(), kind=KIND_OF[kind_char], number=number,
            raw=m.group(0), ocr=kind_char if kind_char in OCR_MISREADINGS else None,
            line_start=line_start, after_break=after_break, insert=insert or 0,
        ))
    return out


def _title_after(text: str, pos: int, limit: int) -> tuple[str, int]:
    """Chapter/section title: from ``pos`` to the end of the line or ``limit``."""
    nl = text.find("\n", pos)
    end = min(limit, nl if nl != -1 else len(text))
    raw = text[pos:end]
    return strip_all_ws(raw), end


def _article_title(text: str, pos: int, limit: int) -> tuple[str | None, int, bool]:
    """A short title in brackets after 第N条: (立法目的), （立法目的）, 【立法目的】.

    Returns (title, end offset, cut_short).  Titles broken across lines are joined; a title
    whose closing bracket never comes (OCR cut it off) is returned with ``cut_short``.
    """
    i = pos
    while i < limit and text[i] in WS_CHARS and text[i] != "\n":
        i += 1
    if i >= limit or text[i] not in TITLE_OPEN:
        return None, pos, False
    opener = text[i]
    closers = {TITLE_CLOSE[opener], ")", "）"} if opener in "(（" else {TITLE_CLOSE[opener]}
    # Look through this line and, if needed, the next non-empty line.
    nl = text.find("\n", i)
    line_end = nl if nl != -1 else limit
    search_end = min(limit, i + 60)
    j = i + 1
    while j < search_end:
        ch = text[j]
        if ch in closers:
            content = strip_all_ws(text[i + 1:j])
            if content in DELETED_MARKS:
                return None, pos, False      # （删去）: the article's text, not its title
            if content and len(content) <= 40 and not (_TITLE_FORBIDDEN & set(content)):
                return content, j + 1, False
            return None, pos, False
        if ch in _TITLE_FORBIDDEN:
            break
        j += 1
    # No closing bracket: a title cut short at the end of its line?
    content = strip_all_ws(text[i + 1:min(line_end, limit)])
    if content and len(content) <= 40 and not (_TITLE_FORBIDDEN & set(content)):
        return content, min(line_end, limit), True
    return None, pos, False


def accept_headings(clean: CleanText, candidates: list[Candidate], diags: list[Diagnostic],
                    end_limit: int, marked_lines: frozenset[int] = frozenset()) -> list[Heading]:
    """Decide which candidates are headings; report everything doubtful.  ``marked_lines``
    are the (0-based) lines the file itself marks as headings (Markdown ``##``, ``<h2>``):
    a chapter or section heading there is taken whatever its title looks like."""
    cands = [c for c in candidates if c.start < end_limit]
    structural = _structural_headings(clean, cands, diags, end_limit, marked_lines)
    _mark_table_of_contents(structural, cands, diags, clean)
    headings: list[Heading] = [h for h in structural if not h.toc]
    headings.extend(_article_headings(clean, cands, structural, diags, end_limit))
    headings.sort(key=lambda h: h.start)
    check_structure_numbering(headings, diags, clean)
    return headings


def _structural_headings(clean: CleanText, cands: list[Candidate], diags: list[Diagnostic],
                         end_limit: int, marked_lines: frozenset[int] = frozenset()) -> list[Heading]:
    """Pass 1: chapters and sections by context and title shape."""
    text = clean.text
    toc_positions = [m.start() for m in TOC_RE.finditer(text)]
    structural: list[Heading] = []
    for idx, cand in enumerate(cands):
        if cand.kind == "article":
            continue
        follows_heading = bool(structural) and strip_all_ws(text[structural[-1].end:cand.start]) == ""
        if not (cand.line_start or cand.after_break or follows_heading or _after_toc(text, cand.start, toc_positions)):
            continue
        next_start = cands[idx + 1].start if idx + 1 < len(cands) else end_limit
        title, title_end = _title_after(text, cand.end, min(next_start, end_limit))
        marked = cand.line_start and clean.line_index(cand.start) in marked_lines
        if not marked and (not title or len(title) > MAX_HEADING_TITLE or (_TITLE_FORBIDDEN & set(title))):
            continue
        structural.append(Heading(cand.kind, cand.number, cand.start, title_end, title,
                                  clean.line_of(cand.start), cand.raw))
        if cand.ocr:
            diags.append(Diagnostic(
                "warning", f"'{cand.raw}' read as {OCR_MISREADINGS[cand.ocr]!s} heading "
                f"(OCR misread {OCR_MISREADINGS[cand.ocr]} as {cand.ocr})",
                path=clean.path, line=clean.line_of(cand.start), code="ocr-heading",
                message_zh=f"“{cand.raw}”被读作{OCR_MISREADINGS[cand.ocr]}的标题"
                f"（光学识别把“{OCR_MISREADINGS[cand.ocr]}”误识为“{cand.ocr}”）",
                hint="check the printed text; correct the source copy if a clean one is available"))
    return structural


def _article_headings(clean: CleanText, cands: list[Candidate], structural: list[Heading],
                      diags: list[Diagnostic], end_limit: int) -> list[Heading]:
    """Pass 2: articles, in order, against the expected sequence."""
    structure = [h for h in structural if not h.toc]
    toc_spans = [(h.start, h.end) for h in structural if h.toc]
    articles: list[Heading] = []
    last_article = 0
    last_insert = 0
    seen: dict[tuple[int, int], int] = {}
    prev_end = 0          # end of the last accepted heading of any kind before the candidate
    s_index = 0
    for cand in cands:
        if cand.kind != "article":
            continue
        while s_index < len(structure) and structure[s_index].end <= cand.start:
            prev_end = max(prev_end, structure[s_index].end)
            s_index += 1
        if any(a <= cand.start < b for a, b in toc_spans):
            continue
        follows_heading = prev_end > 0 and strip_all_ws(clean.text[prev_end:cand.start]) == ""
        if not (cand.line_start or cand.after_break or follows_heading):
            continue
        line = clean.line_of(cand.start)
        if cand.insert:
            # 第十七条之一: inserted after article 17 (or after 17之一 …) by an amendment.
            if not (cand.number == last_article and cand.insert == last_insert + 1) and not cand.line_start:
                continue
        elif not _fits_sequence(clean, cand, last_article, prev_end, diags, end_limit, line):
            continue
        title, title_end, cut = _article_title(clean.text, cand.end, end_limit)
        heading = Heading("article", cand.number, cand.start, title_end, title, line, cand.raw,
                          insert=cand.insert)
        if cut:
            diags.append(Diagnostic(
                "warning", f"the title of article {cand.number} is cut short: '{title}' has no "
                "closing bracket", path=clean.path, line=line, code="title-cut",
                message_zh=f"第{cand.number}条的条标题似乎不完整：“{title}”缺少后括号",
                hint="check the printed text"))
        report_article_numbering(cand, line, seen, (last_article, last_insert), diags, clean.path)
        seen.setdefault(cand.key, line)
        if cand.key > (last_article, last_insert):
            last_article, last_insert = cand.key
        prev_end = heading.end
        articles.append(heading)
    return articles


def _fits_sequence(clean: CleanText, cand: Candidate, last_article: int, prev_end: int,
                   diags: list[Diagnostic], end_limit: int, line: int) -> bool:
    """Whether an article candidate at a heading position is read as a heading."""
    if cand.ocr:
        return _ocr_article_heading(clean, cand, last_article, prev_end, diags, end_limit, line)
    expected = last_article + 1
    if cand.number != expected and not cand.line_start:
        # Mid-line numbers that break the sequence are references, not headings,
        # unless they skip only a few articles and are laid out like a heading.
        laid_out = clean.text[cand.end:cand.end + 1] in WS_CHARS + TITLE_OPEN
        return expected < cand.number <= expected + MAX_GAP_MID_LINE and laid_out
    return True


def _ocr_article_heading(clean: CleanText, cand: Candidate, last_article: int, prev_end: int,
                         diags: list[Diagnostic], end_limit: int, line: int) -> bool:
    """An OCR-misread article heading is accepted only where the numbering confirms it."""
    expected = last_article + 1
    if cand.number == expected:
        diags.append(Diagnostic(
            "warning", f"'{cand.raw}' read as the heading of article {cand.number} "
            f"(OCR misread 条 as {cand.ocr})", path=clean.path, line=line, code="ocr-heading",
            message_zh=f"“{cand.raw}”被读作第{cand.number}条的条标（光学识别把“条”误识为“{cand.ocr}”）",
            hint="check the printed text"))
        return True
    if cand.number == last_article and strip_all_ws(clean.text[prev_end:cand.start]) == "":
        # A garbled repeat of the heading just read (e.g. 第二十九宗(符号广亚图区)).
        _blank_garbled_repeat(clean, cand, diags, end_limit, line)
        return False
    diags.append(Diagnostic(
        "warning", f"'{cand.raw}' looks like an OCR-misread article heading but does not "
        f"fit the numbering (expected article {expected}); kept as text",
        path=clean.path, line=line, code="ocr-heading",
        message_zh=f"“{cand.raw}”像是识别错误的条标，但与条文序号不符（应为第{expected}条），按正文保留"))
    return False


def _blank_garbled_repeat(clean: CleanText, cand: Candidate, diags: list[Diagnostic],
                          end_limit: int, line: int) -> None:
    """Blank out a garbled repeat of an article heading (and its title) in ``clean.text``."""
    text = clean.text
    title, title_end, _ = _article_title(text, cand.end, end_limit)
    stop = title_end
    while stop < len(text) and text[stop] in "，,、" + WS_CHARS and text[stop] != "\n":
        stop += 1
    removed = text[cand.start:stop].strip()
    diags.append(Diagnostic(
        "warning", f"removed '{removed}': an OCR-garbled repeat of the heading of "
        f"article {cand.number} (条 misread as {cand.ocr})", path=clean.path, line=line,
        code="ocr-duplicate-heading", hint="check the printed text",
        message_zh=f"已删除“{removed}”：第{cand.number}条条标因光学识别错误而重复出现的文字"
        f"（“条”误识为“{cand.ocr}”）"))
    clean.text = text[:cand.start] + " " * (stop - cand.start) + text[stop:]


def _after_toc(text: str, pos: int, toc_positions: list[int]) -> bool:
    return any(0 <= pos - t <= 6 and strip_all_ws(text[t:pos]) in ("目录", "目錄") for t in toc_positions)


def _mark_table_of_contents(structural: list[Heading], cands: list[Candidate],
                            diags: list[Diagnostic], clean: CleanText) -> None:
    """A run of chapter/section headings with no article in it, after which chapter
    numbering starts again, is a table of contents."""
    article_starts = [c.start for c in cands if c.kind == "article"]

    def article_between(a: int, b: int) -> bool:
        k = bisect.bisect_right(article_starts, a)
        return k < len(article_starts) and article_starts[k] < b

    i = 0
    while i < len(structural):
        if structural[i].kind != "chapter":
            i += 1
            continue
        j = i
        while j + 1 < len(structural) and not article_between(structural[j].start, structural[j + 1].start):
            j += 1
            nxt = structural[j]
            if nxt.kind == "chapter" and nxt.number <= structural[i].number and j > i:
                for h in structural[i:j]:
                    h.toc = True
                diags.append(Diagnostic(
                    "info", f"table of contents recognised ({j - i} entries); not treated as headings",
                    path=clean.path, line=structural[i].line, code="table-of-contents",
                    message_zh=f"识别出目录（{j - i}项），不作为标题处理"))
                break
        i = j + 1
