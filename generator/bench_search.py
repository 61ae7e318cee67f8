"""Benchmarks of the site search and the concordance at library scale (``python -m
generator.bench --search CORPUS`` / ``--concordance CORPUS``; see :mod:`generator.bench`)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from generator.numerals import parse_numeral
from generator.render.search_index import DATA_DIR, PARA_P, Collection, Doc, Group, build_index, fnv1a
from generator.render.search_text import normalise
from generator.versions.concordance import concordance
from generator.versions.read import dated_version_pairs, read_version


# --------------------------------------------------------------------------- search at library scale

ARTICLE_LINE = re.compile(r"^第([〇零一二三四五六七八九十百千两]+)条(之[一二三四五六七八九十]+)?\s*(.*)$")
RESULTS_SHOWN = 20                  # the results page shows 20 results, then "More results"
COMMON_QUERIES = ["国家", "规定", "的", "应当", "人民法院", "有关部门", "法律责任", "中华人民共和国",
                  "国家规定的有关部门", "县级以上地方各级人民政府", "第十条", "第一百条第二款", "刑法 第二十条",
                  "公司法 第三条", "民法典 第一千零一条"]


def corpus_collections(corpus: Path) -> list[Collection]:
    """Every statute of a Markdown corpus as a search collection (zh only, in force)."""
    out = []
    for i, path in enumerate(sorted(corpus.rglob("*.md"))):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), path.stem)
        articles: dict[int, list[str]] = {}
        current = None
        for line in lines:
            line = line.strip()
            m = ARTICLE_LINE.match(line)
            if m and parse_numeral(m.group(1)):
                current = parse_numeral(m.group(1))
                articles.setdefault(current, []).append(m.group(3))
            elif current is not None and line and not line.startswith(("#", "<!--")):
                articles[current].append(line)
        groups = []
        for n in range(1, max(articles, default=0) + 1):
            paras = [p for p in articles.get(n, []) if p]
            groups.append(Group(f"law-{i}/article-{n}/", "a" if paras else "m", f"第{n}条", f"Article {n}",
                                [Doc(PARA_P * (k + 1), f"art_{n}__para_{k + 1}", p) for k, p in enumerate(paras)]))
        out.append(Collection(f"law-{i}", title, "", "in_force", groups, jurisdiction="中华人民共和国"))
    return out


def _decode_groups(postings: str) -> set[int]:
    groups, g = set(), 0
    for entry in postings.split(";"):
        g += int(re.match(r"[0-9a-z]+", entry).group(0), 36)
        groups.add(g)
    return groups


def search_bytes(files: dict[str, str], query: str) -> int:
    """An upper bound on what the results page downloads for ``query``: the manifest, the
    T->S map (for a non-ASCII query), the shards of the query's terms, and the doc chunks of
    the first 20 results, counted as the 20 largest chunks among the matching pages'."""
    size = {path: len(text.encode("utf-8")) for path, text in files.items()}
    manifest = json.loads(files[f"{DATA_DIR}/manifest.js"][len("__searchManifest("):-3])
    total = size[f"{DATA_DIR}/manifest.js"] + (size[f"{DATA_DIR}/t2s.js"] if not query.isascii() else 0)
    keys = set()
    for piece in normalise(query).split():
        han = re.findall(r"[\u3400-\u9fff]", piece)
        keys.update(a + b for a, b in zip(han, han[1:])) if len(han) > 1 else keys.update(han)
        keys.update(re.findall(r"[a-z0-9]+", piece))
    shards = {fnv1a(k) % manifest["shards"] for k in keys}
    total += sum(size[f"{DATA_DIR}/s/{n}.js"] for n in shards)
    found = None
    for n in shards:
        shard = json.loads(files[f"{DATA_DIR}/s/{n}.js"].split(",", 1)[1][:-3])
        for key in keys & shard.keys():
            groups = _decode_groups(shard[key])
            found = groups if found is None else found & groups
    starts = manifest["chunks"]
    chunks = {max(i for i, s in enumerate(starts) if s <= g) for g in (found or set())}
    if re.search("条", query):                            # a citation: one article per statute
        chunks = set(range(len(starts)))
    biggest = sorted((size[f"{DATA_DIR}/d/{c}.js"] for c in chunks), reverse=True)[:RESULTS_SHOWN]
    return total + sum(biggest)


def search_bench(corpus: Path) -> int:
    t = time.perf_counter()
    library = corpus_collections(corpus)
    files = build_index(library)
    build_s = time.perf_counter() - t
    docs = [(d.zh) for c in library for g in c.articles for d in g.docs]
    queries = list(COMMON_QUERIES)
    for text in docs[::max(1, len(docs) // 300)]:          # ~300 phrases of 4-8 characters from the text
        han = "".join(re.findall(r"[\u4e00-\u9fff]", text))
        if len(han) >= 8:
            length = 4 + len(han) % 5
            queries.append(han[len(han) // 3:len(han) // 3 + length])
    sizes = sorted((search_bytes(files, q), q) for q in queries)
    total = sum(len(v.encode("utf-8")) for v in files.values())
    shards = len([p for p in files if "/s/" in p])
    chunks = len([p for p in files if "/d/" in p])
    print(f"search index for {len(library)} statutes, {sum(len(c.articles) for c in library)} articles, "
          f"{len(docs)} paragraphs: {total / 1e6:.1f} MB in {shards} shards + {chunks} doc chunks, built in {build_s:.1f}s")
    print(f"bytes a query downloads ({len(queries)} queries, upper bound): median {sizes[len(sizes) // 2][0] / 1e3:.0f} KB, "
          f"max {sizes[-1][0] / 1e3:.0f} KB ({sizes[-1][1]}); manifest {len(files[DATA_DIR + '/manifest.js']) / 1e3:.0f} KB")
    for size, q in sizes[-5:]:
        print(f"  {size / 1e3:7.0f} KB  {q}")
    ok = sizes[-1][0] < 1_000_000
    print(f"every query under 1 MB: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


def bench_concordance(folder: Path) -> int:
    """Target: every version pair of the corpus (37 in lawrefbook-national) paired in well
    under a minute (parsing excluded)."""
    pairs = dated_version_pairs(folder)
    texts = [(read_version(a).texts(), read_version(b).texts()) for a, b in pairs]
    start = time.perf_counter()
    for old, new in texts:
        concordance(old, new)
    spent = time.perf_counter() - start
    articles = sum(len(o) + len(n) for o, n in texts)
    print(f"concordance: {len(pairs)} version pairs, {articles} articles in {spent:.2f}s "
          f"({1000 * spent / max(1, len(pairs)):.0f} ms a pair); under 30 s: {'yes' if spent < 30 else 'NO'}")
    return 0
