"""Every Markdown file of the LawRefBook corpus through the Markdown reader, and a survey.

Run with ``pytest -s -m slow tests/sources/test_corpus_survey.py`` to see the survey.
The corpus lives in ../shared/corpus beside the repository clone; without it the test skips.
"""

from __future__ import annotations

import collections
import re
import time
from pathlib import Path

import pytest

from generator.sources.readers import read_document

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "lawrefbook-national"

NUM = "一二三四五六七八九十百千零〇两"
ARTICLE = re.compile(rf"^第[{NUM}]+条")
ARTICLE_ZHI = re.compile(rf"^第[{NUM}]+条之[{NUM}]+")
ENUMERATED = re.compile(rf"^[{NUM}]+、")            # 一、 二、 … (amendments, decisions)
MU_ITEM = re.compile(r"^[0-9０-９]+[.．]")           # 1. 2. … (目 under a 项, or a guide's list)
DIVISION = re.compile(rf"^第[{NUM}]+(分编|编|章|节)")
APPENDIX = re.compile(r"^(附件|附表|附录|附：|附:)")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not present at {CORPUS} (it lives in ../shared beside the repository clone)")
    files = sorted(CORPUS.rglob("*.md"))
    if not files:
        pytest.skip(f"no .md files under {CORPUS}")
    return files


def test_corpus_reads_as_markdown_and_survey(corpus_files):
    started = time.perf_counter()
    problems: list[str] = []
    extra_level1: dict[str, list[str]] = {}
    levels = collections.Counter()
    divisions = collections.Counter()
    with_tables, not_statutes, with_zhi, with_mu, with_appendix, with_diags = [], [], [], [], [], []
    blocks_total = 0

    for path in corpus_files:
        rel = path.relative_to(CORPUS).as_posix()
        doc = read_document(path.read_bytes(), rel)
        blocks_total += len(doc.blocks)
        if doc.format != "markdown":
            problems.append(f"{rel}: detected as {doc.format}")
        if doc.diagnostics:
            with_diags.append((rel, [d.format() for d in doc.diagnostics]))
        titles = [b for b in doc.blocks if b.kind == "title"]
        level1 = [b.text for b in doc.blocks if b.level == 1]
        if len(titles) != 1:
            problems.append(f"{rel}: {len(titles)} title blocks")
        if len(level1) != 1:
            extra_level1[rel] = level1
        for b in doc.blocks:
            if "<!--" in b.text or "-->" in b.text:
                problems.append(f"{rel}:{b.line}: comment left in a block")
            if b.level:
                levels[b.level] += 1
            if b.kind == "heading":
                m = DIVISION.match(b.text)
                divisions[m.group(1) if m else "other"] += 1
        paragraphs = [b.text for b in doc.blocks if b.kind == "paragraph"]
        if any(b.kind == "table" for b in doc.blocks):
            with_tables.append(rel)
        if not any(ARTICLE.match(p) for p in paragraphs):
            shape = "一、 numbered" if sum(bool(ENUMERATED.match(p)) for p in paragraphs) >= 3 else "free text"
            not_statutes.append(f"{rel} ({shape})")
        if any(ARTICLE_ZHI.match(p) for p in paragraphs):
            with_zhi.append(f"{rel} ({sum(bool(ARTICLE_ZHI.match(p)) for p in paragraphs)})")
        if any(MU_ITEM.match(p) for p in paragraphs):
            with_mu.append(rel)
        appendix = [p for p in paragraphs + [b.text for b in doc.blocks if b.kind == "heading"]
                    if APPENDIX.match(p)]
        if appendix:
            with_appendix.append(f"{rel}: {', '.join(sorted(set(a[:12] for a in appendix)))}")

    elapsed = time.perf_counter() - started
    print(f"\n== corpus survey: {len(corpus_files)} files, {blocks_total} blocks, {elapsed:.1f} s ==")
    print("heading levels used:", dict(sorted(levels.items())))
    print("division headings:", dict(divisions))
    print(f"files with more than one level-1 heading ({len(extra_level1)}):")
    for rel, texts in extra_level1.items():
        print(f"  {rel}: {texts}")
    print(f"files with tables ({len(with_tables)}):", with_tables or "none")
    print(f"files with no line starting 第…条 ({len(not_statutes)}) - amendments, decisions, guides:")
    for rel in not_statutes:
        print(f"  {rel}")
    print(f"files with 第X条之Y articles ({len(with_zhi)}):", with_zhi)
    print(f"files with '1.' lines (目 under 项, or lists) ({len(with_mu)}):", with_mu)
    print(f"files with appendices ({len(with_appendix)}):")
    for line in with_appendix:
        print(f"  {line}")
    print("files with reader diagnostics:", with_diags or "none")

    assert not problems, "\n".join(problems)
    # The only files with two level-1 headings are the Civil Code's books, one file each:
    # "# 中华人民共和国民法典" then "# 总则" / "# 物权编" …  Anything else is a new shape.
    odd = {rel: t for rel, t in extra_level1.items()
           if not (rel.startswith("民法典/") and len(t) == 2 and t[0] == "中华人民共和国民法典")}
    assert not odd, f"files whose level-1 headings differ from one title: {odd}"
    assert elapsed < 60, f"reading the corpus took {elapsed:.1f} s"
