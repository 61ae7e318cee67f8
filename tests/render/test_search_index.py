"""The site search's index builder: text rules, postings, shards, what is indexed (no browser).

The browser side reads the same files; tests/e2e/test_search.py runs real queries and checks
that search.js reads text exactly as these rules do.
"""

from __future__ import annotations

import json
import re

import opencc
import pytest

from generator.render.search_data import collections, page_url
from generator.render.search_index import (
    DATA_DIR, NOTES_P, Collection, Doc, Group, aliases, b36, build_index, encode_postings, fnv1a)
from generator.render.search_text import normalise, stem, t2s_map, terms
from tests.conftest import REPO, SHANGHAI, SHENZHEN


# --------------------------------------------------------------------------- text

def test_normalise_folds_width_script_and_case_without_changing_length():
    for raw, want in (("２０２２年１１月１日", "2022年11月1日"), ("Ａｒｔ．４４", "art.44"),
                      ("倫理委員會", "伦理委员会"), ("上海數據交易所", "上海数据交易所"), ("Ethics\u3000Committee", "ethics committee")):
        assert normalise(raw) == want and len(normalise(raw)) == len(raw)


def test_t2s_map_comes_from_opencc_and_holds_single_bmp_characters():
    table = t2s_map()
    assert table["倫"] == "伦" and table["會"] == "会" and table["雲"] == "云" and table["腦"] == "脑"
    assert "伦" not in table and "会" not in table              # Simplified stays as it is
    converter = opencc.OpenCC("t2s")
    assert all(len(t) == len(s) == 1 and s != t and ord(s) <= 0xFFFF for t, s in table.items())
    assert all(converter.convert(t) == s for t, s in list(table.items())[::97])
    assert len(table) > 2000


def keys(text: str) -> list[tuple[str, int]]:
    return [(t.key, t.pos) for t in terms(text)[0] if t.positional]


def test_chinese_is_cut_into_bigrams_at_positions_across_ocr_spaces_not_punctuation():
    assert keys("伦理委员会") == [("伦理", 0), ("理委", 1), ("委员", 2), ("员会", 3)]
    assert keys("职务 科技") == [("职务", 0), ("务科", 1), ("科技", 2)]        # OCR's stray space
    assert keys("研究、制定") == [("研究", 0), ("制定", 2)]                     # 、 ends a run
    unigrams = [(t.key, t.pos) for t in terms("云脑")[0] if not t.positional]
    assert unigrams == [("云", 0), ("脑", 1)]


def test_the_compiled_stemmer_gives_the_pure_python_stems():
    """PyStemmer (used by snowballstemmer when installed) must stem as the Snowball project's
    pure-Python porter does: search.js is checked against :func:`stem`, and indexes built
    with either must agree.  Every word of the seed annotations and English test data."""
    from snowballstemmer.porter_stemmer import PorterStemmer
    words = set()
    for path in [*(REPO / "annotations").rglob("*.yaml"), *(REPO / "tests" / "data").glob("*.yaml")]:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", path.read_text(encoding="utf-8")))
    pure = PorterStemmer()
    assert len(words) > 1000
    assert {w: stem(w) for w in words} == {w: pure.stemWord(w) for w in words}


def test_words_are_stemmed_and_take_one_position_each():
    assert keys("Minor violations, not subject to penalties") == [
        ("minor", 0), ("violat", 1), ("not", 2), ("subject", 3), ("to", 4), ("penalti", 5)]
    assert keys("５Ｇ、物联网") == [("5g", 0), ("物联", 1), ("联网", 2)]
    assert stem("penalty") == stem("penalties") == "penalti"
    assert stem("regulating") == stem("regulated") == stem("regulate")
    assert stem("of") == "of" and stem("2022") == "2022"
    assert terms("ab 伦理", 10)[1] == 13


# --------------------------------------------------------------------------- postings and files

