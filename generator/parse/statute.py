"""Statute text -> Statute > Chapter > Section > Article > Paragraph > Item, with diagnostics.

Entry point: :func:`parse_statute`.  The parser never raises on bad text: every problem
it notices becomes a :class:`~generator.diagnostics.Diagnostic` with a line number.
"""

from __future__ import annotations

import re

from generator.diagnostics import Diagnostic
from generator.model import Article, Book, ParsedStatute, UnnumberedHeading
from generator.textnorm import WS_CHARS, shorten, strip_all_ws, tidy
from generator.parse.cleaning import CleanText, clean
from generator.parse.headings import TOC_RE, Candidate, Heading, accept_headings, find_candidates
from generator.parse.layout import appendix_start, read_appendices, unnumbered_headings
from generator.parse.preamble import history_events
from generator.parse.structure import Place, build_structure

__all__ = ["parse_statute", "detect_title"]

STATUTE_KIND = r"(?:条例|法|规定|办法|细则|决定|規定|條例|辦法|細則|決定|规则|規則)"
DRAFT_SUFFIX = r"(?:[（(](?:草案|征求意见稿|徵求意見稿|修订草案|修正草案|送审稿)[)）])*"
TITLE_LINE_RE = re.compile(rf"^[^\s。，；]{{2,60}}?{STATUTE_KIND}{DRAFT_SUFFIX}$")
QUOTED_TITLE_RE = re.compile(rf"《([^《》\n]{{2,60}}?{STATUTE_KIND}{DRAFT_SUFFIX})》")
ADOPTION_NOTE_RE = re.compile(r"[（(][^（）()]{0,80}(?:通过|公布|施行|修正|修订|发布|發布|通過)[^（）()]{0,40}[)）]")


def detect_title(preamble: str) -> tuple[str | None, str]:
    """The statute's title and its adoption note (``(2022年8月30日…通过)``) from the preamble."""
    note = ""
    for raw_line in preamble.split("\n"):
        line = tidy(raw_line)
        if not line:
            continue
        line = TOC_RE.sub("", line).strip()
        m = ADOPTION_NOTE_RE.search(line)
        head = line
        if m:
            note = m.group(0)
            head = line[:m.start()].strip()
        if TITLE_LINE_RE.match(head):
            return head, note
    m = next((q for q in QUOTED_TITLE_RE.finditer(preamble) if not q.group(1).startswith("关于")), None)
    if m:
        note_match = ADOPTION_NOTE_RE.search(preamble)
        return m.group(1), note_match.group(0) if note_match else note
    return None, note


def _title_base(title: str) -> str:
    return re.sub(DRAFT_SUFFIX + "$", "", title)


def _own_title_cut(clean: CleanText, title: str | None, after: int) -> int | None:
    """Offset where a new document that names this statute begins (e.g. 《…》解读)."""
    if not title:
        return None
    base = _title_base(title)
    pattern = re.compile("《" + re.escape(base) + r"(?:[（(][^》]{0,12}[)）])*》")
    for m in pattern.finditer(clean.text, after):
        line_begin = clean.line_start(m.start())
        prefix = strip_all_ws(clean.text[line_begin:m.start()])
        prev = clean.text[:m.start()].rstrip(WS_CHARS)[-1:]
        if prefix == "" or len(prefix) <= 4:
            return line_begin if prefix else m.start()
        if prev in "。；":
            return m.start()
    return None


def parse_statute(text: str, *, path: str | None = None, first_line: int = 1,
                  expected_articles: int | None = None, line_map: list[int] | None = None,
                  title: str | None = None, reader_headings: dict[int, str] | None = None) -> ParsedStatute:
    """Parse one statute text.

    ``first_line`` is the file line number of the text's first line (when the text is a
    part of a larger file), so diagnostics point into the file.  ``expected_articles``
    (from the manifest) lets the parser report articles missing at the end.  For text
    made from a structured file's blocks, ``line_map`` gives each line's line in the file,
    ``title`` the document's own title and ``reader_headings`` (0-based text line ->
    text) the lines the file marks as headings.
    """
    cleaned, diags = clean(text, path=path, first_line=first_line, line_map=line_map)
    candidates = find_candidates(cleaned)
    end_limit = _flow_break_limit(cleaned, candidates, diags, path)

    headings = accept_headings(cleaned, candidates, diags, end_limit, frozenset(reader_headings or ()))
    first = headings[0].start if headings else end_limit
    preamble_raw = cleaned.text[:first]
    toc = [h for h in headings if h.toc]
    found_title, note = detect_title(preamble_raw)
    title = title or found_title

    end_limit = _trailing_document_limit(cleaned, title, headings, diags, path, end_limit)
    amendment = bool(title and AMENDMENT_RE.search(title))
    # An amendment (修正案) quotes the headings it inserts (作为第七节“监察委员会”): its only
    # structure is its own articles.
    real = [h for h in headings if not h.toc and h.start < end_limit and not (amendment and h.kind != "article")]
    last_article = next((h for h in reversed(real) if h.kind == "article"), None)
    appendix_at = appendix_start(cleaned, last_article, end_limit)
    appendices = read_appendices(cleaned, appendix_at, end_limit) if appendix_at is not None else []
    end_limit = appendix_at if appendix_at is not None else end_limit
    loose = unnumbered_headings(cleaned, real, reader_headings or {}, first, end_limit, diags)
    structure = build_structure(cleaned, real, end_limit, diags, path,
                                Place(book=_book_named_in_preamble(cleaned, reader_headings or {}, first, title)))
    chapters, articles = structure.chapters, structure.articles
    _place_loose_headings(loose, real, articles)
    _check_article_count(cleaned, articles, expected_articles, end_limit, first_line, diags, path)

    preamble = tidy(TOC_RE.split(preamble_raw)[0]) if toc or TOC_RE.search(preamble_raw) else tidy(preamble_raw)
    events = history_events(_preamble_lines(cleaned, first))
    diags.sort(key=lambda d: (d.line or 0, d.severity != "error"))
    return ParsedStatute(title=title, preamble=preamble, chapters=chapters, articles=articles,
                         diagnostics=diags, path=path, books=structure.books, appendices=appendices,
                         events=events, headings=loose,
                         kind=("amendment" if amendment else "statute") if articles else "not-a-statute")


