"""What a reader sees in the Chinese view: visible interface text in English (a caption, label,
notice or intro sentence with no Chinese half shown), for the test of the Chinese view and for
looking at a page by hand.  The counterpart of :mod:`tests.e2e.english_view`."""

from __future__ import annotations

# Pages a reader of the Chinese view reaches first: home, an overview, articles of both
# statutes (with commentary, related provisions, citations, a missing one), commentary pages,
# the glossary and search; and the reference pages (sources, variants, issues), the print
# view, tags and 404.  (The editor guide, written for editors, is in English only.)
SAMPLE = ["", "shenzhen-ai-2022/", "shenzhen-ai-2022/article-2/", "shenzhen-ai-2022/article-65/",
          "shenzhen-ai-2022/article-44/",
          "shanghai-ai-2022-draft/", "shanghai-ai-2022-draft/article-7/", "commentary/",
          "commentary/shenzhen-ai-2022-interpretation/", "glossary/", "about-english/",
          "reference/sources/", "reference/source-variants/", "reference/source-issues/",
          "shenzhen-ai-2022/print/", "404.html", "shanghai-ai-2022-draft/article-40/",
          "commentary/shenzhen-ai-2022-news-lead/", "tags/"]

# Visible English allowed in the Chinese view: the buttons that switch to the other views (a
# language is named in its own language), code, the English titles of statutes and documents
# shown under their Chinese titles, the glossary's column of English terms, editors' notes and
# tags, the manifest's descriptions of source files (written in English, not interface text)
# and the theme's footer credit.
ALLOWED = (".view-switch, code, kbd, .md-copyright, .title-en, .library-en, .glossary-en, "
           ".editor-note, .editor-text, a.tag")

# Two English words in a row: a phrase or sentence, not a name such as "AI" or "art. 65(1)".
VISIBLE_ENGLISH = r"""
const allowed = arguments[0], out = [];
// What a reader opens is read too: every disclosure but the editors' (Editorial details, which
// may stay in English while it is closed by default).
for (const d of document.querySelectorAll('details:not(.editorial)')) d.open = true;
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const HAN = /[\u3400-\u9fff]/, WORDS = /[A-Za-z]{2,}[\s,:;.'’-]+[A-Za-z]{2,}/;
let node;
while ((node = walker.nextNode())) {
  // File names (source/000_….txt, shenzhen-ai-2022.json) are names, not sentences.
  const text = node.nodeValue.replace(/\S+\.(txt|json|md|ya?ml|csv)\b/g, '').trim();
  // English with a Chinese word or quotation in it is still English: mostly Latin letters.
  const han = (text.match(/[\u3400-\u9fff]/g) || []).length, latin = (text.match(/[A-Za-z]/g) || []).length;
  if (!WORDS.test(text) || han * 4 > latin) continue;
  const el = node.parentElement;
  if (!el || !el.getClientRects().length || el.closest(allowed)) continue;
  if (el.closest('details:not([open]) > :not(summary), .visually-hidden, .md-nav--secondary, script, style')) continue;
  const box = el.getBoundingClientRect();
  if (box.width < 2 || box.height < 2 || getComputedStyle(el).visibility === 'hidden') continue;
  out.push('<' + el.tagName.toLowerCase() + '.' + el.className + '> ' + text.slice(0, 80));
}
return out;
"""


def visible_english(driver) -> list[str]:
    return driver.execute_script(VISIBLE_ENGLISH, ALLOWED)


# What a screen reader or a tooltip says: aria-label, title and placeholder attributes and
# visually-hidden text, on elements the view shows.  ``arguments[1]`` is a regular expression
# source for the text that is wrong in this view (English-only here, Chinese-only in the
# English view).
HIDDEN_TEXT = r"""
const wrong = new RegExp(arguments[0]), out = [];
for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
  if (!el.checkVisibility() && !el.closest('.visually-hidden')) continue;
  for (const name of ['aria-label', 'title', 'placeholder']) {
    const value = (el.getAttribute(name) || '').replace(/\S+\.(txt|json|md|ya?ml|csv)\b/g, '');
    if (wrong.test(value)) out.push(name + ' on <' + el.tagName.toLowerCase() + '.' + el.className + '> ' + value);
  }
}
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
let node;
while ((node = walker.nextNode())) {
  const el = node.parentElement;
  if (!el || !el.closest('.visually-hidden, .md-visually-hidden') || !el.checkVisibility()) continue;
  if (wrong.test(node.nodeValue.trim())) out.push('hidden text in <' + el.tagName.toLowerCase() + '> ' + node.nodeValue.trim());
}
return out;
"""

# Two English words in a row and no Chinese.
ENGLISH_ONLY = r"^(?![\s\S]*[\u3400-\u9fff])[\s\S]*[A-Za-z]{2,}[\s,:;.'’-]+[A-Za-z]{2,}"


def english_only_hidden_text(driver) -> list[str]:
    """aria-labels, titles, placeholders and screen-reader text in English only."""
    return driver.execute_script(HIDDEN_TEXT, ENGLISH_ONLY)
