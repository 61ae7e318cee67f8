"""Small, escaping-by-default HTML helpers for the generated Markdown pages.

Everything that comes from a source, a translation or an annotation goes through
:func:`esc`; the only unescaped HTML in a page is the markup built here.
"""

from __future__ import annotations

import functools

import posixpath
import re
from datetime import date

from generator.render import escape

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def esc(text: str | None) -> str:
    """Text from an input in a page: :func:`generator.render.escape.text`."""
    return escape.text(text)


def attrs(**values: str | None) -> str:
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        value = escape.url(value) if name in ("href", "src") else escape.attr(value)
        parts.append(f'{name}="{value}"')
    return (" " + " ".join(parts)) if parts else ""


def tag(name: str, content: str = "", **values: str | None) -> str:
    return f"<{name}{attrs(**values)}>{content}</{name}>"


def rel(from_page: str, to_page: str) -> str:
    """Relative link from one docs page (``a/b.md``) to another (``c.md#x``)."""
    target, _, anchor = to_page.partition("#")
    link = _relpath(target, posixpath.dirname(from_page) or ".") if target else ""
    return link + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=65536)
def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath(target, start)`` for two paths of the docs tree, without asking
    the file system for the working directory (a page links to the same few pages a lot)."""
    def parts(path: str) -> list[str]:
        return [p for p in path.split("/") if p not in ("", ".")]

    t, s = parts(target), parts(start)
    if target.startswith("/") or start.startswith("/") or ".." in t or ".." in s:
        return posixpath.relpath(target, start)
    common = 0
    while common < min(len(t), len(s)) and t[common] == s[common]:
        common += 1
    return "/".join([".."] * (len(s) - common) + t[common:]) or "."


def date_en(iso: str | None) -> str:
    if not iso:
        return ""
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_zh(iso: str | None) -> str:
    if not iso:
        return ""
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def md_link_text(text: str) -> str:
    """Text inside a Markdown link label (never Markdown itself)."""
    return escape.text(text)


def md_table_cell(text: str) -> str:
    return escape.text(text)


def bi(zh_html: str, en_html: str, sep: str = " · ", *, en_first: bool = False, css: str = "") -> str:
    """A bilingual caption: both halves in the side-by-side view, only the reader's language
    in the Chinese or English view (statute.css: ``.bi``).  Both halves are HTML already
    escaped by the caller."""
    zh = f'<span lang="zh-Hans">{zh_html}</span>'
    en = f'<span lang="en">{en_html}</span>'
    first, second = (en, zh) if en_first else (zh, en)
    classes = f"bi {css}".strip()
    return f'<span class="{classes}">{first}<span class="bi-sep">{sep}</span>{second}</span>'


_HAN = re.compile(r"[\u3400-\u9fff]")


def has_han(text: str) -> bool:
    return bool(_HAN.search(text or ""))


def bi_text(text: str, sep: str = " · ") -> str:
    """Plain "中文 · English" text as a bilingual caption, escaped; any other text escaped as is."""
    parts = (text or "").split(sep)
    if len(parts) == 2 and has_han(parts[0]) and not has_han(parts[1]):
        return bi(esc(parts[0]), esc(parts[1]), sep)
    return esc(text)


def bi_label(text: str) -> str:
    """A table label "状态 Status" (Chinese, a space, English) as a bilingual caption."""
    zh, _, en = (text or "").partition(" ")
    if has_han(zh) and en and not has_han(en):
        return bi(esc(zh), esc(en), " ")
    return esc(text)


# Interface captions used on several kinds of page, in both languages (each view shows its half).
EDITORIAL_DETAILS = bi("编辑细节", "Editorial details", " · ", en_first=True)


def in_context(number: int | str) -> str:
    """The link from a quotation to its paragraph in the whole document."""
    return bi(f"查看上下文：第{number}段 →", f"In context: paragraph {number} →", " · ", en_first=True)
