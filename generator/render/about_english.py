"""The "About the English" page: how the English is made and what each label means."""

from __future__ import annotations

from generator.render.extension import SiteExtension
from generator.render.provenance import ABOUT_ENGLISH, PROJECT_AI_LABEL
from generator.render.statute_pages import front_matter

NAV_TITLE = "About the English · 关于英文译文"

ABOUT_TEXT = """# About the English · 关于英文译文 { #about-english }

<p class="english-notice" role="note" lang="en" data-english-notice><span class="notice-en"><strong>Only
the Chinese text has legal force.</strong> The English on this site is an unofficial translation made for
this project. No government body has published or approved it. Where the English and the Chinese differ,
the Chinese governs.</span> <span lang="zh-Hans" class="notice-zh"><strong>只有中文文本具有法律效力。</strong>本网站的英文是本项目制作的非官方译文，未经任何政府机关发布或认可。英文与中文不一致的，以中文为准。</span></p>

## How the English is made { #how }

Each segment of a statute (a paragraph, an item, a heading) has its own English. It comes from one of
three places, and the page says which:

1. **A project translation.** The project drafted the English, segment by segment, with the help of
   an AI language model, and checked it for consistency (the same Chinese term gets the same English
   throughout both statutes). Nobody outside the project has checked it against the Chinese yet.
2. **A reviewed translation.** A named person, other than whoever drafted the English, has checked
   it against the Chinese and put their name and the date to it.
3. **A machine draft.** Raw output of a machine-translation engine (the engine and version are
   named), shown only where no translation of the other kinds exists.

Every translation records the Chinese it was made against. When the Chinese changes, the page marks
the English as possibly out of date until someone checks it again.

## What the labels mean { #labels }

| label | meaning |
|---|---|
| PROJECT_AI_LABEL | Drafted by the statute-site project with AI assistance. Nobody independently checked it. Use it to find your way in the Chinese, not instead of it. |
| Translation by *name*, *date*; not independently reviewed | Drafted by the person named, without AI assistance. Nobody else has checked it. |
| Reviewed by *name*, *date* | A named person, other than the translator, has checked this English against the Chinese. |
| Machine draft (*engine*), not reviewed | Unedited machine translation. |
| English translation not yet available | There is no English for this segment yet. |

When every segment of an article has the same label, the page says it once, under the article's
text; otherwise each segment carries its own.

## Brackets in the English { #brackets }

The Shanghai draft survives only as an OCR copy of a newspaper page, and some of its text is lost.

* **[…]** marks Chinese text lost from the copy. The gap is never filled in, in either language.
* **[words in square brackets]** are words the translator supplied where the surviving characters
  make the reading evident (for example a word broken off at a gap). They are not in the Chinese as
  printed.

A translator's note beside the English says what is lost and what is supplied.

## Citing

Cite the Chinese text. Every paragraph and item has a "Copy citation" button that copies a
bilingual pinpoint citation, for example
<span lang="zh-Hans">《深圳经济特区人工智能产业促进条例》第六十五条第一款第（四）项</span> /
Shenzhen AI Regulations, art. 65(1)(iv).
""".replace("PROJECT_AI_LABEL", PROJECT_AI_LABEL)


class AboutEnglish(SiteExtension):
    """SiteExtension: the About the English page and its navigation entry."""

    def pages(self, project) -> dict[str, str]:
        return {ABOUT_ENGLISH: front_matter(NAV_TITLE) + ABOUT_TEXT}

    def nav(self, project) -> list:
        return [{NAV_TITLE: ABOUT_ENGLISH}]