def test_base36_and_fnv1a():
    assert [b36(n) for n in (0, 9, 10, 35, 36, 1295)] == ["0", "9", "a", "z", "10", "zz"]
    assert fnv1a("a") == 0xE40C292C          # the published FNV-1a 32-bit value for "a"
    assert fnv1a("") == 0x811C9DC5


def test_postings_are_delta_coded_with_positions_or_counts():
    # group 3 paragraph 1 (doc 100) at positions 4 and 9; group 3 heading; group 40 doc 201
    assert encode_postings([(3, 100, [4, 9]), (3, 0, [1]), (40, 201, [0])]) == "3:4,5;0-0:1;11-5l:0"
    assert encode_postings([(0, 100, [-1, -1, -1]), (2, 100, [-1])]) == "0*3;2"


def small_collection() -> Collection:
    art1 = Group("s/article-1/", "a", "第一条", "Article 1", [
        Doc(0, "art_1", "目的", "Purpose"),
        Doc(100, "art_1__para_1", "为了促进人工智能产业发展", "To promote the AI industry")])
    missing = Group("s/article-2/", "m", "第二条", "Article 2")
    overview = Group("s/", "o", "某市条例", "Some Regulations", [Doc(0, "", "某市条例", "Some Regulations")])
    return Collection("s", "某市条例（草案）", "Some Regulations (Draft)", "draft", [art1, missing], [overview],
                      "Some Regs (draft)", "某市", "Some Municipality")


def load_script(content: str, function: str):
    m = re.fullmatch(rf"{function}\((.*)\);\n", content, re.S)
    return json.loads(f"[{m.group(1)}]")


def test_build_index_writes_manifest_shards_and_doc_chunks():
    files = build_index([small_collection()])
    manifest = load_script(files[f"{DATA_DIR}/manifest.js"], "__searchManifest")[0]
    assert manifest["docs"] == 3 and manifest["groups"] == 3 and manifest["chunks"] == [0]
    (c,) = manifest["collections"]
    assert (c["id"], c["g"], c["n"], c["x"], c["status"]) == ("s", 0, 2, ["o"], "draft")
    shards = {}
    for i in range(manifest["shards"]):
        n, shard = load_script(files[f"{DATA_DIR}/s/{i}.js"], "__searchShard")
        assert n == i and all(fnv1a(k) % manifest["shards"] == i for k in shard)
        shards.update(shard)
    assert shards["人工"] == "0:4"                  # group 0, doc 100, position 4 (为了促进人工)
    assert shards["目的"] == "0-0:0"                # the heading, doc 0
    # the English starts after the 12 Chinese positions and a gap of 8: to=20 ... industry=24
    assert shards["industri"] == "0:o"
    assert shards["条例"] == "2-0:2"                # the overview (group 2), never the missing article
    n, groups = load_script(files[f"{DATA_DIR}/d/0.js"], "__searchDocs")
    assert [g[:5] for g in groups] == [[0, "s/article-1/", "第一条", "Article 1", "a"],
                                       [1, "s/article-2/", "第二条", "Article 2", "m"],
                                       [2, "s/", "某市条例", "Some Regulations", "o"]]
    assert groups[0][5][1] == [100, "art_1__para_1", "为了促进人工智能产业发展", "To promote the AI industry"]
    pairs = load_script(files[f"{DATA_DIR}/t2s.js"], "__searchT2S")[0]
    assert "倫伦" in pairs and len(pairs) == 2 * len(t2s_map())


def test_aliases_come_from_the_manifest_names():
    names = aliases(small_collection())
    assert {"某市条例(草案)", "某市条例", "条例(草案)", "some regs (draft)", "some regulations (draft)",
            "some municipality", "some", "某市"} <= set(names)
    assert names == sorted(names, key=lambda n: (-len(n), n))


# --------------------------------------------------------------------------- the project's index

@pytest.fixture(scope="module")
def indexed(project):
    return {c.id: c for c in collections(project)}


