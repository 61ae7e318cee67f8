"""Small, escaping-by-default HTML helpers for the generated Markdown pages.

Everything that comes from a source, a translation or an annotation goes through
:func:`esc`; the only unescaped HTML in a page is the markup built here.
"""

from __future__ import annotations

import posixpath
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
    start = posixpath.dirname(from_page) or "."
    link = posixpath.relpath(target, start) if target else ""
    return link + (f"#{anchor}" if anchor else "")


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
