"""``statute-site add``: a statute in any format goes into source/ and the manifest in one
step, and a file that would not build changes nothing."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys

import pytest
import yaml

from generator.cli import main
from tests.conftest import make_project_copy, seed_text
from tests.parse.test_corpus import CORPUS

COMPANY_LAW = CORPUS / "民法商法" / "公司法(2023-12-29).md"


def run(root, *args, capsys=None):
    code = main(["--root", str(root), *map(str, args)])
    return code, capsys.readouterr() if capsys else None


def snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "source").iterdir()}


@pytest.mark.skipif(not COMPANY_LAW.is_file(), reason="the corpus is not beside the clone")
def test_add_markdown_from_the_corpus_then_build(tmp_path, capsys):
    root = make_project_copy(tmp_path / "p")
    manifest_before = (root / "source" / "manifest.yaml").read_text(encoding="utf-8")
    code, out = run(root, "add", COMPANY_LAW, "--id", "company-law-2023", "--title-en",
                    "Company Law of the People's Republic of China", "--rank", "law", capsys=capsys)
    assert code == 0, out.err
    assert "中华人民共和国公司法 (company-law-2023), read as markdown" in out.err
    assert "15 chapters, 9 sections, 266 articles" in out.err
    assert "1993-12-29 adopted" in out.err and "2023-12-29 revised" in out.err
    added = root / "source" / "company-law-2023.md"
    assert added.read_bytes() == COMPANY_LAW.read_bytes()
    manifest_text = (root / "source" / "manifest.yaml").read_text(encoding="utf-8")
    # The editor's comments and layout are kept; the new entries are added.
    assert manifest_text.startswith(manifest_before.split("\nstatutes:")[0])
    assert "# 003 (the authoritative copy) runs each article's paragraphs together" in manifest_text
    data = yaml.safe_load(manifest_text)
    assert data["statutes"]["company-law-2023"] == {
        "title": "中华人民共和国公司法", "title_en": "Company Law of the People's Republic of China",
        "status": "in_force", "rank": "law",
        # read from the history line (全国人民代表大会常务委员会), with that evidence beside it
        "jurisdiction": "中华人民共和国", "jurisdiction_en": "People's Republic of China"}
    assert "jurisdiction: 中华人民共和国  # read from the history line (第八届全国人民代表大会常务委员会" in manifest_text
    source = data["sources"][-1]
    assert source["sha256"] == hashlib.sha256(COMPANY_LAW.read_bytes()).hexdigest()
    assert (source["file"], source["format"], source["original_name"]) == (
        "company-law-2023.md", "markdown", "公司法(2023-12-29).md")
    # The project builds with it, and its pages are there.
    code, out = run(root, "build", capsys=capsys)
    assert code == 0, out.err
    page = (root / "site" / "company-law-2023" / "article-266" / "index.html").read_text(encoding="utf-8")
    assert "本法自2024年7月1日起施行" in page
    export = (root / "build" / "docs" / "data" / "company-law-2023.json").read_text(encoding="utf-8")
    assert '"rank": {' in export and '"code": "law"' in export and '"kind": "revised"' in export


def test_add_a_docx_built_from_the_seed(tmp_path, capsys):
    docx = pytest.importorskip("docx")
    lines = [ln.strip() for ln in seed_text("000_").splitlines() if ln.strip()]
    document = docx.Document()
    document.add_paragraph("深圳经济特区人工智能产业促进条例", style="Title")
    for ln in lines[1:]:
        document.add_paragraph(ln, style="Heading 1" if re.match(r"^第.{1,3}章", ln) else None)
    buf = io.BytesIO()
    document.save(buf)
    path = tmp_path / "shenzhen.docx"
    path.write_bytes(buf.getvalue())
    root = make_project_copy(tmp_path / "p")
    code, out = run(root, "add", path, "--id", "shenzhen-ai-2022-docx", capsys=capsys)
    assert code == 0, out.err
    assert "read as docx" in out.err and "7 chapters, 0 sections, 73 articles" in out.err
    assert (root / "source" / "shenzhen-ai-2022-docx.docx").read_bytes() == buf.getvalue()


def test_add_html_names_what_it_stripped(tmp_path, capsys):
    lines = [ln.strip() for ln in seed_text("000_").splitlines() if ln.strip()]
    body = "".join(f"<h2>{ln}</h2>" if re.match(r"^第.{1,3}章", ln) else f"<p>{ln}</p>" for ln in lines[1:])
    page = (f"<html><head><title>x</title></head><body><h1>{lines[0]}</h1>"
            f"<script>alert(1)</script>{body}</body></html>")
    path = tmp_path / "law.html"
    path.write_text(page, encoding="utf-8")
    root = make_project_copy(tmp_path / "p")
    code, out = run(root, "add", path, "--id", "shenzhen-html", capsys=capsys)
    assert code == 0, out.err
    assert "read as html" in out.err and "73 articles" in out.err
    site_source = (root / "source" / "shenzhen-html.html").read_bytes()
    assert site_source == page.encode("utf-8")


def test_a_file_that_would_not_build_changes_nothing(tmp_path, capsys):
    root = make_project_copy(tmp_path / "p")
    before = snapshot(root)
    bad = tmp_path / "bad.txt"
    bad.write_text("某某条例\n第一条 甲。\n第三条 丙。\n第三条 丁。\n", encoding="utf-8")
    code, out = run(root, "add", bad, "--id", "bad-law", capsys=capsys)
    assert code == 1
    assert re.search(r"bad\.txt:4: error: article 3 appears twice \(first at line 3\)", out.err)
    assert "it would not build, so it was not added" in out.err and "nothing of them was written" in out.err
    assert snapshot(root) == before


def test_add_refuses_a_bad_id_and_an_existing_manifest_is_untouched(tmp_path, capsys):
    root = make_project_copy(tmp_path / "p")
    before = snapshot(root)
    good = tmp_path / "law.txt"
    good.write_text("某某条例\n第一条 甲。\n", encoding="utf-8")
    code, out = run(root, "add", good, "--id", "Bad Id", capsys=capsys)
    assert code == 2 and "is not a statute id" in out.err
    code, out = run(root, "add", tmp_path / "missing.txt", "--id", "x", capsys=capsys)
    assert code == 2 and "not a regular file" in out.err
    assert snapshot(root) == before


def test_parse_json_keeps_its_schema_and_adds_the_new_levels():
    if not COMPANY_LAW.is_file():
        pytest.skip("the corpus is not beside the clone")
    out = subprocess.run([sys.executable, "-m", "generator", "parse", str(CORPUS / "刑法" / "刑法.md"), "--json"],
                         capture_output=True, text=True, check=True)
    import json
    data = json.loads(out.stdout)
    assert {"title", "chapters", "articles", "diagnostics"} <= set(data)
    assert {"books", "appendices", "events", "headings", "kind"} <= set(data)
    assert data["kind"] == "statute" and [b["number"] for b in data["books"]] == [1, 2]
    art = next(a for a in data["articles"] if a.get("insert"))
    assert (art["number"], art["insert"]) == (17, 1)


@pytest.mark.skipif(not COMPANY_LAW.is_file(), reason="the corpus is not beside the clone")
def test_add_a_folder_adds_what_builds_and_names_what_does_not(tmp_path, capsys):
    folder = tmp_path / "laws"
    folder.mkdir()
    for name in ("公司法(2023-12-29).md", "公司法(2018-10-26).md"):
        (folder / name).write_bytes((COMPANY_LAW.parent / name).read_bytes())
    (folder / "坏法.txt").write_text("某某法\n第一条 甲。\n第一条 乙。\n", encoding="utf-8")
    root = make_project_copy(tmp_path / "p")
    code, out = run(root, "add", folder, capsys=capsys)
    assert code == 1
    assert "坏法.txt:3: error: article 1 appears twice" in out.err
    assert "added 2 statute(s)" in out.err
    ids = set(yaml.safe_load((root / "source" / "manifest.yaml").read_text(encoding="utf-8"))["statutes"])
    assert {"gongsifa-2023-12-29", "gongsifa-2018-10-26"} <= ids and "huaifa" not in ids
    assert not (root / "source" / "huaifa.txt").exists()


def test_a_code_with_books_and_inserted_articles_is_published(tmp_path, capsys):
    md = ("# 某某法典\n\n2001年1月1日 第九届全国人民代表大会第四次会议通过\n\n"
          "## 第一编 总则\n\n### 第一章 任务\n\n第一条 为了甲，制定本法。\n\n第二条 乙。\n\n第二条之一 丙。\n\n"
          "## 第二编 分则\n\n### 第一章 某罪\n\n第三条 丁。\n\n第四条 本法自2001年3月1日起施行。\n\n"
          "附件一\n\n某某决定\n")
    path = tmp_path / "code.md"
    path.write_text(md, encoding="utf-8")
    root = make_project_copy(tmp_path / "p")
    code, out = run(root, "add", path, "--id", "some-code", capsys=capsys)
    assert code == 0, out.err
    assert "2 books, 2 chapters, 0 sections, 5 articles" in out.err and "1 appendices" in out.err
    code, out = run(root, "build", capsys=capsys)
    assert code == 0, out.err
    site = root / "site" / "some-code"
    inserted = (site / "article-2-1" / "index.html").read_text(encoding="utf-8")
    assert "第二条之一" in inserted and "丙。" in inserted
    assert "丁。" in (site / "article-3" / "index.html").read_text(encoding="utf-8")
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert 'id="book_2__chp_1"' in overview and "附件一" in overview and "某某决定" in overview
    nav = (site / "article-3" / "index.html").read_text(encoding="utf-8")
    assert "第二编 第一章 某罪" in nav
