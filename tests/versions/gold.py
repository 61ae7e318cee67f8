"""The hand-judged concordances and the pairing measure."""

from __future__ import annotations

from pathlib import Path

import yaml


CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "lawrefbook-national"
GOLD = Path(__file__).resolve().parents[1] / "data" / "concordance"


def load_gold(name: str) -> dict:
    return yaml.safe_load((GOLD / name).read_text(encoding="utf-8"))


def pairs_of(entries) -> set[tuple]:
    """The (old, new) pairs an entry list implies; a repealed article pairs with None,
    a new one is paired from None, so they count too."""
    out = set()
    for e in entries:
        olds = list(e["old"]) or [None]
        news = list(e["new"]) or [None]
        out.update((o, n) for o in olds for n in news)
    return out


def precision_recall(predicted, gold) -> tuple[float, float]:
    p, g = pairs_of(predicted), pairs_of(gold)
    hit = len(p & g)
    return hit / max(1, len(p)), hit / max(1, len(g))
