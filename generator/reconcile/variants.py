"""Reconcile: the authoritative copy is published; other copies become a variants report.

Two jobs:

* :func:`apply_paragraph_guide` restores paragraph breaks the authoritative copy lost (003
  runs each article's paragraphs together) from a copy that kept them (000).  A break is
  taken only where both copies agree on the surrounding text and the authoritative text
  has a full stop right before it; every character still comes from the authoritative copy.
* :func:`compare_copies` lists every difference between the authoritative text and each
  other copy, article by article: wording, item labels, paragraphing, missing articles and
  layout (several articles on one line), each with both readings.

Comparison ignores punctuation width (， vs ,) and whitespace, which are not variants.
"""

from __future__ import annotations

import copy as _copy
from dataclasses import dataclass
from difflib import SequenceMatcher

from generator.diagnostics import Diagnostic
from generator.model import Article, Paragraph, ParsedStatute
from generator.textnorm import CLAUSE_END, fold_char, is_ws, shorten, tidy

CONTEXT = 8
MERGE_GAP = 3


@dataclass(frozen=True)
class Variant:
    statute: str
    copy: str                 # FILE#PART of the copy
    copy_path: str            # display path of the copy file
    kind: str                 # wording | item-label | paragraphing | missing | extra | heading | layout
    where: str                # eid or description of the place
    article: int | None
    authoritative: str        # the authoritative reading (with context)
    reading: str              # the copy's reading (with context)
    auth_mark: tuple[int, int] = (0, 0)   # the differing span within `authoritative`
    read_mark: tuple[int, int] = (0, 0)   # the differing span within `reading`
    line: int | None = None   # line in the copy file
    note: str = ""
    # Chinese for readers of the site's Chinese view: of `note`, and of `reading` where the
    # reading is a description (layout) rather than text of the copy.
    note_zh: str = ""
    reading_zh: str = ""

    def sort_key(self) -> tuple:
        return (self.article or 0, self.copy, self.where, self.kind, self.reading)


# ---------------------------------------------------------------------------------------
# Flattening an article into a comparable character string with a map back to its blocks.

@dataclass
class _Flat:
    text: str                     # folded, whitespace-free characters
    where: list[tuple[int, int, int, str]]  # per char: (para index, item index or -1, raw index, zone)
    para_starts: set[int]         # positions where a paragraph's first block begins
    block_starts: set[int]
    label_chars: set[int]


def _flatten(article: Article) -> _Flat:
    chars: list[str] = []
    where: list[tuple[int, int, int, str]] = []
    para_starts: set[int] = set()
    block_starts: set[int] = set()
    labels: set[int] = set()
    for p_index, para in enumerate(article.paragraphs):
        para_starts.add(len(chars))
        if para.text:
            block_starts.add(len(chars))
            for r_index, ch in enumerate(para.text):
                if not is_ws(ch):
                    chars.append(fold_char(ch))
                    where.append((p_index, -1, r_index, "text"))
        for i_index, item in enumerate(para.items):
            block_starts.add(len(chars))
            for ch in item.label:
                if not is_ws(ch):
                    labels.add(len(chars))
                    chars.append(fold_char(ch))
                    where.append((p_index, i_index, -1, "label"))
            for r_index, ch in enumerate(item.text):
                if not is_ws(ch):
                    chars.append(fold_char(ch))
                    where.append((p_index, i_index, r_index, "text"))
    return _Flat("".join(chars), where, para_starts, block_starts, labels)


# ---------------------------------------------------------------------------------------

def apply_paragraph_guide(article: Article, guide: Article) -> tuple[Article, int]:
    """Return a copy of ``article`` with paragraph breaks taken from ``guide``, and how many."""
    a = _flatten(article)
    g = _flatten(guide)
    if not a.text or not g.text:
        return article, 0
    matcher = SequenceMatcher(None, g.text, a.text, autojunk=False)
    equal = [(i1, i2, j1) for tag, i1, i2, j1, _ in matcher.get_opcodes() if tag == "equal"]
    splits: dict[int, list[int]] = {}
    for gp in sorted(g.para_starts - {0}):
        ap = next((j1 + gp - i1 for i1, i2, j1 in equal if i1 <= gp < i2), None)
        if ap is None or ap in a.block_starts or ap == 0 or ap >= len(a.text):
            continue
        if a.text[ap - 1] not in CLAUSE_END:
            continue
        p_index, i_index, r_index, zone = a.where[ap]
        if i_index != -1 or zone != "text":
            continue  # never split inside an item
        splits.setdefault(p_index, []).append(r_index)
    if not splits:
        return article, 0
    result = _copy.deepcopy(article)
    new_paras: list[Paragraph] = []
    count = 0
    for p_index, para in enumerate(result.paragraphs):
        cuts = sorted(set(splits.get(p_index, [])))
        if not cuts:
            new_paras.append(para)
            continue
        bounds = [0] + cuts + [len(para.text)]
        pieces = [para.text[bounds[k]:bounds[k + 1]] for k in range(len(bounds) - 1)]
        for k, piece in enumerate(pieces):
            last = k == len(pieces) - 1
            new_paras.append(Paragraph(0, tidy(piece), para.items if last else [], para.line))
        count += len(cuts)
    result.paragraphs = new_paras
    result.assign_ids()
    return result, count


