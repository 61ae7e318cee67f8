"""`statute-site translate` without a model, and the build's independence from the MT stack.

These need no MT extra: argostranslate is made unimportable in the subprocesses where it
matters, so they test the same thing whether or not it is installed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from generator.model import Segment
from generator.english.memory import TM_RELPATH, TMEntry
from tests.conftest import REPO, SHANGHAI, SHENZHEN, make_project_copy

MT_MODULES = ["argostranslate", "ctranslate2", "sentencepiece", "stanza", "torch", "spacy",
              "minisbd", "onnxruntime", "sacremoses"]

# Runs the CLI with the MT stack blocked: any import of it fails (as if not installed) and
# every attempt is recorded in $ROOT/mt-imports.json.
BLOCKED_RUNNER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    BLOCKED = set(sys.argv[1].split(","))
    root = Path(sys.argv[2])
    attempts = []

    class Blocker:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                attempts.append(name)
                raise ImportError(f"{name} is blocked in this test")
            return None

    for name in BLOCKED:
        sys.modules.pop(name, None)
    sys.meta_path.insert(0, Blocker())
    from generator.cli import main
    try:
        code = main(sys.argv[3:])
    finally:
        (root / "mt-imports.json").write_text(json.dumps(attempts))
    sys.exit(code)
""")


def run_blocked(root, *args, block=MT_MODULES):
    out = subprocess.run([sys.executable, "-c", BLOCKED_RUNNER, ",".join(block), str(root),
                          "--root", str(root), *args],
                         capture_output=True, text=True, cwd=REPO)
    attempts = json.loads((root / "mt-imports.json").read_text())
    return out, attempts


def test_translate_without_the_extra_says_what_to_install(tmp_path):
    root = make_project_copy(tmp_path / "p")
    before = sorted(p.name for p in (root / "annotations").iterdir())
    out, attempts = run_blocked(root, "translate")
    assert out.returncode == 3, out.stderr
    assert "argostranslate" in attempts          # the blocker sees imports (see the build test)
    assert "pip install -e '.[mt]'" in out.stderr
    assert "argospm update && argospm install translate-zh_en" in out.stderr
    assert "statute-site translate --install-model PATH.argosmodel" in out.stderr
    assert "Traceback" not in out.stderr
    assert sorted(p.name for p in (root / "annotations").iterdir()) == before
    assert not (root / TM_RELPATH).exists()


def test_install_model_without_the_extra_says_what_to_install(tmp_path):
    root = make_project_copy(tmp_path / "p")
    fake = tmp_path / "model.argosmodel"
    fake.write_bytes(b"not a zip")
    out, _ = run_blocked(root, "translate", "--install-model", str(fake))
    assert out.returncode == 3
    assert "pip install -e '.[mt]'" in out.stderr and "Traceback" not in out.stderr


def test_dry_run_lists_the_work_and_needs_no_model(tmp_path):
    root = make_project_copy(tmp_path / "p")
    out, attempts = run_blocked(root, "translate", "--dry-run", "--statute", SHANGHAI)
    assert out.returncode == 0, out.stderr
    assert f"{SHANGHAI} title: no draft" in out.stdout
    assert SHENZHEN not in out.stdout
    assert "would translate" in out.stderr and "nothing was written" in out.stderr
    assert attempts == []
    assert not (root / TM_RELPATH).exists()


def test_unknown_statute_is_a_usage_error(tmp_path):
    root = make_project_copy(tmp_path / "p")
    out, _ = run_blocked(root, "translate", "--statute", "nowhere-2099")
    assert out.returncode == 2
    assert "unknown statute nowhere-2099" in out.stderr and SHENZHEN in out.stderr


def test_up_to_date_memory_needs_no_model(tmp_path, project):
    """A run with nothing to translate is a no-op even where the MT stack is absent."""
    root = make_project_copy(tmp_path / "p")
    lines = []
    for sid, statute in project.statutes.items():
        for seg in statute.segments():
            lines.append(TMEntry(sid, seg.eid, seg.source_hash, seg.text, "draft", "argostranslate",
                                 "translate-zh_en", "1.9"))
    from generator.english.memory import TranslationMemory
    tm = TranslationMemory(root / TM_RELPATH)
    for e in lines:
        tm.put(e)
    tm.save({sid: [s.eid for s in st.segments()] for sid, st in project.statutes.items()})
    before = (root / TM_RELPATH).read_bytes()
    out, attempts = run_blocked(root, "translate")
    assert out.returncode == 0, out.stderr
    assert f"translated 0, cached {len(lines)}, stale replaced 0" in out.stderr
    assert attempts == []
    assert (root / TM_RELPATH).read_bytes() == before


def test_build_never_imports_the_mt_stack(tmp_path, project):
    """The site build (and reading the translation memory) works with the MT stack blocked."""
    root = make_project_copy(tmp_path / "p")
    seg: Segment = project.statutes[SHENZHEN].segments()[0]
    entry = TMEntry(SHENZHEN, seg.eid, seg.source_hash, seg.text, "Draft title", "argostranslate",
                    "translate-zh_en", "1.9")
    (root / TM_RELPATH).write_text(entry.to_line() + "\n", encoding="utf-8")
    out, attempts = run_blocked(root, "build")
    assert out.returncode == 0, out.stderr
    assert attempts == [], f"the build tried to import {attempts}"
    assert (root / "site" / "index.html").exists()

    # The renderer's entry point into the memory: load + lookup, same blocked interpreter.
    probe = textwrap.dedent(f"""
        import sys
        for name in {MT_MODULES!r}:
            sys.modules[name] = None
        from generator.english.memory import TranslationMemory
        tm = TranslationMemory.for_project({str(root)!r})
        e = tm.lookup({SHENZHEN!r}, {seg.eid!r}, {seg.source_hash!r})
        print(e.en)
        print(sorted(m for m in sys.modules if m.split('.')[0] in {MT_MODULES!r} and sys.modules[m] is not None))
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["Draft title", "[]"]
