"""Linking stays linear: a 1 MB commentary paragraph (the worst case: text that all
occurs in the statute) completes, in a subprocess with a generous timeout; the timing
target itself is in the benchmark (``python -m generator.bench --paragraph-mb 0.25,0.5,1,2``)."""

from __future__ import annotations

import subprocess
import sys

from generator.linking.link import SIMILARITY_LIMIT
from generator.linking.similarity import ChineseIndex
from tests.conftest import REPO

SCRIPT = """
from pathlib import Path
from generator.linking.link import StatuteLinker
from generator.pipeline import load_sources
statute = load_sources(Path({root!r})).statutes["shenzhen-ai-2022"]
base = (Path({root!r}) / "source" / "002_471ca8fd11cb6557.txt").read_text(encoding="utf-8").replace("\\n", "")
text = (base * 400).encode("utf-8")[:1024 * 1024].decode("utf-8", "ignore")
result = StatuteLinker(statute).link_text(text)
print(len(result.links), result.messages[0])
"""


def test_a_1mb_paragraph_links_without_hanging():
    out = subprocess.run([sys.executable, "-c", SCRIPT.format(root=str(REPO))], capture_output=True, text=True,
                         timeout=300, cwd=REPO)
    assert out.returncode == 0, out.stderr
    count, message = out.stdout.split(" ", 1)
    assert int(count) == 73            # the attached statute cites every article by its heading
    assert f"over {SIMILARITY_LIMIT:,}: linked by its explicit citations only" in message


def test_a_huge_repetitive_article_does_not_slow_matching():
    """Trigram positions per article are capped, so a paragraph against a huge, repetitive
    article costs no more than against a short one (and still finds it)."""
    phrase = "推进人工智能在经济社会领域深度融合应用，规范人工智能产业有序发展，"
    index = ChineseIndex({1: phrase * 10000, 2: "本条例自2022年11月1日起施行。"})
    assert max(len(v) for v in index.postings.values()) <= 16
    assert [m.article for m in index.match(phrase * 50)] == [1]