def _marked(text: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    lo = max(0, start - CONTEXT)
    hi = min(len(text), end + CONTEXT)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    snippet = prefix + text[lo:hi] + suffix
    return snippet, (len(prefix) + start - lo, len(prefix) + end - lo)


def _eid_at(article: Article, flat: _Flat, pos: int) -> str:
    if not flat.where:
        return article.eid
    p_index, i_index, _, _ = flat.where[min(pos, len(flat.where) - 1)]
    para = article.paragraphs[p_index]
    return para.items[i_index].eid if i_index >= 0 else para.eid


def compare_articles(statute_id: str, copy_ref: str, copy_path: str, auth: Article, other: Article) -> list[Variant]:
    a = _flatten(auth)
    b = _flatten(other)
    out: list[Variant] = []
    matcher = SequenceMatcher(None, a.text, b.text, autojunk=False)
    ops = [op for op in matcher.get_opcodes()]
    # Merge differences separated by only a few equal characters into one variant.
    groups: list[list[int]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        if groups and i1 - groups[-1][1] <= MERGE_GAP and j1 - groups[-1][3] <= MERGE_GAP:
            groups[-1][1] = i2
            groups[-1][3] = j2
        else:
            groups.append([i1, i2, j1, j2])
    for i1, i2, j1, j2 in groups:
        in_label = any(p in a.label_chars for p in range(i1, max(i2, i1 + 1))) or any(
            p in b.label_chars for p in range(j1, max(j2, j1 + 1)))
        kind = "item-label" if in_label else "wording"
        auth_text, auth_mark = _marked(a.text, i1, i2)
        read_text, read_mark = _marked(b.text, j1, j2)
        line = other.line
        if b.where and j1 < len(b.where):
            p_index, i_index, _, _ = b.where[j1]
            para = other.paragraphs[p_index]
            line = para.items[i_index].line if i_index >= 0 else para.line
        out.append(Variant(statute_id, copy_ref, copy_path, kind, _eid_at(auth, a, i1), auth.number,
                           auth_text, read_text, auth_mark, read_mark, line))
    # Paragraphing: breaks in one copy and not the other, where the text agrees.
    equal = [(i1, i2, j1) for tag, i1, i2, j1, _ in ops if tag == "equal"]

    def to_b(pos: int) -> int | None:
        for i1, i2, j1 in equal:
            if i1 <= pos < i2:
                return j1 + pos - i1
        return None

    mapped_b = {to_b(p) for p in a.para_starts} - {None}
    for p in sorted(a.para_starts - {0}):
        q = to_b(p)
        if q is not None and q not in b.para_starts:
            auth_text, auth_mark = _marked(a.text, p, p)
            read_text, read_mark = _marked(b.text, q, q)
            out.append(Variant(statute_id, copy_ref, copy_path, "paragraphing", _eid_at(auth, a, p), auth.number,
                               auth_text, read_text, auth_mark, read_mark, other.line,
                               note="the authoritative copy starts a new paragraph here; this copy does not",
                               note_zh="权威副本在此另起一款，此副本没有"))
    for q in sorted(b.para_starts - {0} - mapped_b):
        inverse = next((i1 + q - j1 for i1, i2, j1 in equal if j1 <= q < j1 + (i2 - i1)), None)
        if inverse is None:
            continue
        auth_text, auth_mark = _marked(a.text, inverse, inverse)
        read_text, read_mark = _marked(b.text, q, q)
        p_index = b.where[q][0] if q < len(b.where) else 0
        out.append(Variant(statute_id, copy_ref, copy_path, "paragraphing", _eid_at(auth, a, inverse), auth.number,
                           auth_text, read_text, auth_mark, read_mark, other.paragraphs[p_index].line,
                           note="this copy starts a new paragraph here; the authoritative copy does not",
                           note_zh="此副本在此另起一款，权威副本没有"))
    if (auth.title or "") != (other.title or ""):
        out.append(Variant(statute_id, copy_ref, copy_path, "heading", f"{auth.eid}__heading", auth.number,
                           auth.title or "(no title)", other.title or "(no title)", line=other.line))
    return out


def compare_copies(statute_id: str, auth: ParsedStatute, copy_ref: str, copy_path: str,
                   other: ParsedStatute) -> list[Variant]:
    out: list[Variant] = []
    other_by_number = {a.number: a for a in other.articles}
    auth_numbers = {a.number for a in auth.articles}
    for article in auth.articles:
        if article.status != "present":
            continue
        twin = other_by_number.get(article.number)
        if twin is None:
            out.append(Variant(statute_id, copy_ref, copy_path, "missing", article.eid, article.number,
                               shorten(article.plain_text(), 40), "(article absent from this copy)"))
            continue
        out.extend(compare_articles(statute_id, copy_ref, copy_path, article, twin))
    for twin in other.articles:
        if twin.number not in auth_numbers:
            out.append(Variant(statute_id, copy_ref, copy_path, "extra", f"art_{twin.number}", twin.number,
                               "(article absent from the authoritative copy)", shorten(twin.plain_text(), 40),
                               line=twin.line))
    auth_ch = {c.number: c for c in auth.chapters}
    for chapter in other.chapters:
        mine = auth_ch.get(chapter.number)
        if mine and mine.title != chapter.title:
            out.append(Variant(statute_id, copy_ref, copy_path, "heading", f"{mine.eid}__heading", None,
                               mine.title, chapter.title, line=chapter.line))
    out.extend(layout_notes(statute_id, copy_ref, copy_path, other))
    return sorted(out, key=Variant.sort_key)


def layout_notes(statute_id: str, copy_ref: str, copy_path: str, parsed: ParsedStatute) -> list[Variant]:
    """How a copy is laid out where it differs from one article per line."""
    by_line: dict[int, list[int]] = {}
    for article in parsed.articles:
        by_line.setdefault(article.line, []).append(article.number)
    out = []
    for line, numbers in sorted(by_line.items()):
        if len(numbers) > 1:
            span = f"articles {numbers[0]}–{numbers[-1]}" if len(numbers) > 2 else f"articles {numbers[0]} and {numbers[1]}"
            span_zh = f"第{numbers[0]}条{'至' if len(numbers) > 2 else '和'}第{numbers[-1]}条"
            out.append(Variant(statute_id, copy_ref, copy_path, "layout", f"line {line}", numbers[0],
                               "(same text; layout only)", f"{span} run together on one line",
                               line=line, note=f"{len(numbers)} articles on line {line}",
                               reading_zh=f"{span_zh}连排在同一行", note_zh=f"第{line}行有{len(numbers)}条"))
    paragraph_lines = {p.line: a.number for a in parsed.articles for p in a.paragraphs}
    paragraph_lines.update({i.line: a.number for a in parsed.articles for p in a.paragraphs for i in p.items})
    for chapter in parsed.chapters:
        if chapter.line in paragraph_lines and chapter.line not in by_line:
            out.append(Variant(statute_id, copy_ref, copy_path, "layout", f"line {chapter.line}",
                               paragraph_lines[chapter.line], "(same text; layout only)",
                               f"chapter {chapter.number} heading glued to the end of a paragraph of "
                               f"article {paragraph_lines[chapter.line]}", line=chapter.line,
                               reading_zh=f"第{chapter.number}章的标题粘连在第{paragraph_lines[chapter.line]}条某款的末尾"))
    return out


def reconcile_diagnostics(statute_id: str, guide_counts: dict[int, int], guide_path: str) -> list[Diagnostic]:
    if not guide_counts:
        return []
    articles = sorted(guide_counts)
    total = sum(guide_counts.values())
    listing = ", ".join(str(n) for n in articles)
    return [Diagnostic(
        "info", f"{statute_id}: {total} paragraph breaks in articles {listing} follow the paragraph guide "
        f"({guide_path}); the authoritative copy runs those paragraphs together. The text is the "
        "authoritative copy's, character for character.", path=guide_path, code="paragraph-guide",
        message_zh=f"{statute_id}：第{'、'.join(str(n) for n in articles)}条中的{total}处分段依照分段参照本"
        f"（{guide_path}）；权威副本中这些款连排在一起。文字逐字来自权威副本。")]
