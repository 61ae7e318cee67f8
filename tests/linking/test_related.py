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
