"""``statute-site compare OLD NEW [--json]`` through the command line: the contract's JSON,
inserted articles, any readable format, the summary, and refusals."""

from __future__ import annotations

import json

import pytest

from generator.cli import main
from tests.versions.gold import CORPUS, load_gold, precision_recall

OLD = """中华人民共和国示例法

第一章 总则

第一条 为了规范示例活动，保护当事人的合法权益，制定本法。

第二条 在中华人民共和国境内从事示例活动，适用本法。

第三条 示例单位应当建立健全内部管理制度，定期向主管部门报告工作情况。

第二章 附则

第四条 本法自2018年1月1日起施行。
"""

NEW = """中华人民共和国示例法

第一章 总则

第一条 为了规范示例活动，保护当事人的合法权益，制定本法。

第二条 在中华人民共和国境内从事示例活动，适用本法。

第二条之一 国家鼓励示例活动的数字化转型，支持示例单位运用人工智能技术开展监督检查。

第三条 示例单位应当建立健全内部管理制度和风险控制制度，每年向主管部门报告工作情况。

第二章 附则

第四条 本法自2024年1月1日起施行。
"""

HTML_NEW = "<html><head><title>示例法</title></head><body>" + "".join(
    f"<p>{line}</p>" for line in NEW.splitlines() if line.strip()) + "</body></html>"


def run(*args, capsys):
    code = main([*map(str, args)])
    out = capsys.readouterr()
    return code, out


@pytest.fixture
def files(tmp_path):
    old, new, html = tmp_path / "old.txt", tmp_path / "new.md", tmp_path / "new.html"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    html.write_text(HTML_NEW, encoding="utf-8")
    return old, new, html


EXPECTED = {
    "old": {"title": "中华人民共和国示例法", "articles": 4},
    "new": {"title": "中华人民共和国示例法", "articles": 5},
    "map": [
        {"old": [1], "new": [1], "kind": "same"},
        {"old": [2], "new": [2], "kind": "same"},
        {"old": [], "new": ["2-1"], "kind": "new"},
        {"old": [3], "new": [3], "kind": "amended"},
        {"old": [4], "new": [4], "kind": "amended"},
    ],
}


def test_json_contract_with_an_inserted_article(files, capsys):
    old, new, _ = files
    code, out = run("compare", old, new, "--json", capsys=capsys)
    assert code == 0, out.err
    assert json.loads(out.out) == EXPECTED


def test_reads_html_like_parse(files, capsys):
    old, _, html = files
    code, out = run("compare", old, html, "--json", capsys=capsys)
    assert code == 0, out.err
    assert json.loads(out.out)["map"] == EXPECTED["map"]


def test_summary_counts_and_changed_rows(files, capsys):
    old, new, _ = files
    code, out = run("compare", old, new, capsys=capsys)
    assert code == 0
    lines = out.out.splitlines()
    assert lines[2].split() == ["same", "2", "amended", "2", "split", "0", "merged", "0", "repealed", "0",
                                "new", "1"]
    rows = [line.split() for line in lines[4:]]
    assert rows == [["old", "new", "kind"], ["-", "2-1", "new"], ["3", "3", "amended"], ["4", "4", "amended"]]


def test_refusals(files, tmp_path, capsys):
    old, _, _ = files
    code, out = run("compare", old, tmp_path / "missing.md", capsys=capsys)
    assert code == 2 and "missing.md: error: no such file" in out.err
    empty = tmp_path / "notes.txt"
    empty.write_text("这是一份会议纪要，没有条文。\n", encoding="utf-8")
    code, out = run("compare", old, empty, "--json", capsys=capsys)
    assert code == 1 and out.out == ""
    assert "notes.txt" in out.err and "no articles" in out.err


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus is not beside the clone")
def test_company_law_through_the_cli(capsys):
    gold = load_gold("company-law-2018-2023.yaml")
    code, out = run("compare", CORPUS / gold["old"]["file"], CORPUS / gold["new"]["file"], "--json",
                    capsys=capsys)
    assert code == 0
    data = json.loads(out.out)
    assert data["old"] == {"title": "中华人民共和国公司法", "articles": 218}
    assert data["new"]["articles"] == 266
    olds = sorted(n for row in data["map"] for n in row["old"])
    news = sorted(n for row in data["map"] for n in row["new"])
    assert olds == list(range(1, 219)) and news == list(range(1, 267))
    precision, recall = precision_recall(data["map"], gold["map"])
    assert precision >= 0.91 and recall >= 0.91
