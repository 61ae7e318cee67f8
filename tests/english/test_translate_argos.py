"""The real argostranslate path, end to end, on a tiny zh->en model the tests build.

The model (tests/tiny_argos_model.py, DEVELOPERS.md) copies its input, so a machine
draft must equal the Chinese with each glossary term replaced by its English: the
assertions are exact.  Argos Translate runs in subprocesses whose packages, data, config,
cache and home directories are all under pytest's tmp, never the user's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.english.argos import argos_importable
from generator.english.memory import TM_RELPATH
from generator.english.terms import default_terms, placeholders
from tests.conftest import REPO, SHANGHAI, SHENZHEN, make_project_copy

pytestmark = [
    pytest.mark.mt,
    pytest.mark.skipif(not argos_importable(),
                       reason="argostranslate is not installed; for the MT tests: "
                              "pip install -e '.[test,mt]' torch==2.13.0 (see DEVELOPERS.md)"),
]

PLACEHOLDER_SYMBOLS = placeholders(52)


def argos_env(base: Path) -> dict:
    """An environment whose Argos Translate state lives entirely under ``base``."""
    env = dict(os.environ)
    for var in ("ARGOS_DEVICE_TYPE", "ARGOS_CHUNK_TYPE", "ARGOS_PACKAGE_INDEX", "ARGOS_DEBUG"):
        env.pop(var, None)
    env.update({
        "ARGOS_PACKAGES_DIR": str(base / "packages"),
        "XDG_DATA_HOME": str(base / "data"),
        "XDG_CONFIG_HOME": str(base / "config"),
        "XDG_CACHE_HOME": str(base / "cache"),
        "HOME": str(base / "home"),
    })
    (base / "home").mkdir(parents=True, exist_ok=True)
    return env


def statute_site(root: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=600)


def read_tm(root: Path) -> list[dict]:
    return [json.loads(line) for line in (root / TM_RELPATH).read_text(encoding="utf-8").splitlines()]


def expected_english(zh: str) -> str:
    """What the copy model + term restoration must give, worked out independently."""
    out = zh
    for term_zh, term_en in sorted(default_terms(), key=lambda t: -len(t[0])):
        out = out.replace(term_zh, "\0" + term_en + "\0")
    if out.startswith("\0"):
        out = "\0" + out[1].upper() + out[2:]
    return out.replace("\0", "")


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    from tests.tiny_argos_model import build_argos_package
    work = tmp_path_factory.mktemp("tiny-argos-model")
    return build_argos_package(REPO / "source", work, PLACEHOLDER_SYMBOLS)


@pytest.fixture(scope="session")
def translated(tmp_path_factory, tiny_model):
    """A project copy after `translate --install-model tiny.argosmodel` in a clean Argos home."""
    base = tmp_path_factory.mktemp("argos-home")
    env = argos_env(base)
    root = make_project_copy(tmp_path_factory.mktemp("translated") / "p")
    out = statute_site(root, env, "translate", "--install-model", str(tiny_model))
    assert out.returncode == 0, out.stdout + out.stderr
    return root, env, out


@pytest.fixture(scope="session")
def segments():
    from generator.pipeline import load_project
    project = load_project(REPO)
    return {sid: statute.segments() for sid, statute in project.statutes.items()}


# ------------------------------------------------------------------ the package itself

def test_tiny_package_is_a_real_argos_package(tiny_model):
    with zipfile.ZipFile(tiny_model) as zf:
        names = set(zf.namelist())
        top = "translate-zh_en-tiny_copy/"
        for required in ("metadata.json", "sentencepiece.model", "model/model.bin", "model/config.json",
                         "minisbd/zh-tiny.onnx"):
            assert top + required in names
        meta = json.loads(zf.read(top + "metadata.json"))
        config = json.loads(zf.read(top + "model/config.json"))
    assert (meta["from_code"], meta["to_code"], meta["type"]) == ("zh", "en", "translate")
    assert config["add_source_eos"] is True


def test_placeholders_are_single_sentencepiece_pieces(tiny_model, tmp_path):
    import sentencepiece as spm
    with zipfile.ZipFile(tiny_model) as zf:
        (tmp_path / "sp.model").write_bytes(zf.read("translate-zh_en-tiny_copy/sentencepiece.model"))
    sp = spm.SentencePieceProcessor(model_file=str(tmp_path / "sp.model"))
    pieces = sp.encode("由TERMAA会同TERMAB负责。", out_type=str)
    assert "TERMAA" in pieces and "TERMAB" in pieces
    assert sp.decode_pieces(pieces) == "由TERMAA会同TERMAB负责。"


# ------------------------------------------------------------------ end to end

def test_install_and_translate_writes_the_memory(translated, segments):
    root, env, out = translated
    assert out.returncode == 0, out.stderr
    total = sum(len(s) for s in segments.values())
    assert "installed translate-zh_en 0.1-test" in out.stderr
    assert f"translated {total}, cached 0, stale replaced 0" in out.stderr
    assert "Traceback" not in out.stderr

    # Installed where the isolated environment says, nowhere else.
    assert (Path(env["ARGOS_PACKAGES_DIR"]) / "translate-zh_en-tiny_copy" / "metadata.json").exists()

    text = (root / TM_RELPATH).read_text(encoding="utf-8")
    lines = text.splitlines()
    entries = [json.loads(line) for line in lines]
    # One line per segment, by statute (sorted), then reading order; keys sorted.
    expected_order = [(sid, s.eid) for sid in sorted(segments) for s in segments[sid]]
    assert [(e["statute"], e["eid"]) for e in entries] == expected_order
    for line, e in zip(lines, entries):
        assert list(e) == sorted(e)
        assert json.dumps(e, ensure_ascii=False, sort_keys=True, separators=(", ", ": ")) == line
        assert (e["engine"], e["model"], e["model_version"]) == ("argostranslate", "translate-zh_en", "0.1-test")


def test_hash_keys_match_the_segments(translated, segments):
    root, _, _ = translated
    by_key = {(e["statute"], e["eid"]): e for e in read_tm(root)}
    for sid, segs in segments.items():
        for seg in segs:
            e = by_key[(sid, seg.eid)]
            assert e["source_hash"] == seg.source_hash
            assert e["zh"] == seg.text
            assert len(e["source_hash"]) == 64
    # and the hash really is SHA-256 of the normalised Chinese
    from generator.textnorm import normalise_for_hash
    e = by_key[(SHENZHEN, "title")]
    assert e["source_hash"] == hashlib.sha256(normalise_for_hash(e["zh"]).encode("utf-8")).hexdigest()


def test_drafts_are_the_model_output_with_glossary_terms(translated):
    root, _, _ = translated
    entries = read_tm(root)
    for e in entries:
        assert e["en"] == expected_english(e["zh"]), e["eid"]
        assert not re.search(r"TERM ?[A-Z]{2}", e["en"], re.IGNORECASE), e["en"]
        assert e["terms_missing"] == []
    # The locked terms: every occurrence rendered with the glossary's English.
    with_authority = [e for e in entries if "市产业主管部门" in e["zh"]]
    assert len(with_authority) >= 3
    for e in with_authority:
        assert "the municipal industry authority" in e["en"].lower() and "市产业主管部门" not in e["en"]
        assert {"zh": "市产业主管部门", "en": "the municipal industry authority"} in e["terms_protected"]
    industry = [e for e in entries if "人工智能产业" in e["zh"]]
    assert industry and all("人工智能" not in e["en"] for e in industry)
    title = next(e for e in entries if e["statute"] == SHENZHEN and e["eid"] == "title")
    assert title["en"] == "深圳经济特区the artificial intelligence industry促进条例"
    assert [t["zh"] for t in title["terms_protected"]] == ["人工智能产业"]
    # Multi-sentence segments go through sentence splitting and come back whole.
    assert any(e["zh"].count("。") >= 2 for e in entries)


def test_second_run_translates_nothing_and_leaves_the_file_identical(translated, segments):
    root, env, _ = translated
    path = root / TM_RELPATH
    before = path.read_bytes()
    stamp = path.stat().st_mtime_ns
    out = statute_site(root, env, "translate")
    assert out.returncode == 0, out.stderr
    total = sum(len(s) for s in segments.values())
    assert f"translated 0, cached {total}, stale replaced 0" in out.stderr
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stamp
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def _change_one_segment(root: Path, segs) -> tuple[str, str]:
    """Edit the Chinese of one Shanghai paragraph in source/ (and the manifest's sha256)."""
    source = next((root / "source").glob("004_*.txt"))
    raw = source.read_text(encoding="utf-8")
    for seg in segs:
        if seg.kind != "paragraph" or len(seg.text) < 40:
            continue
        for start in range(5, len(seg.text) - 12):
            window = seg.text[start:start + 8]
            if raw.count(window) == 1 and all("\u4e00" <= ch <= "\u9fff" for ch in window):
                new_raw = raw.replace(window, window[:4] + "新" + window[4:])
                source.write_text(new_raw, encoding="utf-8")
                manifest = root / "source" / "manifest.yaml"
                old_sha = hashlib.sha256(raw.encode("utf-8")).hexdigest()
                new_sha = hashlib.sha256(new_raw.encode("utf-8")).hexdigest()
                manifest.write_text(manifest.read_text(encoding="utf-8").replace(old_sha, new_sha),
                                    encoding="utf-8")
                return seg.eid, window
    raise AssertionError("no editable paragraph found")


def test_changed_chinese_retranslates_only_that_segment(translated, segments, tmp_path):
    root0, env, _ = translated
    root = tmp_path / "p"
    shutil.copytree(root0, root, symlinks=True)
    eid, window = _change_one_segment(root, segments[SHANGHAI])
    before = (root / TM_RELPATH).read_text(encoding="utf-8").splitlines()

    # Limited to the other statute: nothing to do there.
    out = statute_site(root, env, "translate", "--statute", SHENZHEN)
    assert out.returncode == 0, out.stderr
    assert f"translated 0, cached {len(segments[SHENZHEN])}, stale replaced 0" in out.stderr

    out = statute_site(root, env, "translate")
    assert out.returncode == 0, out.stderr
    total = sum(len(s) for s in segments.values())
    assert f"translated 1, cached {total - 1}, stale replaced 1" in out.stderr
    after = (root / TM_RELPATH).read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    changed = [(b, a) for b, a in zip(before, after) if b != a]
    assert len(changed) == 1
    old, new = (json.loads(x) for x in changed[0])
    assert (new["statute"], new["eid"]) == (SHANGHAI, eid)
    assert window[:4] + "新" + window[4:] in new["zh"] and "新" in new["en"]

    from generator.pipeline import load_project
    seg = next(s for s in load_project(root).statutes[SHANGHAI].segments() if s.eid == eid)
    assert new["source_hash"] == seg.source_hash != old["source_hash"]
    assert new["en"] == expected_english(seg.text)


# ------------------------------------------------------------------ no model, bad model files

def test_no_model_installed_says_what_to_install(tmp_path):
    root = make_project_copy(tmp_path / "p")
    env = argos_env(tmp_path / "argos")
    before = sorted(p.name for p in (root / "annotations").iterdir())
    out = statute_site(root, env, "translate")
    assert out.returncode == 3
    assert "no Argos Translate zh->en model is installed" in out.stderr
    assert "argospm update && argospm install translate-zh_en" in out.stderr
    assert "statute-site translate --install-model PATH.argosmodel" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (root / TM_RELPATH).exists()
    assert sorted(p.name for p in (root / "annotations").iterdir()) == before


def test_install_model_rejects_what_is_not_a_zh_en_package(tmp_path, tiny_model):
    root = make_project_copy(tmp_path / "p")
    env = argos_env(tmp_path / "argos")
    junk = tmp_path / "junk.argosmodel"
    junk.write_text("hello", encoding="utf-8")
    out = statute_site(root, env, "translate", "--install-model", str(junk))
    assert out.returncode == 2 and "not an Argos package" in out.stderr and "Traceback" not in out.stderr

    wrong = tmp_path / "en_de.argosmodel"
    with zipfile.ZipFile(tiny_model) as src, zipfile.ZipFile(wrong, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("/metadata.json"):
                meta = json.loads(data)
                meta.update(from_code="en", to_code="de")
                data = json.dumps(meta).encode()
            dst.writestr(item, data)
    out = statute_site(root, env, "translate", "--install-model", str(wrong))
    assert out.returncode == 2 and "translates en->de" in out.stderr
    packages = Path(env["ARGOS_PACKAGES_DIR"])
    assert not packages.exists() or not any(packages.iterdir())
    assert not (root / TM_RELPATH).exists()
