"""``statute-site link --statute ID FILE --json``: the schema, input forms, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

import pytest

from tests.conftest import REPO

PLAIN = """《条例》第四十四条规定，对于国家、地方尚未制定标准的低风险人工智能产品和服务，
允许通过测试、试验、试点等方式开展先行先试。

深圳人工智能企业超过1300家，企业数量位居全国第二。

市政府應當設立人工智能倫理委員會，研究制定人工智能領域的倫理安全規範。

The city government must set up a municipal AI ethics committee, which will draw up ethical and
safety norms for the sector.

(第二十六条至第四
"""


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys):
    """The command in-process (the subprocess form is tested once, below)."""
    from generator.cli import main

    def call(*args) -> Result:
        code = main(["--root", str(REPO), "link", *args])
        out = capsys.readouterr()
        return Result(code, out.out, out.err)
    return call


@pytest.fixture(scope="module")
def plain_result(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "commentary.txt"
    path.write_text(PLAIN, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(REPO), "link", "--statute",
                          "shenzhen-ai-2022", str(path), "--json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout), out.stderr, path


def test_json_schema(plain_result):
    data, _, _ = plain_result
    assert set(data) == {"statute", "paragraphs"} and data["statute"] == "shenzhen-ai-2022"
    paragraphs = data["paragraphs"]
    assert [p["index"] for p in paragraphs] == list(range(5))          # one per input paragraph, in order
    for p in paragraphs:
        assert set(p) == {"index", "text", "links"} and isinstance(p["text"], str)
        for link in p["links"]:
            assert set(link) == {"article", "method", "score", "evidence"}
            assert isinstance(link["article"], int) and link["method"] in ("citation", "similarity", "editor")
            assert isinstance(link["score"], float) and 0 < link["score"] <= 1 and link["evidence"]


def test_json_content(plain_result):
    data, stderr, path = plain_result
    p = data["paragraphs"]
    assert p[0]["text"].startswith("《条例》第四十四条规定") and "允许通过测试" in p[0]["text"]   # lines joined
    assert [(l["article"], l["method"]) for l in p[0]["links"]] == [(44, "citation")]
    assert p[1]["links"] == []                                              # industry talk
    assert [(l["article"], l["method"]) for l in p[2]["links"]] == [(65, "similarity")]   # Traditional
    assert "倫理" in p[2]["links"][0]["evidence"]
    assert [l["article"] for l in p[3]["links"]] == [65]                    # English
    assert [l["article"] for l in p[4]["links"]] == list(range(26, 41))     # cut short: the certain part
    assert f"{path}:11: warning: paragraph 4: the citation is cut short" in stderr


def test_html_input(run, tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><script>alert(1)</script><h2>设立人工智能伦理委员会</h2>"
                    "<p>规定市政府应当设立人工智能伦理委员会，加快推进人工智能伦理安全规范的制订和实施。</p>"
                    "<p onclick='x()'>Shenzhen has many AI firms.</p></body></html>", encoding="utf-8")
    out = run("--statute", "shenzhen-ai-2022", str(path), "--json")
    data = json.loads(out.stdout)
    assert [p["text"] for p in data["paragraphs"]][2] == "Shenzhen has many AI firms."
    assert [[l["article"] for l in p["links"]] for p in data["paragraphs"]] == [[65], [65], []]
    assert "alert" not in out.stdout


def test_html_detected_by_content(run, tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<div><p>第一段。</p><p>第二段。</p></div>", encoding="utf-8")
    data = json.loads(run("--statute", "shenzhen-ai-2022", str(path), "--json").stdout)
    assert [p["text"] for p in data["paragraphs"]] == ["第一段。", "第二段。"]


def test_readable_summary(run, plain_result):
    _, _, path = plain_result
    out = run("--statute", "shenzhen-ai-2022", str(path))
    assert out.returncode == 0
    assert "第四十四条 (art. 44), citation" in out.stdout and "5 paragraphs, 4 linked" in out.stdout


def test_unknown_statute_lists_the_known_ones(run, plain_result):
    _, _, path = plain_result
    out = run("--statute", "shenzhen", str(path), "--json")
    assert out.returncode == 2 and out.stdout == ""
    assert "unknown statute 'shenzhen'" in out.stderr
    assert "shanghai-ai-2022-draft, shenzhen-ai-2022" in out.stderr


def test_missing_undecodable_and_binary_files(run, tmp_path):
    out = run("--statute", "shenzhen-ai-2022", str(tmp_path / "nope.txt"), "--json")
    assert out.returncode == 2 and "nope.txt: error: no such file" in out.stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes("第一行\n第二行\n".encode("utf-8") + b"\x81\x30\xff\n")
    out = run("--statute", "shenzhen-ai-2022", str(bad), "--json")
    assert out.returncode == 2 and f"{bad}:3: error: not valid UTF-8" in out.stderr and out.stdout == ""
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out = run("--statute", "shenzhen-ai-2022", str(binary))
    assert out.returncode == 2 and f"{binary}:3: error: this is not a text file" in out.stderr


def test_gb18030_file(run, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("市政府应当设立人工智能伦理委员会，研究制定人工智能领域的伦理安全规范。".encode("gb18030"))
    out = run("--statute", "shenzhen-ai-2022", str(path), "--json")
    assert out.returncode == 0 and "decoded as GB18030" in out.stderr
    assert [l["article"] for l in json.loads(out.stdout)["paragraphs"][0]["links"]] == [65]
