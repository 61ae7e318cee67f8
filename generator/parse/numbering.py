"""Numbering checks: a structure that contradicts the document's own numbering is an error.

An article number repeated or going back, a chapter out of sequence: the copy does not say
what it seems to say, and publishing it would misnumber the law.  A gap is a warning (a
copy may have lost text; the missing articles get pages that say so).
"""

from __future__ import annotations

from typing import Protocol

from generator.diagnostics import Diagnostic
from generator.numerals import article_label_zh


class Numbered(Protocol):
    kind: str
    number: int
    line: int
    insert: int


def _name(key: tuple[int, int]) -> str:
    number, insert = key
    return f"article {number}" + (f" ({article_label_zh(number, insert)})" if insert else "")


def report_article_numbering(cand, line: int, seen: dict[tuple[int, int], int], last: tuple[int, int],
                             diags: list[Diagnostic], path: str | None) -> None:
    """Report an article heading that repeats, goes back or skips in the numbering."""
    key = cand.key
    if last == (0, 0):
        return      # the first article may be any: a copy of one book of a code starts at 463
    if key in seen:
        diags.append(Diagnostic(
            "error", f"{_name(key)} appears twice (first at line {seen[key]})",
            path=path, line=line, code="numbering-repeat",
            hint="remove the duplicate or correct its number in the source copy"))
    elif key < last:
        diags.append(Diagnostic(
            "error", f"{_name(key)} is out of sequence: it comes after {_name(last)}",
            path=path, line=line, code="numbering-order",
            hint="correct the article number in the source copy"))
    elif not cand.insert and cand.number > last[0] + 1:
        missing = range_text(last[0] + 1, cand.number - 1)
        diags.append(Diagnostic(
            "error", f"numbering jumps: {missing} missing before article {cand.number}",
            path=path, line=line, code="numbering-gap",
            hint="check whether the source copy lost text here, or whether a heading was misread"))


def check_structure_numbering(headings: list, diags: list[Diagnostic], clean) -> None:
    """Books, parts, chapters and sections each count from one within their container;
    chapters count on across the parts of a book and restart with each book."""
    last = {"book": 0, "subbook": 0, "chapter": 0, "section": 0}
    resets = {"book": ("subbook", "section"), "subbook": (), "chapter": ("section",), "section": ()}
    chapters_before_book: int | None = None   # codes differ: chapters restart in each book, or count on
    for h in headings:
        if h.kind not in last:
            continue
        previous = last[h.kind]
        if h.kind == "book":
            chapters_before_book = last["chapter"]
        elif h.kind == "chapter" and chapters_before_book is not None:
            if h.number == 1:
                previous = last["chapter"] = 0
            chapters_before_book = None
        if h.number != previous + 1:
            what = {"book": "book (编)", "subbook": "part (分编)", "chapter": "chapter", "section": "section"}[h.kind]
            if h.number <= previous:
                diags.append(Diagnostic("error", f"{what} {h.number} is out of sequence (after {what} {previous})",
                                        path=clean.path, line=h.line, code="numbering-order",
                                        hint=f"correct the {what} number in the source copy"))
            else:
                diags.append(Diagnostic("error", f"numbering jumps: {what} {h.number} follows {what} {previous}",
                                        path=clean.path, line=h.line, code="numbering-gap",
                                        hint="check whether the source copy lost a heading here"))
        last[h.kind] = max(previous, h.number)
        for inner in resets[h.kind]:
            last[inner] = 0


def range_text(first: int, last: int) -> str:
    return f"article {first} is" if first == last else f"articles {first}–{last} are"
