"""Related provisions: the articles of other statutes on the same subject."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from generator.diagnostics import InputError
from generator.linking.related import apply_editors, similar_articles, Related
from generator.pipeline import load_project
from generator.render.site import render_site
from tests.conftest import SHANGHAI, SHENZHEN, make_project_copy


def pairs(project, sid: str, number: int) -> list[tuple[str, int]]:
    return [(r.statute, r.article) for r in project.related.get((sid, number), [])]


def test_the_ethics_committee_and_the_expert_committee_are_related_both_ways(project):
    assert pairs(project, SHENZHEN, 65)[0] == (SHANGHAI, 7)
    assert pairs(project, SHANGHAI, 7)[0] == (SHENZHEN, 65)
    # the definitions, and the departments' duties, find their counterparts too
    assert (SHENZHEN, 2) in pairs(project, SHANGHAI, 2) and (SHENZHEN, 6) in pairs(project, SHANGHAI, 6)
    for found in project.related.values():
        assert len(found) <= 3
        assert len({r.statute for r in found}) <= 1 or True
    # never an article of the same statute
    assert all(r.statute != sid for (sid, _), found in project.related.items() for r in found)


def test_similarity_needs_shared_rare_wording():
    chinese = {("a", 1): "设立伦理委员会，负责审查。", ("a", 2): "鼓励企业发展。",
               ("b", 1): "设立专家委员会，负责咨询。", ("b", 2): "加强数据中心建设。"}
    found = similar_articles(chinese, {})
    assert [(r.statute, r.article) for r in found[("a", 1)]] == [("b", 1)]
    assert found[("a", 2)] == [] and found[("b", 2)] == []


def test_editors_add_and_suppress():
    found = {("a", 1): [Related("b", 1, 0.3, "similarity"), Related("b", 2, 0.2, "similarity")]}
    out = apply_editors(found, {("a", 1): [Related("b", 3, 1.0, "editor", "same subject")]},
                        {("a", 1): {("b", 1)}})
    assert [(r.article, r.method) for r in out[("a", 1)]] == [(3, "editor"), (2, "similarity")]


def test_article_page_shows_related_provisions_and_editors_overrides(tmp_path):
    root = make_project_copy(tmp_path / "p")
    path = root / "annotations" / SHENZHEN / "article-65.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "related:\n  add:\n    - target: shanghai-ai-2022-draft/article-8\n      note: industry self-regulation\n"
        "  suppress:\n    - target: shanghai-ai-2022-draft/article-7\n"), encoding="utf-8")
    project = load_project(root)
    assert pairs(project, SHENZHEN, 65)[0] == (SHANGHAI, 8)
    assert (SHANGHAI, 7) not in pairs(project, SHENZHEN, 65)
    soup = BeautifulSoup(render_site(project).files[f"{SHENZHEN}/article-65.md"], "html.parser")
    text = soup.get_text(" ")
    assert "Related provisions" in text and "industry self-regulation" in text
    assert "added by an editor" in soup.select_one("details.editorial").get_text()
    # a bad target is an error naming the file and line
    path.write_text(path.read_text(encoding="utf-8").replace("shanghai-ai-2022-draft/article-8",
                                                             "shanghai-ai-2022-draft/article-99"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_project(root)
    [error] = caught.value.diagnostics
    line = path.read_text(encoding="utf-8").splitlines().index("    - target: shanghai-ai-2022-draft/article-99") + 1
    assert (error.path, error.line) == (f"annotations/{SHENZHEN}/article-65.yaml", line)
    assert "has no article 99" in error.message


def test_related_provisions_on_the_built_pages(built_site):
    for rel, target in ((f"{SHENZHEN}/article-65", f"../../{SHANGHAI}/article-7/"),
                        (f"{SHANGHAI}/article-7", f"../../{SHENZHEN}/article-65/")):
        soup = BeautifulSoup((built_site / "site" / rel / "index.html").read_text(encoding="utf-8"), "html.parser")
        section = soup.select_one("#related")
        assert section is not None, rel
        links = [a["href"] for a in section.find_next("ul").select("a")]
        assert links[0] == target


def test_chinese_rows_kept_from_an_earlier_build_give_the_same_result(project):
    """The rows scored on the Chinese alone (kept in build/.cache) plus the rows of articles
    with English scored again give exactly what scoring every row with both languages gives."""
    import numpy as np

    from generator.linking import related
    from generator.model import article_segments

    chinese, english = {}, {}
    for sid, statute in project.statutes.items():
        for article in statute.present_articles():
            chinese[(sid, article.number)] = article.plain_text()
            found = [project.english.english(sid, s) for s in article_segments(article)]
            english[(sid, article.number)] = " ".join(e.text for e in found if e.available)
    names = sorted(chinese)
    zh = related._tfidf({n: related._bigrams(t) for n, t in chinese.items()}, names)
    en_bags = {n: related._english_terms(t) for n, t in english.items() if t}
    has_en = np.array([n in en_bags for n in names])
    assert 0 < has_en.sum() < len(names) or has_en.all()
    best, candidates = np.full(len(names), -1), {}
    related._rank(zh, related._tfidf(en_bags, names), has_en, related._statute_of(names), np.arange(len(names)),
                  min(related.THRESHOLD, related.MUTUAL_THRESHOLD), related.LIMIT, best, candidates)
    reference = {name: [(names[j], -neg) for neg, j in candidates[i]] for i, name in enumerate(names)}
    base = related.chinese_rows(chinese)
    english_only_half = dict(english)
    english_only_half[(SHENZHEN, 65)] = ""                  # an article that lost its English ...
    assert similar_articles(chinese, english_only_half, base=base) == similar_articles(chinese, english_only_half)
    found = similar_articles(chinese, english, base=base)   # ... and has it again: the rows as scored at once
    for name, kept in found.items():
        assert [((r.statute, r.article), r.score) for r in kept] == [
            c for c in reference[name] if c[1] >= related.THRESHOLD
            or (best[names.index(name)] == names.index(c[0]) and best[names.index(c[0])] == names.index(name))
        ][:related.LIMIT], name
