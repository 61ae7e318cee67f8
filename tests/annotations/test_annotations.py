"""Editors' interface: annotation files, validation messages, rendering, staleness, preview."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator.site.build import build_site
from tests.conftest import REPO, SHANGHAI, SHENZHEN, make_project_copy


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True)


def test_schema_is_valid_and_every_annotation_file_declares_it():
    schema = json.loads((REPO / "generator" / "schemas" / "annotation.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted((REPO / "annotations").rglob("*.yaml"))
    assert len(files) >= 100
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        name = "commentary-translation" if path.parent.name == "commentary" else "annotation"
        assert first == f"# yaml-language-server: $schema=../../generator/schemas/{name}.schema.json", path
    commentary = json.loads((REPO / "generator" / "schemas" / "commentary-translation.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(commentary)


BROKEN = {
    # file -> (content, expected "line: message — hint" fragments)
    "article-3.yaml": ("statute: shenzhen-ai-2022\narticle: 3\nstatus: reviewed\nstatus: draft\n",
                       [(4, "duplicate key 'status' (first at line 3)")]),
    "article-4.yaml": ("statute: shenzhen-ai-2022\narticle: 4\nstatsu: reviewed\n",
                       [(3, "top level: unknown field 'statsu' — did you mean 'status'?")]),
    "article-5.yaml": ("statute: shenzhen-ai-2022\narticle: five\n",
                       [(2, "article: 'five' is not of type integer")]),
    "article-7.yaml": ("statute: shenzhen-ai-2022\narticle: 7\nnotes:\n  - author: Li\n    date: 2026-13-01\n"
                       "    source_hash: " + "a" * 64 + "\n    body: text\n",
                       [(5, "notes/0/date: '2026-13-01' is not a 'date' — write dates as YYYY-MM-DD")]),
    "article-8.yaml": ("statute: shenzhen-ai-2022\narticle: 8\ntranslations:\n  art_8__para_9:\n    en: x\n"
                       "    source_hash: " + "a" * 64 + "\n    translator: Li\n    date: 2026-11-24\n",
                       [(4, "unknown segment id 'art_8__para_9' — did you mean 'art_8__para_2'? "
                            "(segments of article 8: art_8__para_1, art_8__para_2)")]),
    # A review is a check by someone other than the translator: the schema needs both names
    # (and the review's date), and the same person in both roles is refused at the reviewer's line.
    "article-14.yaml": ("statute: shenzhen-ai-2022\narticle: 14\ntranslations:\n  art_14__para_1:\n    en: x\n"
                        "    source_hash: " + "a" * 64 + "\n    translator: Li Ming\n    date: 2026-11-24\n"
                        "    reviewer: ' li  ming'\n    reviewed_on: 2026-11-25\n",
                        [(9, "translations/art_14__para_1: the reviewer ' li  ming' is also the translator — "
                             "a review is a check by a named person other than the translator")]),
    "article-15.yaml": ("statute: shenzhen-ai-2022\narticle: 15\ntranslations:\n  art_15__para_1:\n    en: x\n"
                        "    source_hash: " + "a" * 64 + "\n    reviewer: Wang Fang\n    date: 2026-11-24\n",
                        [(5, "'translator' is a required property — name who or what drafted the English in "
                             "`translator:`"),
                         (5, "'reviewed_on' is a dependency of 'reviewer' — a review names both who checked")]),
    "article-99.yaml": ("statute: shenzhen-ai-2022\narticle: 99\n",
                        [(1, "shenzhen-ai-2022 has no article 99 (it has 73 articles) — check the file name")]),
    "article-9.yaml": ("statute: shenzhen-ai-2022\narticle: 9\nsee_also:\n  - target: shenzen-ai-2022/article-5\n",
                       [(4, "see_also: unknown statute 'shenzen-ai-2022' — did you mean 'shenzhen-ai-2022'?")]),
    "article-10.yaml": ("statute: shenzhen-ai-2022\narticle: 10\nnotes: [unclosed\n",
                        [(4, "YAML syntax error")]),
}


def test_every_problem_in_every_file_is_reported_at_once_and_nothing_is_written(tmp_path):
    root = make_project_copy(tmp_path / "p")
    build_site(root)
    site_before = (root / "site" / SHENZHEN / "article-3" / "index.html").read_bytes()
    folder = root / "annotations" / SHENZHEN
    for name, (content, _) in BROKEN.items():
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "article-11.yaml").write_bytes("statute: shenzhen-ai-2022\narticle: 11\n# 注释\n".encode("gb18030"))
    (folder / "article-13.yaml").write_bytes(b"\xef\xbb\xbfstatute: shenzhen-ai-2022\narticle: 13\n")
    (root / "annotations" / "shenzen-ai-2022").mkdir()
    (root / "annotations" / "shenzen-ai-2022" / "article-1.yaml").write_text("statute: x\n", encoding="utf-8")
    snapshot = {p: p.read_bytes() for p in (root / "annotations").rglob("*.yaml")}

    out = run_cli(root, "check")
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    for name, (_, expected) in BROKEN.items():
        for line, fragment in expected:
            prefix = f"annotations/{SHENZHEN}/{name}:{line}: error: "
            assert any(l.startswith(prefix) and fragment in l for l in lines), (name, fragment, out.stderr)
    assert any(l.startswith(f"annotations/{SHENZHEN}/article-11.yaml:3: error: the file is not valid UTF-8")
               and "GBK" in l for l in lines)
    assert any(l.startswith(f"annotations/{SHENZHEN}/article-13.yaml:1: error: the file starts with a byte-order mark")
               for l in lines)
    assert any(l.startswith("annotations/shenzen-ai-2022/article-1.yaml:1: error: unknown statute 'shenzen-ai-2022'")
               and "did you mean 'shenzhen-ai-2022'?" in l for l in lines)

    out = run_cli(root, "build")
    assert out.returncode == 1 and "site/ is unchanged" in out.stderr
    assert (root / "site" / SHENZHEN / "article-3" / "index.html").read_bytes() == site_before
    assert {p: p.read_bytes() for p in (root / "annotations").rglob("*.yaml")} == snapshot


def test_remembered_annotation_files_report_and_load_as_read_afresh(tmp_path):
    """annotations/load.py keeps each file as loaded (by its bytes and the sources' digest):
    a second build reports the same problems, a third (after --full forgot nothing of the
    annotations) loads the same files, and an edit is read afresh."""
    from generator.pipeline import load_project

    root = make_project_copy(tmp_path / "p")
    folder = root / "annotations" / SHENZHEN
    name, (content, expected) = next(iter(BROKEN.items()))
    (folder / name).write_text(content, encoding="utf-8")
    first, second = run_cli(root, "build"), run_cli(root, "build")
    assert first.returncode == second.returncode == 1
    errors = lambda out: sorted(l for l in out.stderr.splitlines() if ": error: " in l)   # noqa: E731
    assert errors(first) == errors(second) and any(f"{name}:{expected[0][0]}:" in l for l in errors(second))
    (folder / name).unlink()
    fresh = load_project(root)                               # nothing remembered
    load_project(root, use_cache=True)
    remembered = load_project(root, use_cache=True)          # every file from build/.cache
    assert remembered.annotations.files.keys() == fresh.annotations.files.keys()
    for key, loaded in fresh.annotations.files.items():
        assert remembered.annotations.files[key] == loaded, key
    path = folder / "article-65.yaml"
    path.write_text(re.sub(r"(?m)^tags: .*$", "tags: [remembered-test]", path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    assert load_project(root, use_cache=True).annotations.files[(SHENZHEN, 65)].tags == ["remembered-test"]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_notes_render_markdown_and_neutralise_unsafe_html(tmp_path):
    from generator.annotations.model import article_source_hash
    from generator.pipeline import load_statutes
    root = make_project_copy(tmp_path / "p")
    h = article_source_hash(load_statutes(root)[SHENZHEN].article(20))
    _append(root / "annotations" / SHENZHEN / "article-20.yaml", f"""notes:
  - author: Li Wei
    date: 2026-11-24
    source_hash: {h}
    body: |
      **Open** facilities: see [article 34](../article-34/).

      <script>alert('x')</script><img src="https://example.com/t.png" onerror="alert(1)">
      <a href="javascript:alert(2)" onclick="alert(3)">click</a> <iframe src="https://evil.example"></iframe>
""")
    build_site(root)
    html = (root / "site" / SHENZHEN / "article-20" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    note = soup.select_one(".editor-note")
    assert "Li Wei" in note.get_text() and "2026-11-24" in note.get_text()
    assert note.select_one("strong").get_text() == "Open"
    assert note.select_one('a[href="../article-34/"]')
    body = str(note)
    for bad in ("<script", "onerror", "onclick", "javascript:", "<img", "<iframe", "example.com"):
        assert bad not in body, bad


def test_tags_index_and_see_also_on_both_ends(built_site):
    tags = BeautifulSoup((built_site / "site" / "tags" / "index.html").read_text(encoding="utf-8"), "html.parser")
    ethics = tags.select_one("#tag-ethics").find_next("ul").get_text(" ")
    assert "第六十五条" in ethics and "第七十二条" in ethics
    a65 = BeautifulSoup((built_site / "site" / SHENZHEN / "article-65" / "index.html").read_text(encoding="utf-8"),
                        "html.parser")
    assert a65.select_one('article a.tag[href="../../tags/#tag-ethics"]')
    a6 = BeautifulSoup((built_site / "site" / SHENZHEN / "article-6" / "index.html").read_text(encoding="utf-8"),
                       "html.parser")
    items = [li.get_text(" ") for li in a6.select("article #see-also ~ ul li")]
    assert any("Referred to from" in t and "第六十五条" in t for t in items)
    sh2 = BeautifulSoup((built_site / "site" / SHANGHAI / "article-2" / "index.html").read_text(encoding="utf-8"),
                        "html.parser")
    assert any("Referred to from" in li.get_text() for li in sh2.select("article #see-also ~ ul li"))


def test_stale_note_is_marked_on_the_page_and_listed_by_check(tmp_path):
    root = make_project_copy(tmp_path / "p")
    path = root / "annotations" / SHENZHEN / "article-65.yaml"
    text = path.read_text(encoding="utf-8")
    old = re.search(r"title: The ethics committee\n    source_hash: ([0-9a-f]{64})", text).group(1)
    path.write_text(text.replace(old, "a" * 64), encoding="utf-8")
    out = run_cli(root, "check")
    stale = [l for l in out.stderr.splitlines() if "stale" in l or "different Chinese" in l]
    assert len(stale) == 1 and stale[0].startswith(f"annotations/{SHENZHEN}/article-65.yaml:")
    assert f"statute-site confirm {SHENZHEN}/article-65" in stale[0]
    build_site(root)
    soup = BeautifulSoup((root / "site" / SHENZHEN / "article-65" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert "stale" in soup.select_one(".editor-note")["class"]
    assert run_cli(root, "confirm", f"{SHENZHEN}/article-65").returncode == 0
    assert old in path.read_text(encoding="utf-8")
    assert "different Chinese" not in run_cli(root, "check").stderr


# ---------------------------------------------------------------------------- editor guide

def guide_examples() -> list[dict]:
    text = (REPO / "EDITORS.md").read_text(encoding="utf-8")
    examples = []
    for m in re.finditer(r"<!-- (example|expect): (\S+)([^>]*)-->\n```(\w+)\n(.*?)```", text, re.S):
        kind, name, attrs, lang, body = m.groups()
        examples.append({"kind": kind, "name": name, "lang": lang, "body": body,
                         **dict(re.findall(r"(\w+)=(\S+)", attrs))})
    return examples


def test_editor_guide_has_every_walkthrough():
    names = {e["name"] for e in guide_examples()}
    assert {"create-file", "add-note", "review-translation", "see-also", "suppress-link", "typo", "confirm",
            "related"} <= names


@pytest.mark.parametrize("example", [e for e in guide_examples() if e["kind"] == "example"], ids=lambda e: e["name"])
def test_editor_guide_example_works_as_written(example, tmp_path):
    from ruamel.yaml import YAML
    root = make_project_copy(tmp_path / "p")
    expected = {e["name"]: e["body"].strip() for e in guide_examples() if e["kind"] == "expect"}
    if example["lang"] == "sh":
        argv = example["body"].split()
        assert argv[0] == "statute-site"
        out = run_cli(root, *argv[1:])
        assert out.returncode == 0, out.stderr
        assert run_cli(root, "check").returncode == 0
        return
    target = root / example["file"]
    if example["action"] == "append":
        _append(target, example["body"])
    else:
        yaml = YAML()
        data = yaml.load(target.read_text(encoding="utf-8"))
        for key, value in yaml.load(example["body"]).items():
            data.setdefault(key, {}).update(value)
        with target.open("w", encoding="utf-8") as fh:
            yaml.dump(data, fh)
    out = run_cli(root, "check")
    if example["name"] in expected:
        assert out.returncode == 1
        assert expected[example["name"]] in out.stderr.splitlines()
        return
    assert out.returncode == 0, out.stderr
    assert "is stale" not in out.stderr and "different Chinese" not in out.stderr
    build_site(root)
    page = (root / "site" / SHENZHEN / "article-12" / "index.html").read_text(encoding="utf-8")
    if example["name"] == "add-note":
        assert "A general clause" in page and "Wang Fang" in page
    if example["name"] == "review-translation":
        assert "Reviewed by Wang Fang, 2026-11-24" in page
    if example["name"] == "suppress-link":
        page1 = (root / "site" / SHENZHEN / "article-1" / "index.html").read_text(encoding="utf-8")
        assert "shenzhen-ai-2022-interpretation/#p-0" not in page1
        from generator.pipeline import load_project
        assert not [l for l in load_project(root).links
                    if (l.document, l.paragraph, l.article) == ("shenzhen-ai-2022-interpretation", 0, 1)]
    if example["name"] == "related":
        page65 = BeautifulSoup((root / "site" / SHENZHEN / "article-65" / "index.html").read_text(encoding="utf-8"),
                               "html.parser")
        first = page65.select_one("#related").find_next("ul").select_one("a")
        assert first["href"] == f"../../{SHANGHAI}/article-8/"
    if example["name"] == "see-also":
        other = (root / "site" / SHENZHEN / "article-37" / "index.html").read_text(encoding="utf-8")
        assert "Referred to from" in other


def test_editor_guide_is_on_the_site(built_site):
    page = (built_site / "site" / "editor-guide" / "index.html").read_text(encoding="utf-8")
    assert "Suppress a wrong commentary link" in page


# ---------------------------------------------------------------------------- live preview

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, needle: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if needle in urllib.request.urlopen(url, timeout=2).read().decode("utf-8"):
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


@pytest.mark.slow
def test_serve_shows_edits_and_survives_invalid_ones(tmp_path):
    root = make_project_copy(tmp_path / "p")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "serve", "-a", f"127.0.0.1:{port}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/{SHENZHEN}/article-65/"
    try:
        assert _wait_for(url, "day-to-day work", 60), "preview did not start"
        path = root / "annotations" / SHENZHEN / "article-65.yaml"
        original = path.read_text(encoding="utf-8")
        path.write_text(original.replace("by the municipal industry authority.",
                                         "by the municipal industry authority. LIVE-EDIT"), encoding="utf-8")
        # The requirement is "within two seconds"; the latency is measured by the benchmark
        # script. Here a generous bound keeps the test reliable on a loaded CI machine.
        assert _wait_for(url, "LIVE-EDIT", 20)
        path.write_text(original.replace("status: draft", "status: finished"), encoding="utf-8")
        time.sleep(3)
        assert _wait_for(url, "LIVE-EDIT", 2)      # the last good version is still served
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0]
    assert f"annotations/{SHENZHEN}/article-65.yaml:4: error: status: 'finished' is not one of" in output
    assert "keeps showing the last good version" in output
