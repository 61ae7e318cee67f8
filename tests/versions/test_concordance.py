"""The concordance algorithm: small cases, the hand-judged pairs, and an invariant on every
version pair of the corpus."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.versions.concordance import KINDS, concordance
from generator.versions.read import dated_version_pairs, read_version
from tests.versions.gold import CORPUS, load_gold, pairs_of, precision_recall

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the lawrefbook corpus is not here")


def _check_cover(entries, n_old, n_new):
    olds = [i for e in entries for i in e.old]
    news = [j for e in entries for j in e.new]
    assert sorted(olds) == list(range(n_old))
    assert sorted(news) == list(range(n_new))
    for e in entries:
        assert e.kind in KINDS
        assert (e.kind == "repealed") == (not e.new)
        assert (e.kind == "new") == (not e.old)
        assert e.kind != "split" or (len(e.old) == 1 and len(e.new) >= 2)
        assert e.kind != "merged" or (len(e.old) >= 2 and len(e.new) == 1)


A = "公司是企业法人，有独立的法人财产，享有法人财产权。公司以其全部财产对公司的债务承担责任。"
B = "有限责任公司的股东以其认缴的出资额为限对公司承担责任；股份有限公司的股东以其认购的股份为限对公司承担责任。"
C = "公司可以设立分公司。设立分公司，应当向公司登记机关申请登记，领取营业执照。分公司不具有法人资格，其民事责任由公司承担。"
D = "国家出资公司的组织机构，适用本章规定；本章没有规定的，适用本法其他规定。"


def test_small_cases():
    # renumbered, amended, repealed, new
    entries = concordance([A, B, C], [D, A, B.replace("认缴", "认购")])
    _check_cover(entries, 3, 3)
    kinds = {(e.old, e.new): e.kind for e in entries}
    assert kinds[((0,), (1,))] == "same"
    assert kinds[((1,), (2,))] == "amended"
    assert kinds[((2,), ())] == "repealed"
    assert kinds[((), (0,))] == "new"


def test_split_and_merge():
    first, second = C.split("分公司不具有")
    entries = concordance([A, C], [A, first, "分公司不具有" + second])
    _check_cover(entries, 2, 3)
    assert [(e.old, e.new, e.kind) for e in entries][1] == ((1,), (1, 2), "split")
    entries = concordance([A, B, D], [A + B, D])
    _check_cover(entries, 3, 2)
    assert entries[0].old == (0, 1) and entries[0].new == (0,) and entries[0].kind == "merged"


def _company_law():
    old = read_version(CORPUS / "民法商法" / "公司法(2018-10-26).md")
    new = read_version(CORPUS / "民法商法" / "公司法(2023-12-29).md")
    return ({a.ref: t for a, t in zip(old.articles, old.texts())},
            {a.ref: t for a, t in zip(new.articles, new.texts())})


def test_renumbered_cross_references_do_not_make_a_split():
    # Old 118 ("本法第五十三条、第五十四条关于…的规定，适用于股份有限公司监事会…") became new 131
    # ("本法第七十八条至第八十条的规定，适用于…"); new 107 is another "本法第…条的规定，适用于股份有限
    # 公司" article.  Only the article numbers it cites made 107 look like a part of 118.
    old, new = _company_law()
    olds, news = ["117", "118", "119"], ["107", "130", "131", "132"]
    entries = concordance([old[k] for k in olds], [new[k] for k in news])
    _check_cover(entries, 3, 4)
    got = {(tuple(olds[i] for i in e.old), tuple(news[j] for j in e.new)): e.kind for e in entries}
    assert got[(("118",), ("131",))] == "amended"
    assert got[((), ("107",))] == "new"


def test_moved_and_rewritten_articles_that_are_each_others_best_match_pair():
    # 职业教育法 1996→2022: old 33 (income of school enterprises goes to vocational education)
    # is new 41, rewritten and moved; each is the other's best match in the whole law.
    folder = next(CORPUS.rglob("职业教育法(1996-05-15).md")).parent
    old, new = read_version(folder / "职业教育法(1996-05-15).md"), read_version(folder / "职业教育法(2022-04-20).md")
    entries = concordance(old.texts(), new.texts())
    pairs = {(old.articles[i].ref, new.articles[j].ref) for e in entries for i in e.old for j in e.new}
    assert ("33", "41") in pairs and ("28", "58") in pairs


def test_empty_sides():
    assert concordance([], []) == []
    assert [e.kind for e in concordance([A], [])] == ["repealed"]
    assert [e.kind for e in concordance([], [A, B])] == ["new", "new"]


def _as_numbers(entries, old, new):
    ok = [a.ref for a in old.articles]
    nk = [a.ref for a in new.articles]
    num = lambda r: int(r) if r.isdigit() else r  # noqa: E731
    return [{"old": [num(ok[i]) for i in e.old], "new": [num(nk[j]) for j in e.new], "kind": e.kind}
            for e in entries]


# Both hand-judged pairs meet the target (0.95): 公司法 2018→2023 (15 splits, 6 merges, whole
# sections abolished) at 0.965 precision / 0.975 recall, 立法法 2015→2023 at 0.992 / 0.992.
# What is left in 公司法 is mostly merges or rewrites sharing less than a third of their text
# (old 136, 209 merged; 131→144, 179→37, 94→44 rewritten), a split part sharing little
# (148→182) and a gold many-to-many call (new 103 to old 89 rather than 90).
FLOORS = {"company-law-2018-2023.yaml": 0.95, "legislation-law-2015-2023.yaml": 0.95}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_pairing(name):
    gold = load_gold(name)
    old, new = read_version(CORPUS / gold["old"]["file"]), read_version(CORPUS / gold["new"]["file"])
    assert len(old.articles) == gold["old"]["articles"] and len(new.articles) == gold["new"]["articles"]
    entries = concordance(old.texts(), new.texts())
    _check_cover(entries, len(old.articles), len(new.articles))
    predicted = _as_numbers(entries, old, new)
    precision, recall = precision_recall(predicted, gold["map"])
    got, want = pairs_of(predicted), pairs_of(gold["map"])
    print(f"\n{name}: pairing precision {precision:.3f}, recall {recall:.3f} "
          f"({len(got & want)} of {len(got)} predicted pairs right, {len(want)} gold pairs)")
    print("  kinds predicted:", dict(Counter(e["kind"] for e in predicted)))
    print("  kinds gold:     ", dict(Counter(e["kind"] for e in gold["map"])))
    print("  missed gold pairs:", sorted(want - got, key=str))
    print("  wrong pairs:      ", sorted(got - want, key=str))
    assert precision >= FLOORS[name] and recall >= FLOORS[name]


def version_pairs():
    """(older file, newer file) for every law in the corpus with two or more dated versions."""
    return dated_version_pairs(CORPUS)


def test_identical_articles_always_pair_as_same():
    pairs = list(version_pairs())
    # The corpus holds 37 laws in two or more dated versions (74 files; 37 consecutive pairs).
    assert len(pairs) >= 35
    failures = []
    for old_path, new_path in pairs:
        old, new = read_version(old_path), read_version(new_path)
        ot, nt = old.texts(), new.texts()
        entries = concordance(ot, nt)
        _check_cover(entries, len(ot), len(nt))
        oc, nc = Counter(ot), Counter(nt)
        found = {(e.old[0], e.new[0]) for e in entries if e.kind == "same"}
        for i, text in enumerate(ot):
            if oc[text] == 1 and nc[text] == 1 and (i, nt.index(text)) not in found:
                failures.append(f"{old_path.name} art {old.articles[i].ref} -> {new_path.name}")
    assert not failures, failures[:20]


def test_an_article_left_alone_takes_the_split_part_that_carries_its_own_text():
    # Old 125 (shares; stock is their form) gave its second paragraph verbatim to new 147, whose
    # last sentence ("公司发行的股票，应当为记名股票") is what is left of old 129.  A 新旧对照表 links
    # 129 to 147 rather than calling 129 repealed and 147 a part of 125's split.
    old, new = _company_law()
    olds, news = list(old), list(new)
    entries = concordance(list(old.values()), list(new.values()))
    got = {(tuple(olds[i] for i in e.old), tuple(news[j] for j in e.new)) for e in entries}
    assert (("129",), ("147",)) in got and (("125",), ("142",)) in got


def test_an_article_whose_text_went_into_its_neighbours_successor_is_merged():
    # 保守国家秘密法 2010→2024: old 36 (training, knowledge, the pledge, the rules) went into
    # new 43 ("经过保密教育培训，具备…保密知识技能，签订保密承诺书，严格遵守国家保密规定"), the
    # successor of its neighbour old 35; only a third of 36's bigrams are in 43.
    old_path, new_path = next((o, n) for o, n in version_pairs() if o.name == "保守国家秘密法(2010-04-29).md")
    old, new = read_version(old_path), read_version(new_path)
    entries = concordance(old.texts(), new.texts())
    got = {(tuple(old.articles[i].ref for i in e.old), tuple(new.articles[j].ref for j in e.new), e.kind)
           for e in entries}
    assert (("35", "36"), ("43",), "merged") in got


def test_a_free_article_next_to_a_successor_carrying_the_rest_of_the_old_text_is_a_part():
    # 监察法 2018→2024: old 43 (who decides detention; its length; police help) became new 47,
    # 48 and 49; new 48 keeps old 43's middle paragraphs (留置时间不得超过三个月…) and adds
    # much, so it shares too little of its bigrams with 43 to count as a part by that alone.
    old_path, new_path = next((o, n) for o, n in version_pairs() if o.name == "监察法(2018-03-20).md")
    old, new = read_version(old_path), read_version(new_path)
    entries = concordance(old.texts(), new.texts())
    got = {(tuple(old.articles[i].ref for i in e.old), tuple(sorted(new.articles[j].ref for j in e.new)), e.kind)
           for e in entries}
    assert (("43",), ("47", "48", "49"), "split") in got
