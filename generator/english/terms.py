"""Term protection: defined terms and abbreviations are translated one way everywhere.

Before a segment goes to the machine translator, every glossary term in its Chinese is
replaced by a placeholder (``TERMAA``, ``TERMAB`` …); after translation each placeholder
is replaced by the glossary's English.  The model never sees the term, so it cannot
translate it three different ways on three pages.

Placeholders are plain upper-case Latin letters: translation models copy such tokens
(names, acronyms) through unchanged, the SentencePiece tokenizer of the test model has
them as single pieces (``user_defined_symbols``), and they contain nothing that
argostranslate's detokenizer rewrites (it turns ``_`` into a space).  If the model loses a
placeholder anyway, :func:`restore_with_report` says which term is missing; the caller
records it (``terms_missing`` in the translation memory) instead of dropping it silently.

Nothing here imports the translation stack.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Iterable, Sequence

PLACEHOLDER_PREFIX = "TERM"
_LETTERS = string.ascii_uppercase
MAX_PLACEHOLDERS = len(_LETTERS) ** 2


def placeholder(index: int) -> str:
    """The ``index``-th placeholder: TERMAA, TERMAB, … TERMZZ (fixed width, none a prefix of another)."""
    if not 0 <= index < MAX_PLACEHOLDERS:
        raise ValueError(f"placeholder index out of range: {index}")
    return PLACEHOLDER_PREFIX + _LETTERS[index // len(_LETTERS)] + _LETTERS[index % len(_LETTERS)]


def placeholders(count: int) -> list[str]:
    """The first ``count`` placeholders (the test model's SentencePiece symbols)."""
    return [placeholder(i) for i in range(count)]


def _placeholder_pattern(token: str) -> re.Pattern:
    # Tolerate what a model may do to a copied token: change its case ("Termaa"), or split
    # it ("TERM AA", upper case only: "long-term abuse" must not match TERMAB).
    prefix, suffix = token[:len(PLACEHOLDER_PREFIX)], token[len(PLACEHOLDER_PREFIX):]
    return re.compile(f"(?i:{re.escape(token)})|{re.escape(prefix)} {re.escape(suffix)}")


def default_terms(project=None) -> list[tuple[str, str]]:
    """The locked terms: the project glossary's (Chinese, English) pairs, longest first.

    The glossary holds the terms the statutes define (本条例所称…, 以下简称…) with the
    English the reviewed definitions give them, plus terms editors add (see
    generator/glossary.py).  Without a project (unit tests), a fixed core set is used.
    """
    glossary = getattr(project, "glossary", None)
    if glossary is not None:
        return glossary.pairs()
    return [
        ("市产业主管部门", "the municipal industry authority"),
        ("人工智能产业", "the artificial intelligence industry"),
        ("人工智能", "artificial intelligence"),
        ("长三角", "the Yangtze River Delta"),
    ]


@dataclass(frozen=True)
class Protected:
    """One protected occurrence: the placeholder and the term it stands for."""

    placeholder: str
    zh: str
    en: str


@dataclass
class RestoreInfo:
    """What :func:`protect` replaced, in order of occurrence."""

    protected: list[Protected] = field(default_factory=list)

    def terms(self) -> list[tuple[str, str]]:
        """Distinct (zh, en) terms protected, in order of first occurrence."""
        seen: dict[tuple[str, str], None] = {}
        for p in self.protected:
            seen.setdefault((p.zh, p.en), None)
        return list(seen)

    def __bool__(self) -> bool:
        return bool(self.protected)


def _normalise_terms(terms: Iterable[Sequence[str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for pair in terms:
        zh, en = pair[0], pair[1]
        if zh and en and zh not in table:
            table[zh] = en
    return table


def protect(text: str, terms: Iterable[Sequence[str]]) -> tuple[str, RestoreInfo]:
    """Replace every term occurrence in ``text`` by a placeholder, longest term first.

    ``terms`` is a list of (zh, en) pairs; where terms overlap the longest wins
    (人工智能产业 before 人工智能), scanning left to right.  Placeholders that already occur
    in ``text`` are skipped, so restoring can never touch the text's own characters.
    """
    table = _normalise_terms(terms)
    info = RestoreInfo()
    if not table or not text:
        return text, info
    alternatives = sorted(table, key=lambda zh: (-len(zh), zh))
    pattern = re.compile("|".join(re.escape(zh) for zh in alternatives))
    upper = text.upper()
    counter = 0

    def next_placeholder() -> str | None:
        nonlocal counter
        while counter < MAX_PLACEHOLDERS:
            token = placeholder(counter)
            counter += 1
            if token not in upper:
                return token
        return None

    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        token = next_placeholder()
        if token is None:        # absurdly many terms: leave the rest to the model
            break
        pieces.append(text[last:match.start()])
        pieces.append(token)
        info.protected.append(Protected(token, match.group(0), table[match.group(0)]))
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), info


_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n)$")
_TRAILING_THE = re.compile(r"\b(the)\s+$", re.IGNORECASE)


def restore_with_report(translated: str, info: RestoreInfo) -> tuple[str, list[Protected]]:
    """Put the glossary English back; also return the occurrences the model lost."""
    missing: list[Protected] = []
    out = translated
    for item in info.protected:
        pattern = _placeholder_pattern(item.placeholder)
        if not pattern.search(out):
            missing.append(item)
            continue
        out = _substitute(out, pattern, item.en)
    return out, missing


def restore(translated: str, info: RestoreInfo) -> str:
    """The English with every placeholder replaced by its term's glossary English."""
    return restore_with_report(translated, info)[0]


def _substitute(text: str, pattern: re.Pattern, english: str) -> str:
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        before = text[last:match.start()]
        replacement = english
        the = _TRAILING_THE.search(before) if english.lower().startswith("the ") else None
        if the:
            # "… the TERMAA" -> "… the municipal industry authority", not "the the …"
            before = before[:the.start()]
            if the.group(1)[0].isupper():
                replacement = replacement[0].upper() + replacement[1:]
        if replacement[:1].islower() and _SENTENCE_START.search("".join(pieces) + before):
            replacement = replacement[0].upper() + replacement[1:]
        pieces.append(before)
        pieces.append(replacement)
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def summarise(items: Iterable[Protected]) -> list[dict]:
    """Distinct terms as JSON-ready ``{"zh", "en"}`` objects, in order of first occurrence."""
    seen: dict[tuple[str, str], None] = {}
    for item in items:
        seen.setdefault((item.zh, item.en), None)
    return [{"zh": zh, "en": en} for zh, en in seen]
