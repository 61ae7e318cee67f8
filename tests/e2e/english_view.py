"""What a reader sees in the English view: visible text with Chinese characters that is not
part of English text (a Chinese caption, heading or quotation left visible), for the test of
English mode and for looking at a page by hand."""

from __future__ import annotations

# Pages of every kind: home, overview, articles (with commentary, a missing one), commentary
# index and pages, glossary, About the English, print view, tags.
SAMPLE = ["", "shenzhen-ai-2022/", "shenzhen-ai-2022/article-65/", "shenzhen-ai-2022/article-44/",
          "shanghai-ai-2022-draft/article-7/", "shanghai-ai-2022-draft/article-40/",
          "commentary/", "commentary/shenzhen-ai-2022-interpretation/", "commentary/shenzhen-ai-background/",
          "glossary/", "about-english/", "shenzhen-ai-2022/print/", "tags/", "reference/sources/",
          "reference/source-variants/", "reference/source-issues/", "404.html"]

# Visible Chinese allowed in the English view: the buttons that switch to the Chinese views
# (a language is named in its own language) and the glossary's column of Chinese terms.
ALLOWED = ".view-switch, .glossary-term"

VISIBLE_CHINESE = r"""
const allowed = arguments[0], out = [];
for (const d of document.querySelectorAll('details:not(.editorial)')) d.open = true;   // what a reader opens
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const HAN = /[\u3400-\u9fff]/, HAN_ONLY = /^[^A-Za-z]*[\u3400-\u9fff][^A-Za-z]*$/;
let node;
while ((node = walker.nextNode())) {
  const text = node.nodeValue.trim();
  if (!HAN.test(text)) continue;
  const el = node.parentElement;
  if (!el || !el.getClientRects().length || el.closest(allowed)) continue;
  if (el.closest('details:not([open]) > :not(summary), .visually-hidden, .md-nav--secondary')) continue;
  const box = el.getBoundingClientRect();
  if (box.width < 2 || box.height < 2 || getComputedStyle(el).visibility === 'hidden') continue;
  const langEl = el.closest('[lang]');
  const lang = langEl ? langEl.getAttribute('lang') : '';
  const insideEnglish = langEl && langEl.parentElement && langEl.parentElement.closest('[lang="en"]');
  let why = '';
  if (lang.startsWith('zh') && !insideEnglish) why = 'Chinese block';
  else if (!lang.startsWith('zh') && HAN_ONLY.test(text)) why = 'Chinese caption';
  else if (!lang.startsWith('zh') && text.split(' · ').length === 2 &&
           text.split(' · ').some(part => HAN_ONLY.test(part))) why = 'unsplit bilingual caption';
  if (why) out.push(why + ': <' + el.tagName.toLowerCase() + '.' + el.className + '> ' + text.slice(0, 80));
}
return out;
"""


def visible_chinese(driver) -> list[str]:
    return driver.execute_script(VISIBLE_CHINESE, ALLOWED)


# Chinese and no Latin letters (a Chinese-only label), for tests.e2e.chinese_view.HIDDEN_TEXT.
CHINESE_ONLY = r"^[^A-Za-z]*[\u3400-\u9fff][^A-Za-z]*$"


def chinese_only_hidden_text(driver) -> list[str]:
    """aria-labels, titles, placeholders and screen-reader text in Chinese only."""
    from tests.e2e.chinese_view import HIDDEN_TEXT
    return driver.execute_script(HIDDEN_TEXT, CHINESE_ONLY)
