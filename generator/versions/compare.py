"""The concordance of two versions as the ``compare`` contract's JSON, and its summary."""

from __future__ import annotations

from collections import Counter

from generator.model import Article
from generator.versions.concordance import KINDS, Entry, concordance
from generator.versions.read import VersionText


def json_ref(article: Article) -> int | str:
    """An article in the contract: its number, or ``"17-1"`` for 第十七条之一."""
    return article.ref if article.insert else article.number


def compare(old: VersionText, new: VersionText) -> tuple[list[Entry], dict]:
    """The entries (indices) and the contract's JSON object for two versions."""
    entries = concordance(old.texts(), new.texts())
    data = {
        "old": {"title": old.title, "articles": len(old.articles)},
        "new": {"title": new.title, "articles": len(new.articles)},
        "map": [{"old": [json_ref(old.articles[i]) for i in e.old],
                 "new": [json_ref(new.articles[j]) for j in e.new],
                 "kind": e.kind} for e in entries],
    }
    return entries, data


def counts(data: dict) -> dict[str, int]:
    """Entries per kind, every kind listed."""
    seen = Counter(row["kind"] for row in data["map"])
    return {kind: seen.get(kind, 0) for kind in KINDS}


def summary_lines(data: dict) -> list[str]:
    """A readable summary: the two versions, counts per kind, then every changed row."""
    def refs(values: list) -> str:
        return ", ".join(str(v) for v in values) or "-"

    lines = [f"old: {data['old']['title'] or '(no title)'} ({data['old']['articles']} articles)",
             f"new: {data['new']['title'] or '(no title)'} ({data['new']['articles']} articles)",
             "  ".join(f"{kind} {n}" for kind, n in counts(data).items())]
    changed = [row for row in data["map"] if row["kind"] != "same"]
    if changed:
        lines.append("")
        lines.append(f"{'old':>16}  {'new':<16} kind")
    for row in changed:
        lines.append(f"{refs(row['old']):>16}  {refs(row['new']):<16} {row['kind']}")
    return lines
