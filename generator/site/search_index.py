"""Shape the search index that Material's search plugin writes (``search/search_index.json``).

Material's built-in search does the heavy lifting: it cuts every page into sections at its
headings, segments Chinese with jieba (words separated by U+200B) and the browser runs
lunr.js over the result.  This module adjusts four things for statute pages, through the
hook in :mod:`generator.search_hooks`:

* **Noise out.**  Page chrome that repeats on every page (breadcrumb, pager, citation
  box, "English translation not yet available.", provenance lines, paragraph numbers,
  the draft banner, the overview's text previews) is marked ``data-search-exclude`` so a
  search for "English" or "draft" or a statute's name does not list every article.
* **Paragraph anchors.**  An article's text is indexed per paragraph (Chinese and
  English together, items included) with the paragraph's permalink as location
  (``shenzhen-ai-2022/article-65/#art_65__para_1``), so a result lands on the paragraph
  that matched, not just on the article.  The generator supplies these entries from the
  model (not scraped from the HTML); the article text's cells are excluded from
  Material's own entry for the article.
* **Ranking policy.**  The generator, which knows each statute's status, writes it with
  the paragraph entries to ``<docs>/.search.json`` (like ``.nav.json``, not published):
  pages of a draft or repealed statute and the editors' reference pages get a lower search
  boost, so the law in force comes first when both match about as well.
* **Our own segmenter.**  All Chinese in the index is segmented by a private
  ``jieba.Tokenizer`` that also knows the terms in ``site_config/search/userdict.txt``.
  Material's ``jieba_dict_user`` option would load those terms into jieba's *global*
  tokenizer, which the statute parser also uses (to re-join OCR lines): a build could then
  change how a later parse in the same process segments, so we keep them apart.

Everything here is a pure function of its inputs; the hook only wires them to MkDocs events.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.render.search_data import POLICY_FILE

# Where the project keeps its search dictionary, relative to mkdocs.yml.
USER_DICT = Path("site_config") / "search" / "userdict.txt"
# The ranking policy the generator writes into the docs directory (dot files are not published).
# Search boosts (Material multiplies a page's scores by them; 1 is the default).

ZWSP = "\u200b"
# Han characters (CJK unified ideographs, extensions, compatibility ideographs, 〇).
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{_HAN}]+")
# Statute numbering (第七十一条, 第六章, 第二节, 第三款, 第五项) is kept as one word; jieba
# would cut it anywhere (第七十/一条), and a search for 第七十一条 should find that article.
NUMBERING = re.compile("第[〇零一二三四五六七八九十百千两]+[条章节款项编]")
# Spaces between two Han characters are layout or OCR debris (算 法 in the Shanghai copy),
# never a word boundary in Chinese: the index drops them so 算法 stays one word.
HAN_GAP = re.compile(f"(?<=[{_HAN}])[ \t\u3000\u00a0]+(?=[{_HAN}])")

# Classes of page chrome that must not be indexed (see the module docstring).
EXCLUDED_CLASSES = frozenset({
    "breadcrumb", "article-pager", "citation", "missing-note", "provenance",
    "draft-banner", "missing-article", "preview", "print-hint", "defined-terms", "view-switch",
    "english-notice",
    # the English of a quoted paragraph: indexed on the document's page, where it belongs;
    # on an article page it would dilute the section that quotes the Chinese passage
    "quote-en",
    # scores, methods and editors' hints (Editorial details): not what readers search for
    "editorial",
})
# Inside an article's text every cell is excluded: the text is indexed per paragraph instead.
# (Material's parser compares elements by tag name only, so excluding the enclosing
# ``div.article-text`` would end at its first nested ``</div>``; the leaf cells hold no divs.)
ARTICLE_TEXT_CLASSES = frozenset({"seg", "seg-anchor", "seg-side"})
EXCLUDE_ATTR = 'data-search-exclude="statute-site"'
_OPEN_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*?)?\s*(/?)>")
_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
_DIV_TAG = re.compile(r"<div\b|</div\s*>")
_ARTICLE_TEXT_START = re.compile(r'<div\s+class="article-text"')
_ARTICLE_ID = re.compile(r"^art_\d+$")
# An article heading that says nothing but its number (第六十五条 Article 65): no short title.
_BARE_HEADING = re.compile(r"^第[〇零一二三四五六七八九十百千两]+条\s*Article \d+$")


# --------------------------------------------------------------------------- segmentation

@dataclass(frozen=True)
class DictEntry:
    word: str
    freq: int | None = None
    tag: str | None = None


def read_user_dict(path: Path) -> list[DictEntry]:
    """jieba's user dictionary format (``word [freq] [tag]`` per line) plus ``#`` comments."""
    entries = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and freq is None else None)
        entries.append(DictEntry(parts[0], freq, tag))
    return entries


@lru_cache(maxsize=4)
def _tokenizer(entries: tuple[DictEntry, ...]):
    import jieba
    jieba.setLogLevel(60)
    # A private tokenizer: adding words never touches jieba's global one.  It starts from a
    # copy of the global dictionary (already loaded by the parser in most runs), which is
    # much faster than loading the dictionary a second time.
    jieba.dt.check_initialized()
    tokenizer = jieba.Tokenizer(jieba.dt.dictionary)
    tokenizer.FREQ = dict(jieba.dt.FREQ)
    tokenizer.total = jieba.dt.total
    tokenizer.initialized = True
    for entry in entries:
        tokenizer.add_word(entry.word, entry.freq, entry.tag)
    return tokenizer


