"""Checked YAML remembered by the file's bytes and the schema (generator/sources/yamlfile.py):
each call reports the file's problems, an edit or another schema is read and checked anew."""

from __future__ import annotations

from generator.sources import yamlfile
from generator.sources.yamlfile import load_valid_yaml

SCHEMA = {"type": "object", "properties": {"title": {"type": "string"}}, "additionalProperties": False}


def load(path, schema=SCHEMA):
    diagnostics: list = []
    doc = load_valid_yaml(path, "notes/file.yaml", schema, diagnostics)
    return doc, diagnostics


def test_an_unchanged_file_is_parsed_once_and_its_problems_reported_every_time(tmp_path, monkeypatch):
    parsed: list[bytes] = []
    real = yamlfile.parse_yaml
    monkeypatch.setattr(yamlfile, "parse_yaml", lambda raw, path: (parsed.append(raw), real(raw, path))[1])
    path = tmp_path / "file.yaml"
    path.write_text("title: 第一条 unique-a41\nextra: 1\n", encoding="utf-8")
    for _ in range(2):
        doc, diagnostics = load(path)
        assert doc is None
        assert [(d.line, d.path) for d in diagnostics] == [(2, "notes/file.yaml")]
        assert "extra" in diagnostics[0].message
    assert len(parsed) == 1
    path.write_text("title: 第一条 unique-a41\n", encoding="utf-8")
    doc, diagnostics = load(path)
    assert diagnostics == [] and doc.data == {"title": "第一条 unique-a41"} and len(parsed) == 2
    # Another schema: checked against it.
    doc, diagnostics = load(path, {"type": "object", "required": ["date"]})
    assert doc is None and "date" in diagnostics[0].message and len(parsed) == 3


def test_unreadable_bytes_are_reported_with_the_file(tmp_path):
    path = tmp_path / "file.yaml"
    path.write_bytes("title: 第一条\n".encode("gb18030"))
    doc, diagnostics = load(path)
    assert doc is None and diagnostics[0].path == "notes/file.yaml" and diagnostics[0].line == 1
