"""Editors' corrections of a computed concordance: an entry they give replaces whatever the
algorithm paired its articles with, and the rest of the concordance is mended so that every
old and every new article is still in exactly one entry.

A correction ``(old, new)`` holds indices into the two versions' article lists: one old and
several new is a split, several old and one new a merge, no new a repeal, no old an added
article.  (Validation, with file and line, is :mod:`generator.annotations.concordance`.)
"""

from __future__ import annotations

from typing import Sequence

from generator.versions.concordance import Entry, with_new_articles


def kind_of(old: Sequence[int], new: Sequence[int], old_texts: Sequence[str], new_texts: Sequence[str]) -> str:
    if not new:
        return "repealed"
    if not old:
        return "new"
    if len(old) > 1:
        return "merged"
    if len(new) > 1:
        return "split"
    return "same" if old_texts[old[0]] == new_texts[new[0]] else "amended"


def _mended(entry: Entry, olds: set[int], news: set[int], old_texts, new_texts) -> list[Entry]:
    """What is left of a computed entry once the corrected articles are taken out of it."""
    old = tuple(i for i in entry.old if i not in olds)
    new = tuple(j for j in entry.new if j not in news)
    if old == entry.old and new == entry.new:
        return [entry]
    if not old:
        return []                        # its new articles are re-added as `new` below
    if not new:
        return [Entry((i,), (), "repealed", entry.by_editor) for i in old]
    return [Entry(old, new, kind_of(old, new, old_texts, new_texts), entry.by_editor)]


def apply_corrections(entries: list[Entry], corrections: list[tuple[tuple[int, ...], tuple[int, ...]]],
                      old_texts: Sequence[str], new_texts: Sequence[str]) -> list[Entry]:
    """``entries`` with each correction in force (a later correction of the same article
    wins over an earlier one), in concordance order: entries with old articles in the old
    law's order, an added article after the entry holding the new article before it."""
    for old, new in corrections:
        olds, news = set(old), set(new)
        kept = [m for e in entries for m in _mended(e, olds, news, old_texts, new_texts)]
        if old:
            fixed = ([Entry((i,), (), "repealed", True) for i in sorted(old)] if not new else
                     [Entry(tuple(sorted(old)), tuple(new), kind_of(sorted(old), new, old_texts, new_texts), True)])
            kept.extend(fixed)
        else:
            kept.extend(Entry((), (j,), "new", True) for j in new)
        entries = kept
    with_old = sorted((e for e in entries if e.old), key=lambda e: min(e.old))
    editors_new = {e.new[0] for e in entries if not e.old and e.by_editor}
    ordered = with_new_articles(with_old, len(new_texts))
    return [Entry(e.old, e.new, e.kind, True) if not e.old and e.new[0] in editors_new else e for e in ordered]
