"""The "About the English" page: how the English is made and what each label means."""

from __future__ import annotations

from generator.render.extension import SiteExtension
from generator.render.provenance import ABOUT_ENGLISH, PROJECT_AI_LABEL, PROJECT_AI_LABEL_ZH
from generator.render.statute_pages import front_matter

NAV_TITLE = "About the English · 关于英文译文"

ABOUT_TEXT = """# About the English · 关于英文译文 { #about-english }

<p class="english-notice" role="note" lang="en" data-english-notice><span class="notice-en"><strong>Only
the Chinese text has legal force.</strong> The English on this site is an unofficial translation made for
this project. No government body has published or approved it. Where the English and the Chinese differ,
the Chinese governs.</span> <span lang="zh-Hans" class="notice-zh"><strong>只有中文文本具有法律效力。</strong>本网站的英文是本项目制作的非官方译文，未经任何政府机关发布或认可。英文与中文不一致的，以中文为准。</span></p>

## 英文译文如何产生 · How the English is made { #how }

<div class="bi-zh-only" lang="zh-Hans" markdown="1">

法规的每一个片段（一款、一项、一个标题）都有各自的英文译文。译文出自以下三种来源之一，页面会注明是哪一种：

1. **项目译文。** 由本项目在人工智能语言模型辅助下逐段起草，并做过一致性核对（同一中文术语在两部法规中译法一致）。项目以外尚无人对照中文核校。
2. **审校译文。** 由起草人以外的一名具名人员对照中文核校，并署名、注明日期。
3. **机器翻译初稿。** 机器翻译引擎的原始输出（注明引擎及版本），仅在没有前两种译文时显示。

每条译文都记录其所依据的中文文本。中文一旦改动，页面即把该英文标为可能过时，直至有人重新核对。

</div>

<div class="bi-en-only" lang="en" markdown="1">

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

</div>

## 标注的含义 · What the labels mean { #labels }

<div class="bi-zh-only" lang="zh-Hans" markdown="1">

| 标注 | 含义 |
|---|---|
| PROJECT_AI_LABEL_ZH | 由 statute-site 项目在人工智能辅助下起草，未经任何人独立核校。可借以理解中文，不能代替中文。 |
| *某人*译，*日期*；未经独立审校 | 由署名者起草，未使用人工智能辅助，未经他人核校。 |
| 经*某人*审校，*日期* | 译者以外的具名人员已对照中文核校该英文。 |
| 机器翻译初稿（*引擎*），未经审校 | 未经编辑的机器翻译。 |
| `English translation not yet available` | 该片段尚无英文译文（英文栏中只写这一句英文，不以中文填充）。 |

一条中的所有片段标注相同时，页面只在该条正文下方注明一次；否则每个片段各自标注。

</div>

<div class="bi-en-only" lang="en" markdown="1">

| label | meaning |
|---|---|
| PROJECT_AI_LABEL | Drafted by the statute-site project with AI assistance. Nobody independently checked it. Use it to find your way in the Chinese, not instead of it. |
| Translation by *name*, *date*; not independently reviewed | Drafted by the person named, without AI assistance. Nobody else has checked it. |
| Reviewed by *name*, *date* | A named person, other than the translator, has checked this English against the Chinese. |
| Machine draft (*engine*), not reviewed | Unedited machine translation. |
| English translation not yet available | There is no English for this segment yet. |

When every segment of an article has the same label, the page says it once, under the article's
text; otherwise each segment carries its own.

</div>

## 英文中的方括号 · Brackets in the English { #brackets }

<div class="bi-zh-only" lang="zh-Hans" markdown="1">

上海草案仅存一份报纸版面的 OCR 识别文本，部分文字已经缺失。

* **[…]** 表示该副本中缺失的中文文字。缺口在两种语言中都不作填补。
* **[方括号中的文字]** 是译者在残存文字足以确定文意时补入的词语（例如在缺口处断开的词）。这些词不见于印行的中文。

英文旁的译者注说明缺失了什么、补入了什么。

</div>

<div class="bi-en-only" lang="en" markdown="1">

The Shanghai draft survives only as an OCR copy of a newspaper page, and some of its text is lost.

* **[…]** marks Chinese text lost from the copy. The gap is never filled in, in either language.
* **[words in square brackets]** are words the translator supplied where the surviving characters
  make the reading evident (for example a word broken off at a gap). They are not in the Chinese as
  printed.

A translator's note beside the English says what is lost and what is supplied.

</div>

## 引用 · Citing { #citing }

<div class="bi-zh-only" lang="zh-Hans" markdown="1">

请引用中文文本。每一款、每一项都有"复制引文"按钮，可复制中英双语的精确引文，例如
《深圳经济特区人工智能产业促进条例》第六十五条第一款第（四）项（英文为 `Shenzhen AI Regulations, art. 65(1)(iv)`）。

</div>

<div class="bi-en-only" lang="en" markdown="1">

Cite the Chinese text. Every paragraph and item has a "Copy citation" button that copies a
bilingual pinpoint citation, for example
<span lang="zh-Hans">《深圳经济特区人工智能产业促进条例》第六十五条第一款第（四）项</span> /
Shenzhen AI Regulations, art. 65(1)(iv).

</div>

""".replace("PROJECT_AI_LABEL_ZH", PROJECT_AI_LABEL_ZH).replace("PROJECT_AI_LABEL", PROJECT_AI_LABEL)


class AboutEnglish(SiteExtension):
    """SiteExtension: the About the English page and its navigation entry."""

    def pages(self, project) -> dict[str, str]:
        return {ABOUT_ENGLISH: front_matter(NAV_TITLE) + ABOUT_TEXT}

    def nav(self, project) -> list:
        return [{NAV_TITLE: ABOUT_ENGLISH}]
