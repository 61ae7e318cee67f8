"""The parser on every law of the corpus (../shared/corpus/lawrefbook-national, 359 files).

For each file the expected structure is read straight from the Markdown, independently of
the generator: the title from the ``#`` line, books/chapters/sections from ``#`` headings
that say 第…编/章/节, articles from lines that start 第…条, paragraphs and items from the
lines under each article.  The parse must give the same counts and keep every character
of every article (compared without whitespace).  Files with no article at all (guides,
amendment lists) must be recognised as not statutes.  Errors the parser reports must name
a line of the file.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from generator.parse.statute import parse_statute
from generator.sources.ingest import blocks_to_text
from generator.sources.readers import read_document
from tests.conftest import REPO

CORPUS = REPO.parent / "shared" / "corpus" / "lawrefbook-national"
NUM = "[一二三四五六七八九十百千零〇两]+"
HEADING = re.compile(rf"^#+\s*第{NUM}(编|分编|章|节)")
ARTICLE = re.compile(rf"^第{NUM}\s?条(?:之{NUM})?(?=[\s（(]|$)|^第{NUM}\s条")
ITEM = re.compile(rf"^(?:[（(]{NUM}[)）]|[①-⑳])")
INLINE_ITEM = re.compile(rf"[:：;；]\s*[（(]{NUM}[)）]")
POINT = re.compile(r"^\d+[.．]")
# Shapes the line-by-line reading above cannot judge, each checked by hand.
HAND_CHECKED = {
    # Article 90 nests two paragraphs and points 1．2． inside item （六）, then goes on with
    # items （七）…: the parser keeps every character, in order, and reads 1．2． as items.
    ("经济法/种子法(2021-12-24).md", "90"),
}
APPENDIX = re.compile(r"^#*\s*(?:附件|附表|附录)[一二三四五六七八九十\d]*(?:[：:\s]|$)|^#*\s*附[：:]")

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the corpus is not beside the clone ({CORPUS})")


def expected_structure(text: str, skip_lines: frozenset[int] = frozenset()) -> dict:
    """What the Markdown itself says, read line by line.  ``skip_lines``: bare lines the
    parser reported as headings whose number the copy lost (checked to be reported)."""
    lines = [("" if n in skip_lines else ln.strip().strip("\u200b")) for n, ln in enumerate(text.split("\n"), 1)]
    title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), None)
    counts = Counter()
    articles: list[dict] = []
    in_body = False
    for ln in lines:
        if not ln or ln.startswith("<!--"):
            continue
        heading = HEADING.match(ln)
        if heading:
            counts[{"编": "book", "分编": "part", "章": "chapter", "节": "section"}[heading.group(1)]] += 1
            in_body = False
            continue
        if ln.startswith("#") or APPENDIX.match(ln):
            in_body = False
            continue
        if ARTICLE.match(ln):
            articles.append({"text": ln, "paragraphs": 1, "items": len(INLINE_ITEM.findall(ln)), "zh_items": False})
            in_body = True
        elif in_body and articles:
            art = articles[-1]
            art["text"] += ln
            if ITEM.match(ln):
                art["items"] += 1
                art["zh_items"] = True
            elif POINT.match(ln):
                # 1. 2.: points (目) under an item; a list of its own directly under a paragraph
                art["items"] += 0 if art["zh_items"] else 1
            else:
                art["paragraphs"] += 1
                art["items"] += len(INLINE_ITEM.findall(ln))
                art["zh_items"] = False
    return {"title": title, "counts": counts, "articles": articles}


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*/*.md")) if CORPUS.is_dir() else []


def parse_file(path: Path):
    document = read_document(path.read_bytes(), path.name)
    text, line_map, headings = blocks_to_text(document)
    return parse_statute(text, path=path.name, line_map=line_map, title=document.title,
                         reader_headings=headings)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def article_text(article) -> str:
    out = []
    for para in article.paragraphs:
        out.append(para.text)
        for item in para.items:
            out.append(item.label + item.text)
            out.extend(p.label + p.text for p in item.points)
    return "".join(out)


def check_file(path: Path) -> list[str]:
    """Every way the parse of ``path`` differs from what the file itself says."""
    parsed = parse_file(path)
    lost_headings = frozenset(h.line for h in parsed.headings if any(
        d.code == "unnumbered-heading" and d.line == h.line for d in parsed.diagnostics))
    expected = expected_structure(path.read_text(encoding="utf-8"), lost_headings)
    problems = []
    if not expected["articles"]:
        if parsed.kind != "not-a-statute":
            problems.append(f"not a statute (no 第…条 line) but parsed as one with {len(parsed.articles)} articles")
        return problems
    if parsed.title != expected["title"]:
        problems.append(f"title {parsed.title!r} != {expected['title']!r}")
    got = {"book": sum(1 for b in parsed.books if b.number), "part": sum(len(b.parts) for b in parsed.books),
           "chapter": len(parsed.chapters), "section": sum(len(c.sections) for c in parsed.chapters)}
    for level, count in got.items():
        if count != expected["counts"][level]:
            problems.append(f"{level}s: parsed {count}, the file has {expected['counts'][level]}")
    if len(parsed.articles) != len(expected["articles"]):
        problems.append(f"articles: parsed {len(parsed.articles)}, the file has {len(expected['articles'])}")
        return problems
    for art, exp in zip(parsed.articles, expected["articles"]):
        label = re.match(rf"^第{NUM}\s?条(?:之{NUM})?", exp["text"]).group(0)
        want = _squeeze(exp["text"][len(label):])
        have = _squeeze((f"（{art.title}）" if art.title and want.startswith("（") else "") + article_text(art))
        if have != want:
            problems.append(f"article {art.ref}: text differs: {have[:40]!r} vs {want[:40]!r}")
        if (str(path.relative_to(CORPUS)), art.ref) in HAND_CHECKED:
            continue
        if len(art.paragraphs) != exp["paragraphs"] or sum(len(p.items) for p in art.paragraphs) != exp["items"]:
            problems.append(f"article {art.ref}: {len(art.paragraphs)} paragraphs/"
                            f"{sum(len(p.items) for p in art.paragraphs)} items, the file has "
                            f"{exp['paragraphs']}/{exp['items']}")
    for d in parsed.diagnostics:
        if d.is_error and not d.line:
            problems.append(f"error without a line: {d.message}")
    return problems


@pytest.mark.slow
def test_every_corpus_law_parses_as_its_own_headings_and_lines_say(capsys):
    files = corpus_files()
    assert len(files) == 359
    failures = {}
    kinds = Counter()
    errors = Counter()
    for path in files:
        problems = check_file(path)
        if problems:
            failures[str(path.relative_to(CORPUS))] = problems
        parsed = parse_file(path)
        kinds[parsed.kind] += 1
        errors.update(d.code for d in parsed.diagnostics if d.is_error)
    with capsys.disabled():
        print(f"\ncorpus: {len(files)} files: {dict(kinds)}; errors reported: {dict(errors)}")
        for name, problems in failures.items():
            print(f"  {name}: {'; '.join(problems[:3])}")
    assert not failures


def test_the_company_law_in_detail():
    path = CORPUS / "民法商法" / "公司法(2023-12-29).md"
    parsed = parse_file(path)
    assert parsed.title == "中华人民共和国公司法"
    assert (len(parsed.chapters), len(parsed.articles)) == (15, 266)
    # The title is the document's own, not the amendment decision in the preamble.
    assert "决定" not in parsed.title
    # No chapter heading was read as article text.
    assert not any("第二章" in p.text for a in parsed.articles for p in a.paragraphs)
    kinds = [e.kind for e in parsed.events]
    assert kinds[0] == "adopted" and parsed.events[0].date == "1993-12-29"
    assert kinds.count("amended") == 4 and kinds.count("revised") == 2   # 1999, 2004, 2013, 2018; 2005, 2023
    assert parsed.events[-1].date == "2023-12-29"


def test_the_criminal_law_books_inserted_articles_and_appendices():
    parsed = parse_file(CORPUS / "刑法" / "刑法.md")
    assert [b.number for b in parsed.books if b.number] == [1, 2]
    inserted = [a for a in parsed.articles if a.insert]
    assert len(inserted) == 53 and inserted[0].ref == "17-1" and inserted[0].eid == "art_17_1"
    assert [a.title for a in parsed.appendices] == ["附件一", "附件二"]
    # The appendices are not text of the last article (which only mentions them).
    last = article_text(parsed.articles[-1])
    assert last.startswith("本法自1997年10月1日起施行。") and "附件一 全国人民代表大会常务委员会" not in last
    assert parsed.appendices[0].paragraphs and all(p not in last for p in parsed.appendices[0].paragraphs)
    deleted = parsed.article(199)
    assert deleted.paragraphs[0].text == "（删去）"
