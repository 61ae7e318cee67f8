"""Cut commentary text into paragraphs: section markers, headings, OCR line re-joining.

Extracted commentary comes in three shapes:

* one paragraph per block (HTML, or plain text with blank lines) — nothing to do but
  tell headings from running text;
* run-on text (003's interpretation: headings and paragraphs on one line) — cut at the
  section markers 一、 二、 (一) (二)…, which must come in sequence, so that the items of a
  quoted article (（一）…；（二）…) are not mistaken for sections;
* OCR'd newspaper columns (004) — a block ends wherever the column did, often mid-
  sentence: blocks are re-joined until a sentence ends or a new section begins.

Every function here only decides where paragraphs begin; no character is added, dropped
or reordered (``tidy_text`` later removes whitespace only).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.textnorm import WS_CHARS
from generator.documents.readers import tidy_text
from generator.numerals import parse_numeral

ZH_NUM = "一二三四五六七八九十"
# (一) / （一） or 一、 at a section start.
MARKER = re.compile(rf"[(（][ \u3000]*(?P<pn>[{ZH_NUM}]{{1,3}})[ \u3000]*[)）]|(?P<dn>[{ZH_NUM}]{{1,3}})[ \u3000]*、")
SENTENCE_FINAL = "。！？!?；;…"
_BEFORE_MARKER_OK = set(SENTENCE_FINAL + "：:)）】」』”") | set(WS_CHARS)
_HEADING_STOP = set("。！？!?；;：:，,、")
_ENUM_START = re.compile(rf"^(?:\d+[.．、]|[(（]\d+[)）]|[{ZH_NUM}]是)")


@dataclass
class Piece:
    text: str
    line: int | None
    heading: bool = False
    marker: bool = False          # begins with a section marker


def _zh_value(numeral: str) -> int:
    return parse_numeral(numeral) or 0


def visible_len(text: str) -> int:
    return len(re.sub(f"[{re.escape(WS_CHARS)}]", "", text))


def looks_like_heading(text: str) -> bool:
    """A short line that does not end (or contain) a sentence: a title or sub-heading."""
    text = tidy_text(text)
    if not text:
        return False
    latin_words = re.findall(r"[A-Za-z]+", text)
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if cjk == 0 and latin_words:
        return len(latin_words) <= 12 and text[-1] not in ".!?:;," and ". " not in text
    if visible_len(text) > 30:
        return False
    if text.rstrip("”’\"')）")[-1:] in SENTENCE_FINAL + "：:，,、":
        return False
    return not any(ch in "。！？!?；;" for ch in text)


def ends_sentence(text: str, final: str = "。！？!?…") -> bool:
    """True if the text ends a sentence (a trailing parenthesis, e.g. a citation, is skipped)."""
    text = text.rstrip(WS_CHARS)
    while text and text[-1] in ")）":
        depth, i = 0, len(text) - 1
        while i >= 0:
            if text[i] in ")）":
                depth += 1
            elif text[i] in "(（":
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        if i < 0:
            break
        text = text[:i].rstrip(WS_CHARS)
    text = text.rstrip("”’\"'」』")
    return bool(text) and text[-1] in final


class MarkerSequence:
    """Accepts section markers only in sequence: 一、 then 二、; (一) then (二)…, starting
    again after a new 一、 (the first of each may be any number: OCR loses headings)."""

    def __init__(self) -> None:
        self.last_dun: int | None = None
        self.last_paren: int | None = None

    def accept(self, match: re.Match) -> bool:
        if match.group("dn"):
            value = _zh_value(match.group("dn"))
            if self.last_dun is not None and value != self.last_dun + 1:
                return False
            self.last_dun, self.last_paren = value, None
            return True
        value = _zh_value(match.group("pn"))
        if self.last_paren is not None and value != self.last_paren + 1:
            return False
        self.last_paren = value
        return True


def marker_cuts(text: str, sequence: MarkerSequence) -> list[int]:
    """Offsets in ``text`` where a section marker begins a new section.

    A marker counts at the start of the text, after a sentence end, colon or closing
    bracket, or after a space (where OCR kept the layout's break), and only in sequence.
    """
    cuts = []
    for match in MARKER.finditer(text):
        start = match.start()
        if start > 0 and text[start - 1] not in WS_CHARS and text[start - 1] not in _BEFORE_MARKER_OK:
            continue
        # 一、 followed by another numeral is a list of numbers (一、二级), not a section.
        following = text[match.end():match.end() + 1]
        if match.group("dn") and (not following or following in ZH_NUM):
            continue
        if sequence.accept(match):
            cuts.append(start)
    return cuts


def heading_length(text: str) -> int | None:
    """For a segment beginning with a section marker: how long its heading is.

    ``None`` if the heading cannot be told from the text that follows it.
    """
    match = MARKER.match(text)
    if not match:
        return None
    pos = match.end()
    while pos < len(text) and text[pos] in WS_CHARS:
        pos += 1
    # A heading set off from its text by a space (002: "(一)明确…的界定 目前,…").
    for i in range(pos, min(len(text), pos + 32)):
        ch = text[i]
        if ch in _HEADING_STOP:
            break
        if ch in WS_CHARS:
            head, rest = text[pos:i], text[i:].strip(WS_CHARS)
            if visible_len(head) >= 2 and (visible_len(rest) > visible_len(head) or
                                           any(c in SENTENCE_FINAL for c in rest) or _ENUM_START.match(rest)):
                return i
            break
    if looks_like_heading(text):
        return len(text.rstrip(WS_CHARS))
    return None


def parallel_prefix(body: str, min_len: int = 4) -> str | None:
    """The opening words shared by several sentences of ``body`` (排比: 制定《条例》是…).

    Official interpretations often open each paragraph of a section the same way; when
    the paragraphs were run together, the repeated opening is where they begin.
    """
    starts = []
    for m in re.finditer(r"(?:^|[。！？])([^。！？]{%d,})" % min_len, body):
        starts.append(m.group(1)[:12])
    if len(starts) < 3:
        return None
    best = None
    for length in range(min_len, 13):
        counts = Counter(s[:length] for s in starts if len(s) >= length)
        prefix, count = counts.most_common(1)[0] if counts else (None, 0)
        if count >= 2 and prefix and not any(ch in "，,、" for ch in prefix):
            best = prefix
        else:
            break
    return best


def split_section(text: str) -> list[tuple[int, bool]]:
    """Paragraph starts (offset, is_heading) inside one marker-led section of run-on text."""
    n = heading_length(text)
    if n is not None:
        out = [(0, True)]
        if text[n:].strip(WS_CHARS):
            out.append((n, False))
        return out
    match = MARKER.match(text)
    if match and match.group("dn"):
        # No space after the heading: find where the paragraphs begin by their shared opening.
        body = text[match.end():]
        prefix = parallel_prefix(body)
        if prefix:
            first = body.find(prefix)
            if 2 <= first <= 20 and not any(ch in _HEADING_STOP for ch in body[:first]):
                starts = [(0, True)]
                for m in re.finditer(re.escape(prefix), body):
                    at = m.start()
                    if at == first or (at > 0 and body[at - 1] in "。！？"):
                        starts.append((match.end() + at, False))
                return starts
    return [(0, False)]


def split_run_on(text: str, line: int | None, sequence: MarkerSequence,
                 extra_cuts: set[int] | None = None, heading_cuts: set[int] | None = None,
                 *, unmarked_headings: bool = True) -> list[Piece]:
    """Cut run-on text at section markers (and at ``extra_cuts``), telling headings apart.

    ``unmarked_headings``: whether a short line without a section marker may be a heading
    (not in OCR'd columns, where a short block is usually a column break mid-sentence).
    """
    cuts = set(marker_cuts(text, sequence)) | (extra_cuts or set())
    cuts.discard(0)
    bounds = [0] + sorted(c for c in cuts if 0 < c < len(text)) + [len(text)]
    segments: list[Piece] = []
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b]
        if not piece.strip(WS_CHARS):
            continue
        if heading_cuts and b in heading_cuts and MARKER.match(piece.lstrip(WS_CHARS)):
            segments.append(Piece(piece, line, heading=True, marker=True))
            continue
        stripped = piece.lstrip(WS_CHARS)
        lead = len(piece) - len(stripped)
        if MARKER.match(stripped):
            starts = split_section(stripped)
            ends = [s for s, _ in starts[1:]] + [len(stripped)]
            for (s, heading), e in zip(starts, ends):
                segments.append(Piece(piece[lead + s:lead + e], line, heading=heading, marker=(s == 0)))
        else:
            segments.append(Piece(piece, line, heading=unmarked_headings and looks_like_heading(piece)))
    return segments


_ENUM = re.compile(rf"(?:^|[。；;：:，,\s])(?P<n>[{ZH_NUM}]{{1,2}})是")


def _continues_enumeration(previous: str, text: str) -> bool:
    """``六是…`` after a paragraph that reached ``五是…``: the same list goes on."""
    first = _ENUM.match(text.lstrip(WS_CHARS))
    if not first:
        return False
    last = None
    for m in _ENUM.finditer(previous):
        last = m
    return last is not None and _zh_value(first.group("n")) == _zh_value(last.group("n")) + 1


def rejoin(segments: list[Piece]) -> list[Piece]:
    """Join OCR column fragments: a paragraph that stops mid-sentence continues in the next
    block, unless that block begins a new section; so does a list (一是…五是) that goes on
    (六是…) in the next block."""
    out: list[Piece] = []
    for seg in segments:
        if (out and not out[-1].heading and not seg.marker
                and (not ends_sentence(out[-1].text) or _continues_enumeration(out[-1].text, seg.text))):
            out[-1] = Piece(out[-1].text + "\n" + seg.text, out[-1].line, False, out[-1].marker)
            continue
        out.append(seg)
    return out
