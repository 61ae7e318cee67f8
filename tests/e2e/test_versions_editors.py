"""Versions, editors' side: corrections of the concordance in annotations/<id>/concordance.yaml,
and the English of both versions on the 新旧对照 page — on 公司法 2018 / 2023 from the corpus."""

from __future__ import annotations

import re
import shutil

import pytest

from generator.cli import main
from generator.diagnostics import InputError
from generator.pipeline import load_project, load_sources
from generator.render.versions_compare import comparison_page
from generator.textnorm import source_hash
from tests.e2e.test_versions import OLD, versioned  # noqa: F401 (a fixture)

pytestmark = pytest.mark.skipif(not OLD.is_file(), reason="the corpus is not beside the clone")
PAGE = "company-law/changes-2018-10-26-to-2023-12-29.md"


@pytest.fixture
def project_copy(versioned, tmp_path):  # noqa: F811
    root = tmp_path / "p"
    shutil.copytree(versioned, root, symlinks=True, ignore=shutil.ignore_patterns("site", "build"))
    (root / "annotations" / "company-law").mkdir(parents=True)
    return root


def compare_page_of(root) -> tuple[str, object]:
    project = load_project(root)
    versions = project.versions["company-law"]
    return comparison_page(project.statutes["company-law"], versions, versions.pairs[0], project.english), versions


def refs(versions, entry):
    pair = versions.pairs[0]
    return ([pair.old.articles[i].ref for i in entry.old], [pair.new.articles[j].ref for j in entry.new])


def row_of(page: str, old_label: str) -> str:
    rows = re.findall(r"<tr id=\"row-\d+\".*?</tr>", page)
    return next(r for r in rows if f">{old_label}</a>" in r.split("</td>")[0])


def test_an_editors_pairing_wins_and_the_page_says_so(project_copy):
    # Computed: old 148 (the list of what directors must not do) -> new 181, 183, 184 and 186;
    # new 182 (self-dealing, much rewritten) added.  The editors say new 182 is one of the parts
    # too, and that old 203 went into 255.
    page, versions = compare_page_of(project_copy)
    computed = {tuple(refs(versions, e)[0]): refs(versions, e)[1] for e in versions.pairs[0].entries}
    assert computed[("148",)] == ["181", "183", "184", "186"] and computed[("203",)] != ["255"]
    (project_copy / "annotations" / "company-law" / "concordance.yaml").write_text(
        "# yaml-language-server: $schema=../../generator/schemas/concordance.schema.json\n"
        "statute: company-law\n"
        "pairings:\n"
        "  - {from: 2018-10-26, to: 2023-12-29, old: [148], new: [181, 182, 183, 184, 186]}\n"
        "  - {from: 2018-10-26, to: 2023-12-29, old: [203], new: [255], note: the fine went with it}\n",
        encoding="utf-8")
    page, versions = compare_page_of(project_copy)
    entries = versions.pairs[0].entries
    got = {tuple(refs(versions, e)[0]): (refs(versions, e)[1], e.kind, e.by_editor) for e in entries}
    assert got[("148",)] == (["181", "182", "183", "184", "186"], "split", True)
    assert got[("203",)] == (["255"], "amended", True)
    # still every article in exactly one entry
    assert sorted(i for e in entries for i in e.old) == list(range(218))
    assert sorted(j for e in entries for j in e.new) == list(range(266))
    assert not any(e.by_editor for e in entries if refs(versions, e)[0] not in (["148"], ["203"]))
    row = row_of(page, "第一百四十八条")
    assert "第一百八十一条" in row and "第一百八十二条" in row and "pairing set by editors" in row and "编者校定" in row
    assert "pairing set by editors" not in row_of(page, "第一条")
    # the sources' own concordance is untouched (the correction is the editors', applied on top)
    assert refs(load_sources(project_copy).versions["company-law"],
                next(e for e in load_sources(project_copy).versions["company-law"].pairs[0].entries
                     if refs(load_sources(project_copy).versions["company-law"], e)[0] == ["148"]))[1] \
        == ["181", "183", "184", "186"]


