"""Versions end to end: ``add --version-of``, the manifest's ``versions:``, the pages of an
earlier version, the 新旧对照 page and "Changed in …" — on 公司法 2018 / 2023 from the corpus."""

from __future__ import annotations

import html

import re

import pytest
import yaml

from generator.cli import main
from generator.diagnostics import InputError
from generator.pipeline import load_project, load_sources
from generator.render.site import render_site
from tests.conftest import make_project_copy
from tests.versions.gold import CORPUS

OLD = CORPUS / "民法商法" / "公司法(2018-10-26).md"
NEW = CORPUS / "民法商法" / "公司法(2023-12-29).md"
pytestmark = pytest.mark.skipif(not OLD.is_file(), reason="the corpus is not beside the clone")


def run(root, *args, capsys):
    code = main(["--root", str(root), *map(str, args)])
    return code, capsys.readouterr()


def statute_entry(root, sid="company-law"):
    return yaml.safe_load((root / "source" / "manifest.yaml").read_text(encoding="utf-8"))["statutes"][sid]


@pytest.fixture(scope="module")
def versioned(tmp_path_factory):
    """A project with 公司法 2023 as the current text and 2018 as an earlier version."""
    root = make_project_copy(tmp_path_factory.mktemp("versions") / "p")
    assert main(["--root", str(root), "add", str(NEW), "--id", "company-law", "--rank", "law",
                 "--title-en", "Company Law of the People's Republic of China"]) == 0
    assert main(["--root", str(root), "add", str(OLD), "--version-of", "company-law", "--date", "2018-10-26"]) == 0
    return root


@pytest.fixture(scope="module")
def rendered(versioned):
    return render_site(load_project(versioned)).files


def test_add_version_of_writes_the_manifest(versioned):
    entry = statute_entry(versioned)
    assert entry["versions"] == [{"date": "2018-10-26", "event": "amended",
                                  "part": "company-law-2018-10-26.md#statute"}]
    sources = load_sources(versioned)
    versions = sources.versions["company-law"]
    assert [(v.date, v.event, v.current, len(v.articles)) for v in versions.versions] == [
        ("2018-10-26", "amended", False, 218), ("2023-12-29", "revised", True, 266)]
    # the earlier text is not a copy of the current one: no variants are reported against it
    assert not sources.statutes["company-law"].variants


def test_later_version_becomes_the_current_text(tmp_path, capsys):
    root = make_project_copy(tmp_path / "p")
    assert run(root, "add", OLD, "--id", "company-law", "--rank", "law", capsys=capsys)[0] == 0
    code, out = run(root, "add", NEW, "--version-of", "company-law", "--date", "2023-12-29", "--event", "revised",
                    capsys=capsys)
    assert code == 0, out.err
    assert "as the current text of company-law" in out.err
    assert "2018-10-26 → 2023-12-29:" in out.err
    entry = statute_entry(root)
    assert [(v["date"], v["event"]) for v in entry["versions"]] == [("2018-10-26", "amended"),
                                                                   ("2023-12-29", "revised")]
    statute = load_sources(root).statutes["company-law"]
    assert len(statute.present_articles()) == 266 and statute.source.ref == entry["versions"][1]["part"]


def test_refusals_change_nothing(versioned, tmp_path, capsys):
    manifest = (versioned / "source" / "manifest.yaml").read_bytes()
    files = sorted(p.name for p in (versioned / "source").iterdir())
    for args, message in (
            (("--version-of", "company-law", "--date", "2018-13-40"), "a real date"),
            (("--version-of", "no-such-law", "--date", "2018-10-26"), "no statute 'no-such-law'"),
            (("--version-of", "company-law", "--date", "2018-10-26"), "already has a version dated 2018-10-26")):
        code, out = run(versioned, "add", OLD, *args, capsys=capsys)
        assert code == 2 and message in out.err
    assert (versioned / "source" / "manifest.yaml").read_bytes() == manifest
    assert sorted(p.name for p in (versioned / "source").iterdir()) == files