AMENDMENT_RE = re.compile(r"修正案(?:[（(][^）)]*[)）])?$")
BOOK_NAME_RE = re.compile(r"^(?:.{1,10}编|总则|附则)$")


def _book_named_in_preamble(cleaned: CleanText, reader_headings: dict[int, str], first: int,
                            title: str | None) -> Book | None:
    """A copy of one book of a code names the book in a heading of its own before the first
    chapter (``# 合同编`` under ``# 中华人民共和国民法典``): the book, without its number."""
    book = None
    for index in sorted(reader_headings):
        offset = cleaned.line_offset(index)
        text = reader_headings[index].strip()
        if offset >= first:
            break
        if text != title and BOOK_NAME_RE.match(text):
            book = Book(None, text, [], cleaned.line_of(offset))
    return book


def _preamble_lines(cleaned: CleanText, end: int) -> list[tuple[int, str]]:
    """(file line, text) of the lines before the first heading."""
    out = []
    offset = 0
    for raw in cleaned.text[:end].split("\n"):
        if raw.strip():
            out.append((cleaned.line_of(offset), raw.strip()))
        offset += len(raw) + 1
    return out


def _place_loose_headings(loose: list[UnnumberedHeading], real: list[Heading], articles: list[Article]) -> None:
    """Each unnumbered heading precedes the first article that starts after it."""
    starts = [(h.start, (h.number, h.insert)) for h in real if h.kind == "article"]
    for heading in loose:
        heading.before_article = next((key for start, key in starts if start > heading.offset), None)


def _flow_break_limit(cleaned: CleanText, candidates: list[Candidate], diags: list[Diagnostic],
                      path: str | None) -> int:
    """Where the statute text ends: at a page-jump marker after the first article, else the end."""
    end_limit = len(cleaned.text)
    if cleaned.flow_breaks:
        brk = cleaned.flow_breaks[0]
        if any(c.kind == "article" and c.start < brk for c in candidates):
            rest = strip_all_ws(cleaned.text[brk:])
            if rest:
                diags.append(Diagnostic(
                    "warning", f"the statute text stops at the page-jump marker; the "
                    f"{len(rest)} characters after it (lines {cleaned.line_of(brk)}–"
                    f"{cleaned.line_of(len(cleaned.text) - 1)}) belong to another page or column and "
                    "are not read as statute text", path=path, line=cleaned.line_of(brk),
                    code="flow-break", hint="if they belong to this statute, say so in the manifest"))
            end_limit = brk
    return end_limit


def _trailing_document_limit(cleaned: CleanText, title: str | None, headings: list[Heading],
                             diags: list[Diagnostic], path: str | None, end_limit: int) -> int:
    """Cut the text where another document naming this statute begins after the last article."""
    articles_h = [h for h in headings if h.kind == "article"]
    if articles_h:
        cut = _own_title_cut(cleaned, title, articles_h[-1].end)
        if cut is not None and cut < end_limit:
            rest = strip_all_ws(cleaned.text[cut:end_limit])
            diags.append(Diagnostic(
                "warning", f"text after article {articles_h[-1].number} starts another document "
                f"('{shorten(rest, 20)}'); it is not read as part of the statute",
                path=path, line=cleaned.line_of(cut), code="trailing-document",
                hint="split the file into parts in source/manifest.yaml"))
            return cut
    return end_limit


def _check_article_count(cleaned: CleanText, articles: list[Article], expected_articles: int | None,
                         end_limit: int, first_line: int, diags: list[Diagnostic], path: str | None) -> None:
    """Report articles missing at the end (against the manifest) or no articles at all."""
    if expected_articles and articles:
        last = max(a.number for a in articles)
        if last < expected_articles:
            first_missing = last + 1
            span = (f"article {first_missing} is" if first_missing == expected_articles
                    else f"articles {first_missing}–{expected_articles} are")
            span_zh = (f"第{first_missing}条" if first_missing == expected_articles
                       else f"第{first_missing}条至第{expected_articles}条")
            diags.append(Diagnostic(
                "warning", f"{span} missing: the text stops after article {last} "
                f"({expected_articles} expected)", path=path,
                line=cleaned.line_of(end_limit - 1), code="missing-articles",
                message_zh=f"缺少{span_zh}：文本在第{last}条之后中断（应有{expected_articles}条）",
                hint="pages for the missing articles say so; add a complete copy to source/ when one exists"))
    if not articles:
        diags.append(Diagnostic("error", "no article headings (第一条 …) found", path=path,
                                line=first_line, code="no-articles",
                                hint="is this a statute text? articles must start with 第…条"))