class Segmenter:
    """Cuts Han runs into words, U+200B between them (the separator Material's search splits on)."""

    def __init__(self, user_dict: Path | None = None):
        entries = read_user_dict(user_dict) if user_dict and user_dict.is_file() else []
        self.entries = tuple(entries)
        self._tok = _tokenizer(self.entries)

    def words(self, text: str) -> list[str]:
        out: list[str] = []
        pos = 0
        for m in NUMBERING.finditer(text):
            out.extend(self._tok.cut(text[pos:m.start()]))
            out.append(m.group(0))
            pos = m.end()
        out.extend(self._tok.cut(text[pos:]))
        return [w for w in out if w]

    def segment(self, text: str) -> str:
        """Re-segment ``text`` (any earlier U+200B segmentation is discarded first)."""
        text = HAN_GAP.sub("", text.replace(ZWSP, ""))

        def cut(match: re.Match) -> str:
            return ZWSP + ZWSP.join(self.words(match.group(0))) + ZWSP

        return HAN_RUN.sub(cut, text).strip(ZWSP)


# --------------------------------------------------------------------------- page HTML

def _marker(classes: frozenset[str]):
    def mark(match: re.Match) -> str:
        attrs = match.group(2) or ""
        cls = _CLASS_ATTR.search(attrs)
        if not cls or "data-search-exclude" in attrs or not classes.intersection(cls.group(1).split()):
            return match.group(0)
        return f"<{match.group(1)}{attrs} {EXCLUDE_ATTR}{match.group(3)}>"
    return mark


def _article_text_spans(page_html: str) -> list[tuple[int, int]]:
    spans = []
    for start in _ARTICLE_TEXT_START.finditer(page_html):
        depth = 0
        for tag in _DIV_TAG.finditer(page_html, start.start()):
            depth += -1 if tag.group(0).startswith("</") else 1
            if depth == 0:
                spans.append((start.start(), tag.end()))
                break
    return spans


def mark_excluded(page_html: str) -> str:
    """Add ``data-search-exclude`` to elements whose class is page chrome.

    Material's search parser skips such elements, and strips the attribute from the page
    afterwards, so the published HTML is unchanged.  Only opening tags are touched.
    """
    chrome, cells = _marker(EXCLUDED_CLASSES), _marker(ARTICLE_TEXT_CLASSES)
    out, pos = [], 0
    for start, end in _article_text_spans(page_html):
        out.append(_OPEN_TAG.sub(chrome, page_html[pos:start]))
        out.append(_OPEN_TAG.sub(cells, page_html[start:end]))
        pos = end
    out.append(_OPEN_TAG.sub(chrome, page_html[pos:]))
    return "".join(out)


def policy_boost(policy: dict, src_uri: str) -> float | None:
    for rule in policy.get("boost", []):
        if src_uri.startswith(rule["prefix"]):
            return rule["boost"]
    return None


# --------------------------------------------------------------------------- the index

BOOST_SECONDARY = 0.5


def shape_index(data: dict, paragraphs: dict[str, list[dict]], segmenter: Segmenter) -> dict:
    """The search index with paragraph entries added and all Chinese re-segmented.

    ``paragraphs`` maps a page URL (as in the index's ``location``) to its paragraph
    entries (see :func:`paragraph_entries`).
    An article heading's entry left without any text (its text now lives in the paragraph
    entries) is dropped if the heading is just the article's number: the page's own entry
    already says that.  A heading with a short title (and its English) stays searchable.
    """
    docs_out = []
    seen_pages: set[str] = set()
    for doc in data.get("docs", []):
        location = doc.get("location", "")
        page, _, anchor = location.partition("#")
        paras = paragraphs.get(page)
        if (_ARTICLE_ID.match(anchor) and not doc.get("text", "").strip(ZWSP + " ")
                and _BARE_HEADING.match(" ".join(doc.get("title", "").replace(ZWSP, "").split()))):
            continue   # a bare article heading: its text is in the paragraph entries
        if paras and anchor and not _ARTICLE_ID.match(anchor):
            # Notes, see-also, commentary sections of an article page: the law text itself
            # (the paragraph entries) comes first when both match a query as well.
            doc["boost"] = doc.get("boost", 1) * BOOST_SECONDARY
        docs_out.append(doc)
        if paras and page not in seen_pages:
            seen_pages.add(page)
            for p in paras:
                entry = {"location": f"{page}#{p['anchor']}", "title": p["title"], "text": p["text"]}
                if "boost" in doc:
                    entry["boost"] = doc["boost"]
                docs_out.append(entry)
    for doc in docs_out:
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = segmenter.segment(doc[field])
    return {**data, "docs": docs_out}


def rewrite_index_file(path: Path, paragraphs: dict[str, list[dict]], segmenter: Segmenter) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    shaped = shape_index(data, paragraphs, segmenter)
    # Same compact form as Material writes; ASCII-escaped like Material's json.dumps.
    path.write_text(json.dumps(shaped, separators=(",", ":"), default=str), encoding="utf-8")