def test_articles_are_indexed_per_paragraph_and_item_with_their_anchors(indexed):
    art65 = indexed[SHENZHEN].articles[64]
    assert art65.url == "shenzhen-ai-2022/article-65/" and art65.kind == "a"
    docs = {d.anchor: d for d in art65.docs}
    assert docs["art_65__para_1"].p == 100 and docs["art_65__para_1"].zh.startswith("市人民政府应当按照国家人工智能治理")
    assert "Ethics Committee" in docs["art_65__para_1"].en
    item4 = docs["art_65__para_1__item_4"]
    assert item4.p == 104 and item4.zh.startswith("(四)") and "白皮书" in item4.zh and item4.en.startswith("(4) ")
    assert docs["art_65__para_2"].zh == "市人工智能伦理委员会的日常工作由市产业主管部门承担。"
    assert docs["notes"].p == NOTES_P and "day-to-day work" in docs["notes"].en


def test_article_titles_overview_commentary_and_missing_articles(indexed):
    shanghai = indexed[SHANGHAI]
    heading = shanghai.articles[12].docs[0]
    assert heading.p == 0 and heading.anchor == "art_13" and "东数西算" in heading.zh and "Yangtze" in heading.en
    assert shanghai.articles[39].kind == "m" and shanghai.articles[39].docs == []   # art. 40: not in the copy
    assert len(shanghai.articles) == 70
    overview, *commentary = indexed[SHENZHEN].extras
    assert overview.kind == "o" and overview.url == "shenzhen-ai-2022/"
    assert commentary and all(g.kind == "c" and g.url.startswith("commentary/") for g in commentary)
    assert commentary[0].docs[0].anchor == "p-0" and commentary[0].docs[0].p == 1
    urls = [g.url for c in indexed.values() for g in c.groups()]
    assert not [u for u in urls if "print" in u]


def test_page_url():
    assert page_url("index.md") == "" and page_url("a/index.md") == "a/" and page_url("a/article-1.md") == "a/article-1/"


def _shards(files: dict[str, str]) -> dict[str, str]:
    manifest = load_script(files[f"{DATA_DIR}/manifest.js"], "__searchManifest")[0]
    out = {}
    for i in range(manifest["shards"]):
        out.update(load_script(files[f"{DATA_DIR}/s/{i}.js"], "__searchShard")[1])
    return out


def _postings_one_by_one(cols: list[Collection]) -> dict[str, str]:
    """Every term's postings encoded entry by entry across the whole library (the
    definition: groups numbered across collections, docs in order of p)."""
    entries: dict[str, list] = {}
    g = 0
    for c in cols:
        for group in c.groups():
            for doc in sorted(group.docs, key=lambda d: d.p):
                for key, pos, positional in [*terms(doc.zh)[0], *terms(doc.en, terms(doc.zh)[1] + 8)[0]]:
                    found = entries.setdefault(key, {}).setdefault((g, doc.p), [])
                    found.append(pos if positional else -1)
            g += 1
    return {key: encode_postings([(g, p, pos) for (g, p), pos in found.items()]) for key, found in entries.items()}


def test_postings_joined_from_each_statutes_remembered_part_are_the_whole_librarys(indexed):
    """build_index joins each collection's remembered part (search_index.collection_postings);
    the result is the postings encoded entry by entry, also after one statute's text changed
    and its part alone was made again."""
    from generator import cache
    import copy
    cols = [indexed[SHENZHEN], small_collection(), indexed[SHANGHAI]]
    assert _shards(build_index(cols)) == _postings_one_by_one(cols)
    edited = copy.deepcopy(cols)
    doc = edited[0].articles[64].docs[1]
    doc.zh = doc.zh.replace("伦理", "道德", 1)
    table = cache._MEMOS["search-postings"]
    before = set(table)
    assert _shards(build_index(edited)) == _postings_one_by_one(edited)
    made = set(table) - before
    assert len(made) == 1                      # only the edited statute's part was made again
    shards = _shards(build_index(edited))
    assert "道德" in shards and shards == _postings_one_by_one(edited)
