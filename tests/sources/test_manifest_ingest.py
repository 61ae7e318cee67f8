"""The source manifest and ingest: real seeds split by markers; broken manifests reported by line."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.diagnostics import InputError
from generator.sources.ingest import ingest, ingest_files
from generator.sources.manifest import load_manifest
from tests.conftest import REPO, SEEDS


def test_source_holds_the_seed_files_byte_for_byte():
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    if not seeds:
        pytest.skip(f"the original seed files are not beside this clone ({SEEDS} is missing), so source/ "
                    "cannot be compared with them; check out the project with its shared/ folder beside it")
    for seed in seeds:
        assert (REPO / "source" / seed.name).read_bytes() == seed.read_bytes()


def test_manifest_describes_every_file_and_part():
    manifest = load_manifest(REPO / "source")
    files = {s.file for s in manifest.sources}
    assert files == {p.name for p in (REPO / "source").glob("*.txt")}
    for src in manifest.sources:
        assert hashlib.sha256((REPO / "source" / src.file).read_bytes()).hexdigest() == src.sha256
        for part in src.parts:
            if part.kind != "furniture":
                assert part.language and part.title, part.ref
    auth = manifest.authoritative_part("shenzhen-ai-2022")
    assert auth.file.startswith("003_")
    assert {p.kind for p in manifest.parts()} >= {"statute", "interpretation", "explanation", "news",
                                                   "background", "notice"}
    interp = manifest.document_parts("shenzhen-ai-2022-interpretation")
    assert sorted(p.file[:3] for p in interp) == ["002", "003"]


def test_parts_are_cut_by_markers_and_cover_every_character():
    manifest = load_manifest(REPO / "source")
    corpus = ingest(manifest, REPO / "source")
    assert not [d for d in corpus.diagnostics if d.code in ("unassigned-text", "part-overlap")]
    statute = corpus.part("003_fb396ab0a1b6b464.txt#statute").text()
    assert statute.startswith("深圳经济特区人工智能产业促进条例(2022年8月30日")
    assert statute.endswith("本条例自2022年11月1日起施行。")
    interp = corpus.part("003_fb396ab0a1b6b464.txt#interpretation").text()
    assert interp.startswith("《深圳经济特区人工智能产业促进条例》解读")
    # the explanation's scattered OCR columns come back in reading order
    expl = corpus.part("004_9f1126a30e32ca71.txt#explanation")
    text = expl.text()
    assert text.index("统筹人工") < text.index("智能产业发展与安全") < text.index("保护。(第六十一条至第六十八条)") \
        < text.index("三、征求意见的重点") < text.index("新策源能力")
    assert [line for _, line in expl.pieces()] == [231, 217, 263, 261, 265]


def _write_manifest(project: Path, text: str) -> None:
    (project / "source" / "manifest.yaml").write_text(text, encoding="utf-8")


def _errors(project: Path) -> list:
    with pytest.raises(InputError) as exc:
        ingest(load_manifest(project / "source"), project / "source")
    return exc.value.diagnostics


def test_manifest_pointing_at_a_missing_file(project_copy):
    text = (project_copy / "source" / "manifest.yaml").read_text(encoding="utf-8")
    _write_manifest(project_copy, text.replace("file: 001_c5332b351cc69fb6.txt", "file: 001_missing.txt"))
    errors = _errors(project_copy)
    assert any("source/001_missing.txt' does not exist" in d.message for d in errors)
    line = text.splitlines().index("  - file: 001_c5332b351cc69fb6.txt") + 1
    assert errors[0].path == "source/manifest.yaml" and errors[0].line == line


def test_manifest_schema_error_names_the_line(project_copy):
    text = (project_copy / "source" / "manifest.yaml").read_text(encoding="utf-8")
    bad = text.replace("    status: in_force\n", "    status: in-force\n    statsu: typo\n", 1)
    _write_manifest(project_copy, bad)
    errors = _errors(project_copy)
    lines = bad.splitlines()
    assert {d.line for d in errors} == {lines.index("    status: in-force") + 1,
                                        lines.index("    statsu: typo") + 1}
    assert any("'in-force' is not one of" in d.message for d in errors)
    unknown = next(d for d in errors if d.code == "unknown-field")
    assert "unknown field 'statsu'" in unknown.message and unknown.hint == "did you mean 'status'?"


def test_changed_raw_file_is_caught_by_its_checksum(project_copy):
    path = project_copy / "source" / "000_3465b8d92afdb780.txt"
    path.write_bytes(path.read_bytes().replace("高质量".encode(), "高品质".encode(), 1))
    errors = _errors(project_copy)
    assert any(d.code == "checksum" and "000_3465b8d92afdb780.txt has changed" in d.message for d in errors)


def test_marker_not_found_is_reported_with_the_manifest_line(project_copy):
    text = (project_copy / "source" / "manifest.yaml").read_text(encoding="utf-8")
    _write_manifest(project_copy, text.replace("to: 本条例自2022年11月1日起施行。", "to: 本条例自2099年起施行。"))
    errors = _errors(project_copy)
    assert any(d.code == "part-marker" and "本条例自2099年起施行" in d.message for d in errors)


def test_yaml_syntax_error_and_duplicate_key(project_copy):
    text = (project_copy / "source" / "manifest.yaml").read_text(encoding="utf-8")
    _write_manifest(project_copy, text.replace("    chapters: 7\n", "    chapters: 7\n    chapters: 8\n", 1))
    errors = _errors(project_copy)
    assert errors[0].code == "duplicate-key" and "duplicate key 'chapters'" in errors[0].message
    _write_manifest(project_copy, text.replace("statutes:\n", "statutes:\n  bad: [unclosed\n", 1))
    errors = _errors(project_copy)
    assert errors[0].code == "yaml-syntax" and errors[0].line is not None


def test_gbk_source_file_is_an_error_naming_file_and_line(project_copy):
    path = project_copy / "source" / "000_3465b8d92afdb780.txt"
    raw = path.read_text(encoding="utf-8").encode("gb18030")
    path.write_bytes(raw)
    text = (project_copy / "source" / "manifest.yaml").read_text(encoding="utf-8")
    _write_manifest(project_copy, text.replace(
        "555f288715193f2b9f0b6e95bdaa489bbe7e6753bfe95038184a9e8f38a1c3b0", hashlib.sha256(raw).hexdigest()))
    errors = _errors(project_copy)
    assert errors[0].path == "source/000_3465b8d92afdb780.txt"
    assert errors[0].line == 2 and "not valid UTF-8" in errors[0].message
    assert "GBK" in errors[0].hint


def test_ingest_files_reads_only_the_files_named(project_copy):
    """serve's quick preview of a source edit: the corrected file is read again (its parts cut
    from the new bytes), every other file is the earlier corpus's own object, and a file still
    failing its checksum is refused as the whole ingest refuses it."""
    source = project_copy / "source"
    base = ingest(load_manifest(source), source)
    name = "004_9f1126a30e32ca71.txt"
    path = source / name
    raw = path.read_bytes()
    old, new = "第一音 总则".encode(), "第一章 总则".encode()      # the OCR's 音 for 章, corrected
    path.write_bytes(raw.replace(old, new, 1))
    with pytest.raises(InputError) as failed:
        ingest_files(load_manifest(source), {name}, base, source)
    assert any(d.code == "checksum" for d in failed.value.diagnostics)
    manifest_path = source / "manifest.yaml"
    manifest_path.write_text(manifest_path.read_text(encoding="utf-8").replace(
        hashlib.sha256(raw).hexdigest(), hashlib.sha256(path.read_bytes()).hexdigest()), encoding="utf-8")
    # The corrected marker is in the manifest too (the part starts at the chapter heading).
    manifest_path.write_text(manifest_path.read_text(encoding="utf-8").replace("第一音 总则", "第一章 总则"),
                             encoding="utf-8")
    again = ingest_files(load_manifest(source), {name}, base, source)
    assert again.files[name] is not base.files[name] and "第一章 总则" in again.files[name].text
    assert "第一章 总则" in again.part(f"{name}#statute").text()
    assert all(again.files[f] is base.files[f] for f in base.files if f != name)
    assert all(again.parts[r] is base.parts[r] for r in base.parts if not r.startswith(name))
    assert again.parts.keys() == base.parts.keys()