@pytest.mark.parametrize("line, message", [
    ("  - {from: 2018-10-26, to: 2023-12-29, old: [999], new: [15]}", "the 2018-10-26 version has no article 999"),
    ("  - {from: 2018-10-26, to: 2023-12-29, old: [16], new: [300]}", "the 2023-12-29 version has no article 300"),
    ("  - {from: 2017-01-01, to: 2023-12-29, old: [16], new: [15]}", "no consecutive versions 2017-01-01"),
    ("  - {from: 2018-10-26, to: 2023-12-29, old: [1, 2], new: [1, 2]}", "not several of each"),
    ("  - {from: 2018-10-26, to: 2023-12-29, old: [16], neu: [15]}", "neu"),
])
def test_a_bad_pairing_is_reported_at_its_line_and_nothing_is_built(project_copy, capsys, line, message):
    path = project_copy / "annotations" / "company-law" / "concordance.yaml"
    path.write_text("statute: company-law\npairings:\n"
                    "  - {from: 2018-10-26, to: 2023-12-29, old: [5], new: [19]}\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_project(project_copy)
    errors = [d for d in caught.value.diagnostics if d.is_error]
    assert any(d.path == "annotations/company-law/concordance.yaml" and d.line == 4 and message in d.message
               for d in errors), [str(d) for d in errors]
    assert main(["--root", str(project_copy), "build"]) != 0
    out = capsys.readouterr()
    assert "annotations/company-law/concordance.yaml:4" in out.err
    assert not (project_copy / "site").exists()


def test_a_concordance_file_for_a_statute_with_one_version_is_refused(project_copy):
    folder = project_copy / "annotations" / "shenzhen-ai-2022"
    folder.mkdir(exist_ok=True)
    (folder / "concordance.yaml").write_text(
        "statute: shenzhen-ai-2022\npairings: []\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_project(project_copy)
    assert any("has only one version" in d.message for d in caught.value.diagnostics)


def test_the_comparison_is_bilingual_where_english_exists(project_copy):
    """Old 10 is new 8, word for word: English filed for article 10's Chinese shows in both
    cells, with its provenance.  English filed for the current article 16 is not shown for
    old article 16 (same segment ids, other Chinese: old 16 is new 15)."""
    sources = load_sources(project_copy)
    versions = sources.versions["company-law"]
    old10 = versions.versions[0].article((10, 0)).paragraphs[0]
    new16 = versions.current.article((16, 0)).paragraphs[0]
    folder = project_copy / "annotations" / "company-law"
    for number, para, en in ((10, old10, "A company may <i>establish</i> branches."),
                             (16, new16, "Company staff are protected.")):
        (folder / f"article-{number}.yaml").write_text(
            f"statute: company-law\narticle: {number}\ntranslations:\n"
            f"  {para.eid}:\n    en: \"{en}\"\n"
            f"    source_hash: {source_hash(para.text)}\n    translator: an editor\n    date: '2020-01-02'\n",
            encoding="utf-8")
    page, _ = compare_page_of(project_copy)
    assert 'data-view-choice="en"' in page and "Unofficial translation." in page
    row = row_of(page, "第十条")
    cells = row.split("</td>")
    for cell in cells[:2]:
        assert '<div class="seg en translated" lang="en" data-provenance="translated">' in cell
        assert "A company may &lt;i&gt;establish&lt;/i&gt; branches." in cell
        assert "Translation by an editor, 2020-01-02; not independently reviewed" in cell
        assert '<div class="seg zh" lang="zh-Hans">' in cell
    rows = re.findall(r"<tr id=\"row-\d+\".*?</tr>", page)
    new16 = next(r for r in rows if "第十六条</a>" in r.split("</td>")[1]).split("</td>")[1]
    old16 = row_of(page, "第十六条").split("</td>")[0]
    assert "Company staff are protected." in new16
    assert "Company staff" not in old16 and "English translation not yet available." in old16
    assert page.count("Company staff are protected.") == 1


def test_without_english_the_comparison_stays_chinese(project_copy):
    page, _ = compare_page_of(project_copy)
    assert "data-view-choice" not in page and 'class="seg en' not in page
