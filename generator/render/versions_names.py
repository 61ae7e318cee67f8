"""Names and addresses of a statute's versions on the site (shared by the version pages and
the 新旧对照 pages)."""

from __future__ import annotations

from generator.model import Article
from generator.numerals import article_label_zh
from generator.render import urls
from generator.render.html import date_en, date_zh, esc
from generator.versions.build import Version, VersionPair

EVENTS = {"draft": ("草案", "draft"), "adopted": ("通过", "adopted"), "amended": ("修正", "amendment"),
          "revised": ("修订", "revision")}
KIND_LABEL = {"same": ("未改", "unchanged"), "amended": ("修改", "amended"), "split": ("拆分", "split"),
              "merged": ("合并", "merged"), "repealed": ("删除", "deleted"), "new": ("新增", "added")}


def version_slug(version: Version) -> str:
    return version.date or "current"


def version_index(statute_id: str, version: Version) -> str:
    return f"{statute_id}/{version_slug(version)}/index.md"


def version_article(statute_id: str, version: Version, article: Article) -> str:
    return dated_article(statute_id, version_slug(version), article.ref)


def dated_article(statute_id: str, date: str | None, ref) -> str:
    """The page of article ``ref`` as it stood in the version of ``date`` (None: the current text)."""
    return f"{statute_id}/{date}/article-{ref}.md" if date else urls.article_page(statute_id, ref)


def compare_page(statute_id: str, pair: VersionPair) -> str:
    return f"{statute_id}/changes-{version_slug(pair.old)}-to-{version_slug(pair.new)}.md"


def article_url(statute_id: str, version: Version, article: Article) -> str:
    return urls.article_page(statute_id, article.ref) if version.current else \
        version_article(statute_id, version, article)


def label(article: Article) -> str:
    return article_label_zh(article.number, article.insert)


def version_name(version: Version) -> tuple[str, str]:
    """(Chinese, English) name of a version: 2018年10月26日修正 / the amendment of 26 October 2018."""
    zh_event, en_event = EVENTS.get(version.event or "", ("", "text"))
    if version.date is None:
        return "现行文本", "the current text"
    return f"{date_zh(version.date)}{zh_event}", f"the {en_event} of {date_en(version.date)}"


def md_href(page: str, anchor: str = "") -> str:
    return f'md:{esc(page)}' + (f"#{esc(anchor)}" if anchor else "")
