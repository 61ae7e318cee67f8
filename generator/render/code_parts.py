"""A code's divisions above the chapter in its overview: 编 (books) and 分编 (their parts)."""

from __future__ import annotations

from generator.numerals import book_label_zh, subbook_label_zh
from generator.reconcile.statute import Statute
from generator.render.html import bi, esc


def container_headings(statute: Statute, previous, chapter) -> str:
    """The 编 (book) and 分编 (part) headings before ``chapter`` when it opens another one."""
    out = []
    book = next((b for b in statute.books if b.number == chapter.book), None)
    if book is not None and (previous is None or previous.book != chapter.book):
        label = f"{book_label_zh(book.number)} " if book.number else ""
        en = f'Book{" " + str(book.number) if book.number else ""}'
        out.append(f'### {bi(esc(label) + esc(book.title), en)} {{ #book_{book.number or 0} }}\n\n')
    part = next((p for p in book.parts if p.number == chapter.subbook), None) if book and chapter.subbook else None
    if part is not None and part.number:
        zh = f"{esc(subbook_label_zh(part.number))} {esc(part.title)}"
        out.append(f'<p class="subbook-heading">{bi(zh, f"Part {part.number}")}</p>\n\n')
    return "".join(out)
