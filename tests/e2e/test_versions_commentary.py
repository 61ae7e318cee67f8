"""Commentary written about an earlier version links to that version's articles (``version:``
of a document in source/manifest.yaml) — on 公司法 2018 / 2023 from the corpus."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from generator.diagnostics import InputError
from generator.pipeline import load_project
from generator.render.commentary import CommentaryPages, document_page
from generator.render.versions_view import VersionsView
from tests.e2e.test_versions import OLD, versioned  # noqa: F401 (a fixture)

pytestmark = pytest.mark.skipif(not OLD.is_file(), reason="the corpus is not beside the clone")

# A 2019 comment on the guarantee rule: in 2018 it is article 16; in 2023, article 15 (article
# 16 of 2023 is about the protection of employees).
COMMENT = ("《中华人民共和国公司法》第十六条规定，公司向其他企业投资或者为他人提供担保，依照公司章程的规定，"
           "由董事会或者股东会、股东大会决议。\n\n"
           "实践中，未经决议的担保合同效力如何，法院裁判并不一致。\n")


def add_comment(root, version_line: str) -> None:
    name = "comment-2019.txt"
    (root / "source" / name).write_text(COMMENT, encoding="utf-8")
    digest = hashlib.sha256((root / "source" / name).read_bytes()).hexdigest()
    manifest = root / "source" / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    document = ("  guarantee-comment-2019:\n    kind: background\n    statute: company-law\n"
                "    title: 公司担保决议评论\n    date: '2019-05-01'\n" + version_line + "\n")
    text = text.replace("\nsources:\n", "\n" + document + "sources:\n", 1)
    text += (f"\n  - file: {name}\n    sha256: {digest}\n    format: text\n"
             "    parts:\n      - id: all\n        kind: background\n        document: guarantee-comment-2019\n"
             "        statute: company-law\n")
    manifest.write_text(text, encoding="utf-8")


@pytest.fixture
def project_copy(versioned, tmp_path):  # noqa: F811
    root = tmp_path / "p"
    shutil.copytree(versioned, root, symlinks=True, ignore=shutil.ignore_patterns("site", "build"))
    return root


def test_a_comment_on_the_2018_text_links_to_the_2018_articles(project_copy):
    add_comment(project_copy, "    version: 2018-10-26\n")
    project = load_project(project_copy)
    links = [l for l in project.links if l.document == "guarantee-comment-2019"]
    # its citation of article 16 is of the 2018 text, and its text matches no other article there
    assert {(l.paragraph, l.article, l.method, l.version) for l in links} == {(0, 16, "citation", "2018-10-26")}
    doc_page = CommentaryPages().pages(project)[document_page("guarantee-comment-2019")]
    assert "(../company-law/2018-10-26/article-16.md)" in doc_page
    assert "第十六条（2018-10-26文本）" in doc_page and "Article 16 (2018-10-26 text)" in doc_page
    statute = project.statutes["company-law"]
    old_page = VersionsView().pages(project)["company-law/2018-10-26/article-16.md"]
    assert "公司担保决议评论" in old_page and "为他人提供担保" in old_page.split("version-text")[-1]
    # the current article 16 (another provision) does not list the 2019 comment
    current16 = statute.article(16)
    assert "公司担保决议评论" not in CommentaryPages().article_sections(
        project, statute, current16, "company-law/article-16.md")


def test_without_version_a_comment_is_about_the_current_text(project_copy):
    add_comment(project_copy, "")
    project = load_project(project_copy)
    links = [l for l in project.links if l.document == "guarantee-comment-2019"]
    # read as about today's text, the same citation points at the current article 16
    assert links and all(l.version is None for l in links)
    assert (0, 16, "citation") in {(l.paragraph, l.article, l.method) for l in links}
    doc_page = CommentaryPages().pages(project)[document_page("guarantee-comment-2019")]
    assert "2018-10-26/article-16" not in doc_page
    statute = project.statutes["company-law"]
    assert "公司担保决议评论" in CommentaryPages().article_sections(
        project, statute, statute.article(16), "company-law/article-16.md")


def test_an_unknown_version_is_an_error_at_its_line(project_copy):
    add_comment(project_copy, "    version: 2017-01-01\n")
    with pytest.raises(InputError) as caught:
        load_project(project_copy)
    text = (project_copy / "source" / "manifest.yaml").read_text(encoding="utf-8").split("\n")
    line = next(n for n, t in enumerate(text, start=1) if "version: 2017-01-01" in t)
    found = [d for d in caught.value.diagnostics if "2017-01-01" in d.message]
    assert found and found[0].line == line and found[0].path.endswith("manifest.yaml")
    assert "versions of company-law: 2018-10-26" in (found[0].hint or "")


def test_the_built_site_links_the_comment_and_the_2018_article_both_ways(project_copy):
    from generator.site.build import build_site
    add_comment(project_copy, "    version: 2018-10-26\n")
    build_site(project_copy, strict=True)
    site = project_copy / "site"
    doc = next(site.rglob("guarantee-comment-2019/index.html")).read_text(encoding="utf-8")
    old = (site / "company-law" / "2018-10-26" / "article-16" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../company-law/2018-10-26/article-16/"' in doc
    assert "公司担保决议评论" in old and "guarantee-comment-2019/#" in old


def add_link_override(root, article: int, action: str, paragraph: int) -> None:
    path = root / "annotations" / "company-law" / f"article-{article}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"statute: company-law\narticle: {article}\nlinks:\n  {action}:\n"
                    f"    - document: guarantee-comment-2019\n      paragraph: {paragraph}\n", encoding="utf-8")


def test_an_editors_link_on_a_2018_comment_is_to_the_2018_article(project_copy):
    add_comment(project_copy, "    version: 2018-10-26\n")
    # paragraph 1 (court practice) cites nothing: the editor ties it to article 16 of the 2018 text
    add_link_override(project_copy, 16, "add", 1)
    project = load_project(project_copy)
    links = {(l.paragraph, l.article, l.method, l.version) for l in project.links
             if l.document == "guarantee-comment-2019"}
    assert (1, 16, "editor", "2018-10-26") in links
    assert not any(p == 1 and v is None for p, _, _, v in links)
    old_page = VersionsView().pages(project)["company-law/2018-10-26/article-16.md"]
    assert "法院裁判并不一致" in old_page


def test_an_editors_suppression_on_a_2018_comment_removes_its_2018_link(project_copy):
    add_comment(project_copy, "    version: 2018-10-26\n")
    add_link_override(project_copy, 16, "suppress", 0)
    project = load_project(project_copy)
    assert not [l for l in project.links if l.document == "guarantee-comment-2019"]


def test_an_editors_link_to_an_article_the_2018_text_lacks_is_an_error(project_copy):
    add_comment(project_copy, "    version: 2018-10-26\n")
    add_link_override(project_copy, 250, "add", 1)      # 2023 has 266 articles, 2018 only 218
    with pytest.raises(InputError) as caught:
        load_project(project_copy)
    found = [d for d in caught.value.diagnostics if d.code == "link-override"]
    assert found and "2018-10-26" in found[0].message and "no article 250" in found[0].message
    assert found[0].path.endswith("article-250.yaml") and found[0].line == 5
