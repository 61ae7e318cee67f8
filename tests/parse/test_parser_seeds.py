"""The parser on the real seed files, and the `parse FILE --json` contract."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from generator.parse.statute import parse_statute
from tests.conftest import REPO, seed_path, seed_text

# The schema given in the parsing issue, made exact.
PARSE_SCHEMA = {
    "type": "object",
    "required": ["chapters", "articles", "diagnostics"],
    "properties": {
        "chapters": {"type": "array", "items": {
            "type": "object", "required": ["number", "title", "sections"],
            "properties": {
                "number": {"type": "integer"}, "title": {"type": "string"},
                "sections": {"type": "array", "items": {
                    "type": "object", "required": ["number", "title"],
                    "properties": {"number": {"type": "integer"}, "title": {"type": "string"}}}}}}},
        "articles": {"type": "array", "items": {
            "type": "object", "required": ["number", "title", "chapter", "section", "paragraphs"],
            "properties": {
                "number": {"type": "integer"},
                "title": {"type": ["string", "null"]},
                "chapter": {"type": ["integer", "null"]},
                "section": {"type": ["integer", "null"]},
                "paragraphs": {"type": "array", "items": {
                    "type": "object", "required": ["text", "items"],
                    "properties": {"text": {"type": "string"}, "items": {"type": "array", "items": {
                        "type": "object", "required": ["label", "text"],
                        "properties": {"label": {"type": "string"}, "text": {"type": "string"}}}}}}}}}},
        "diagnostics": {"type": "array", "items": {
            "type": "object", "required": ["severity", "line", "message"],
            "properties": {"severity": {"enum": ["error", "warning", "info"]},
                           "line": {"type": ["integer", "null"]}, "message": {"type": "string"}}}},
    },
}


def run_parse(path, *extra) -> dict:
    out = subprocess.run([sys.executable, "-m", "generator", "parse", str(path), "--json", *extra],
                         capture_output=True, text=True, cwd=REPO, check=False)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    jsonschema.validate(data, PARSE_SCHEMA)
    return data


@pytest.mark.parametrize("name", ["000_", "002_", "003_"])
def test_every_shenzhen_copy_parses_to_73_articles_in_7_chapters(name):
    data = run_parse(seed_path(name))
    assert [a["number"] for a in data["articles"]] == list(range(1, 74))
    assert [c["title"] for c in data["chapters"]] == [
        "总则", "基础研究与技术开发", "产业基础设施建设", "应用场景拓展", "促进与保障", "治理原则与措施", "附则"]
    assert all(c["sections"] == [] for c in data["chapters"])
    assert all(a["section"] is None and a["title"] is None for a in data["articles"])
    assert not [d for d in data["diagnostics"] if d["severity"] == "error"]
    art65 = data["articles"][64]
    assert art65["chapter"] == 6
    assert len(art65["paragraphs"][0]["items"]) == 6
    assert art65["paragraphs"][0]["text"].endswith("履行下列职责：") or art65["paragraphs"][0]["text"].endswith("履行下列职责:")
    assert art65["paragraphs"][-1] == {"text": "市人工智能伦理委员会的日常工作由市产业主管部门承担。", "items": []}
    assert data["articles"][72]["paragraphs"] == [{"text": "本条例自2022年11月1日起施行。", "items": []}]


def test_003_run_on_copy_only_its_statute_part_is_parsed():
    data = run_parse(seed_path("003_"))
    # the interpretation and background article after article 73 are not law text
    assert "解读" not in json.dumps(data["articles"], ensure_ascii=False)
    # the notice and table of contents before the text are not articles
    assert data["articles"][0]["paragraphs"][0]["text"].startswith("为了促进深圳经济特区人工智能产业高质量发展")


def test_003_whole_file_still_stops_at_the_trailing_interpretation():
    data = run_parse(seed_path("003_"), "--whole-file")
    assert len(data["articles"]) == 73
    assert data["articles"][72]["paragraphs"][0]["text"] == "本条例自2022年11月1日起施行。"
    assert any("starts another document" in d["message"] for d in data["diagnostics"])


def test_000_items_keep_their_source_labels_and_mixed_styles_are_reported():
    data = run_parse(seed_path("000_"))
    items = data["articles"][64]["paragraphs"][0]["items"]
    assert [i["label"] for i in items] == ["（1）", "（2）", "（三）", "（四）", "（五）", "（六）"]
    assert items[0]["text"] == "研究制定人工智能领域的伦理安全规范；"
    assert any(d["severity"] == "warning" and d["line"] == 114 for d in data["diagnostics"])
    assert any("bookmark" in d["message"] and d["line"] == 145 for d in data["diagnostics"])


def test_002_merged_lines_are_split_into_articles():
    text = seed_text("002_")
    parsed = parse_statute(text)
    lines = {a.number: a.line for a in parsed.articles}
    assert lines[28] == lines[29] == lines[30] == 55
    assert parsed.article(36).paragraphs[-1].text.endswith("降低测试认证成本。")   # chapter 4 glued after it
    assert parsed.article(37).chapter == 4
    assert [p.text[:6] for p in parsed.article(6).paragraphs] == ["市工业和信息", "市发展改革、"]


def test_shanghai_draft_articles_1_to_31_present_32_to_70_reported_missing():
    data = run_parse(seed_path("004_"))
    assert [a["number"] for a in data["articles"]] == list(range(1, 32))
    missing = [d for d in data["diagnostics"] if "32–70" in d["message"]]
    assert missing and missing[0]["severity"] == "warning"
    chapters = data["chapters"]
    assert [(c["number"], c["title"]) for c in chapters] == [(1, "总则"), (2, "基本要素与科技创新"), (3, "产业发展")]
    assert chapters[1]["sections"] == [{"number": 1, "title": "基本要素"}, {"number": 2, "title": "科技创新"}]
    by_number = {a["number"]: a for a in data["articles"]}
    assert by_number[1]["title"] == "立法目的"
    assert by_number[13]["title"] == "东数西算和长三角国家枢纽节点建设"
    assert by_number[19]["title"] == "重点实验室、重大科研平"          # cut short, reported
    assert (by_number[12]["chapter"], by_number[12]["section"]) == (2, 1)
    assert (by_number[18]["chapter"], by_number[18]["section"]) == (2, 2)
    assert (by_number[26]["chapter"], by_number[26]["section"]) == (3, 1)
    assert by_number[5]["section"] is None
    assert by_number[29]["paragraphs"][0]["text"].startswith("本市打造人工智能特色产业园区")
    assert by_number[31]["paragraphs"][-1]["text"].endswith("初创型高成长性")
    messages = " ".join(d["message"] for d in data["diagnostics"])
    for expected in ("第一音", "下转 A8", "第二十九宗", "cut short", "科研组织管理方式改"):
        assert expected in messages


def test_parse_reports_gbk_and_bom_files_instead_of_crashing(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("第一条 为了规范，制定本条例。\n第二条 本条例自公布之日起施行。\n".encode("gb18030"))
    data = run_parse(gbk)
    assert [a["number"] for a in data["articles"]] == [1, 2]
    assert any(d["message"].startswith("the file is not UTF-8") for d in data["diagnostics"])
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + "第一条 甲。\r\n第二条 乙。\r\n".encode())
    data = run_parse(bom)
    assert [p["text"] for a in data["articles"] for p in a["paragraphs"]] == ["甲。", "乙。"]


def test_parse_of_a_missing_file_is_a_usage_error(tmp_path):
    out = subprocess.run([sys.executable, "-m", "generator", "parse", str(tmp_path / "nope.txt"), "--json"],
                         capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 2
    assert "no such file" in out.stderr


def test_parse_human_readable_tree():
    out = subprocess.run([sys.executable, "-m", "generator", "parse", str(seed_path("004_"))],
                         capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0
    assert "第二章 基本要素与科技创新" in out.stdout and "第一节 基本要素" in out.stdout
    assert "31 articles, 3 chapters" in out.stdout