def test_a_version_naming_another_statutes_part_is_refused(versioned, tmp_path):
    root = make_project_copy(tmp_path / "p")
    text = (versioned / "source" / "manifest.yaml").read_text(encoding="utf-8")
    for name in ("company-law.md", "company-law-2018-10-26.md"):
        (root / "source" / name).write_bytes((versioned / "source" / name).read_bytes())
    text = text.replace("part: company-law-2018-10-26.md#statute", "part: 000_3465b8d92afdb780.txt#statute")
    (root / "source" / "manifest.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_sources(root)
    message = next(d for d in err.value.diagnostics if "version 2018-10-26" in d.message)
    assert "not a statute part of 'company-law'" in message.message and message.line


def test_point_in_time_article(rendered):
    page = rendered["company-law/2018-10-26/article-16.md"]
    assert 'class="version-banner" role="note"' in page and "Not the current text." in page
    # old 16 (guarantees) is new 15: the banner links the current article and the comparison row
    assert 'href="md:company-law/article-15.md"' in page
    assert re.search(r'href="md:company-law/changes-2018-10-26-to-2023-12-29\.md#row-\d+"', page)
    assert "公司向其他企业投资或者为他人提供担保" in page
    assert "(article-218.md)" in rendered["company-law/2018-10-26/index.md"]
    assert "company-law/2018-10-26/article-219.md" not in rendered


def test_comparison_page(rendered):
    page = rendered["company-law/changes-2018-10-26-to-2023-12-29.md"]
    rows = re.findall(r'<tr id="row-(\d+)" class="change-(\w+)">', page)
    assert [int(n) for n, _ in rows] == list(range(1, len(rows) + 1))
    kinds = [k for _, k in rows]
    amended = sum(k in ("amended", "split", "merged") for k in kinds)
    assert f"<strong>{amended}</strong> amended" in page
    assert f"<strong>{kinds.count('new')}</strong> added" in page
    assert f"<strong>{kinds.count('repealed')}</strong> deleted" in page
    # article 1 (purpose clause): 2023 added 职工 and 根据宪法 — marked inside the text
    first = page[page.index('<tr id="row-1"'):page.index('<tr id="row-2"')]
    assert "<ins>、职工</ins>" in first and "<ins>根据宪法，</ins>" in first and "<del>" not in first


def test_changed_in_on_article_pages_and_overview(rendered):
    page = rendered["company-law/article-15.md"]
    assert "Changed in the revision of 29 December 2023" in page
    assert 'href="md:company-law/2018-10-26/article-16.md"' in page
    renumbered = rendered["company-law/article-8.md"]   # old 10, unchanged text
    assert "Unchanged in the revision of 29 December 2023, renumbered" in renumbered
    overview = rendered["company-law/index.md"]
    assert "## Versions · 版本" in overview and "(2018-10-26/index.md)" in overview
    assert "changes-2018-10-26-to-2023-12-29.md" in overview
    assert "Changed in" not in rendered["shenzhen-ai-2022/article-1.md"]


def test_built_site_is_strict_clean_and_links_resolve(versioned):
    from generator.site.build import build_site
    build_site(versioned, strict=True)
    site = versioned / "site" / "company-law"
    old = (site / "2018-10-26" / "article-16" / "index.html").read_text(encoding="utf-8")
    compare = (site / "changes-2018-10-26-to-2023-12-29" / "index.html").read_text(encoding="utf-8")
    current = (site / "article-15" / "index.html").read_text(encoding="utf-8")
    for html_text in (old, compare, current):
        assert 'href="md:' not in html_text
    assert 'href="../../article-15/"' in old
    assert 'href="../2018-10-26/article-16/"' in current
    assert re.search(r'href="\.\./changes-2018-10-26-to-2023-12-29/#row-\d+"', current)


def test_a_note_on_an_earlier_article_follows_its_text(versioned, tmp_path):
    """A note written on 2018 article 16 (guarantees; 2023 article 15, amended) shows on
    2023 article 15, marked as written on the earlier text, and not on 2023 article 16; a
    note on 2018 article 10 (2023 article 8, identical) shows on article 8 without the mark
    of a change."""
    import shutil
    from generator.annotations.load import article_source_hash
    root = tmp_path / "p"
    shutil.copytree(versioned, root, symlinks=True, ignore=shutil.ignore_patterns("site", "build"))
    old = load_sources(root).versions["company-law"].versions[0]
    folder = root / "annotations" / "company-law"
    folder.mkdir(parents=True)
    for number, body in ((16, "担保 <b>needs</b> a resolution."), (10, "Managers' duties.")):
        (folder / f"article-{number}.yaml").write_text(
            "statute: company-law\n"
            f"article: {number}\n"
            "notes:\n"
            "  - author: an editor\n"
            "    date: 2020-01-02\n"
            f"    source_hash: {article_source_hash(old.article((number, 0)))}\n"
            f"    body: \"{body}\"\n", encoding="utf-8")
    files = render_site(load_project(root)).files
    carried = files["company-law/article-15.md"]
    assert "Notes from earlier versions" in carried and "担保 <b>needs</b> a resolution." in carried
    assert 'href="md:company-law/2018-10-26/article-16.md"' in carried
    assert "the text has changed since" in carried
    assert "担保" not in files["company-law/article-16.md"].split("Editors' notes")[-1]
    assert "Editors' notes" not in files["company-law/article-16.md"]
    same = files["company-law/article-8.md"]
    assert "Managers' duties." in same and "the text is unchanged" in same
    assert "Managers' duties." not in files["company-law/article-10.md"]


def test_reviewed_english_follows_identical_chinese(versioned, tmp_path):
    """2018 article 10 is 2023 article 8, word for word: the English reviewed for it (filed
    under article 10) shows on article 8 as reviewed, saying it was carried over."""
    import shutil
    from generator.textnorm import source_hash
    root = tmp_path / "p"
    shutil.copytree(versioned, root, symlinks=True, ignore=shutil.ignore_patterns("site", "build"))
    old = load_sources(root).versions["company-law"].versions[0].article((10, 0))
    para = old.paragraphs[0]
    folder = root / "annotations" / "company-law"
    folder.mkdir(parents=True)
    (folder / "article-10.yaml").write_text(
        "statute: company-law\narticle: 10\ntranslations:\n"
        f"  {para.eid}:\n    en: \"A company may <i>establish</i> branches.\"\n"
        f"    source_hash: {source_hash(para.text)}\n    translator: an editor\n    date: '2020-01-02'\n",
        encoding="utf-8")
    files = render_site(load_project(root)).files
    page = files["company-law/article-8.md"]
    assert "A company may &lt;i&gt;establish&lt;/i&gt; branches." in page
    assert f"identical Chinese of {para.eid} (carried over)" in html.unescape(page)   # escaped as text
