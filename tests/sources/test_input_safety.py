"""Untrusted files: no input hangs a command, blows up memory or vanishes in silence.

FIFOs and symbolic links are refused without being opened, unexpected files under
annotations/ are reported, YAML aliases are refused before anything expands, control
and bidi characters are reported with file, line and code point, legacy encodings are
named correctly, the article count may not contradict the text."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, SHANGHAI, SHENZHEN, make_project_copy

F003 = "003_fb396ab0a1b6b464.txt"
BOMB = """statute: shenzhen-ai-2022
article: 12
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_project_copy(tmp_path_factory.mktemp("safety") / "p")


@pytest.fixture
def root(template, tmp_path):
    dest = tmp_path / "p"
    shutil.copytree(template, dest, symlinks=True)
    return dest


def run(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """A command in a subprocess with a generous timeout: a hang fails the test."""
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)})


def replace_source(root: Path, name: str, raw: bytes) -> None:
    path = root / "source" / name
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_bytes(raw)
    manifest = root / "source" / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, hashlib.sha256(raw).hexdigest()),
                        encoding="utf-8")


def test_billion_laughs_is_refused_at_its_line_fast(root):
    (root / "annotations" / SHENZHEN / "article-12.yaml").write_text(BOMB, encoding="utf-8")
    started = time.monotonic()
    out = run(root, "check", timeout=60)
    assert time.monotonic() - started < 60
    assert out.returncode == 1
    assert (f"annotations/{SHENZHEN}/article-12.yaml:3: error: YAML anchors and aliases (&name, *name) are not "
            "allowed — write the value out in full where it is needed") in out.stderr.splitlines()


def test_aliases_are_refused_in_the_manifest_too(root):
    path = root / "source" / "manifest.yaml"
    text = path.read_text(encoding="utf-8").replace("    jurisdiction: 深圳经济特区\n",
                                                    "    jurisdiction: &j 深圳经济特区\n", 1)
    path.write_text(text, encoding="utf-8")
    out = run(root, "check")
    assert out.returncode == 1
    assert any(line.startswith("source/manifest.yaml:") and "YAML anchors and aliases" in line
               for line in out.stderr.splitlines()), out.stderr


def test_a_fifo_in_annotations_is_refused_without_hanging(root):
    path = root / "annotations" / SHENZHEN / "article-40.yaml"
    path.unlink()
    os.mkfifo(path)
    out = run(root, "check", timeout=60)
    assert out.returncode == 1
    assert (f"annotations/{SHENZHEN}/article-40.yaml: error: is not a regular file (a pipe, socket or device) — "
            "inputs must be ordinary files") in out.stderr.splitlines()


def test_a_fifo_as_a_source_file_is_refused_without_hanging(root):
    path = root / "source" / F003
    path.unlink()
    os.mkfifo(path)
    out = run(root, "check", timeout=60)
    assert out.returncode == 1
    assert f"source file 'source/{F003}' is not a regular file" in out.stderr


def test_symlinks_are_refused(root, tmp_path):
    outside = tmp_path / "outside.yaml"
    shutil.copy(root / "annotations" / SHENZHEN / "article-12.yaml", outside)
    (root / "annotations" / SHENZHEN / "article-12.yaml").unlink()
    (root / "annotations" / SHENZHEN / "article-12.yaml").symlink_to(outside)
    moved = tmp_path / "shanghai"
    shutil.move(root / "annotations" / SHANGHAI, moved)
    (root / "annotations" / SHANGHAI).symlink_to(moved, target_is_directory=True)
    out = run(root, "check")
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    assert (f"annotations/{SHENZHEN}/article-12.yaml: error: is a symbolic link (to {outside}); links are not "
            "followed — put the file itself here (inputs must live inside the project)") in lines
    assert (f"annotations/{SHANGHAI}: error: is a symbolic link (to {moved}); links are not followed — put the "
            "folder itself here") in lines


def test_a_symlinked_source_file_is_refused(root, tmp_path):
    outside = tmp_path / F003
    shutil.move(root / "source" / F003, outside)
    (root / "source" / F003).symlink_to(outside)
    out = run(root, "check")
    assert out.returncode == 1
    assert f"source file 'source/{F003}' is a symbolic link (to {outside}); links are not followed" in out.stderr


@pytest.mark.parametrize("name", ["article-12.YAML", "article-12.yaml ", "notes.txt", "article-12.yml",
                                  "Article-13.yaml"])
def test_every_unexpected_annotation_file_is_reported(root, name):
    shutil.copy(root / "annotations" / SHENZHEN / "article-12.yaml", root / "annotations" / SHENZHEN / name)
    out = run(root, "check")
    assert out.returncode == 1
    assert f"annotations/{SHENZHEN}/{name}: error: unexpected file {name!r} (it is not read)" in out.stderr


def test_a_file_over_the_size_limit_is_refused_before_reading(root, monkeypatch):
    from generator.sources import files
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    problem = files.file_problem(root / "source" / F003, f"source/{F003}")
    assert problem is not None and problem.code == "too-large"
    assert "over the limit of 1,000" in problem.message


def test_an_article_count_that_contradicts_the_text_is_an_error(root):
    path = root / "source" / "manifest.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    articles: 73\n", "    articles: 730\n", 1),
                    encoding="utf-8")
    out = run(root, "check")
    assert out.returncode == 1
    assert ("source/manifest.yaml:16: error: shenzhen-ai-2022: the manifest says 730 articles, but the text ends "
            "with its commencement clause at article 73 (本条例自2022年11月1日起施行。) — set `articles: 73` for "
            "shenzhen-ai-2022 in the manifest") in out.stderr.splitlines()


def test_control_and_bidi_characters_are_reported_with_line_and_code_point(root):
    raw = (root / "source" / F003).read_text(encoding="utf-8")
    raw = raw.replace("第四条 本市", "第四条 本\u202e市", 1).replace("第五条", "第五\x00条", 1)
    replace_source(root, F003, raw.encode("utf-8"))
    out = run(root, "check", "-v")
    lines = out.stderr.splitlines()
    assert (f"source/{F003}:2: warning: U+202E RIGHT-TO-LEFT OVERRIDE in the text (a bidirectional control: it can "
            "make text show in another order than it is read); left out of the published text — check the text "
            "around it against the official copy, then remove the character") in lines
    assert any(line.startswith(f"source/{F003}:2: warning: U+0000 control character") for line in lines)


def test_a_huge_law_paragraph_is_an_error_not_a_hang(root):
    raw = (root / "source" / F003).read_text(encoding="utf-8")
    at = raw.index("。", raw.index("第五条", raw.index("第一条")))
    raw = raw[:at] + "推进人工智能在经济社会领域深度融合应用，" * 30000 + raw[at:]
    replace_source(root, F003, raw.encode("utf-8"))
    out = run(root, "check", timeout=300)
    assert out.returncode == 1
    # 600,000 added to the article's own few dozen characters
    assert re.search(rf"^source/{F003}:2: error: article 5, paragraph 1: 600,0\d\d characters, over the limit of "
                     r"20,000 for one paragraph of law text", out.stderr, re.M), out.stderr


def test_a_note_linking_a_missing_article_is_reported_at_the_note(root):
    path = root / "annotations" / SHENZHEN / "article-44.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "piloted **before**" in l)
    path.write_text(text.replace("piloted **before**", "piloted [x](article-999) **before**", 1), encoding="utf-8")
    out = run(root, "check")
    assert out.returncode == 1
    assert (f"annotations/{SHENZHEN}/article-44.yaml:{line}: error: the note links to article 999 of {SHENZHEN}, "
            "which does not exist — correct the article number in the link") in out.stderr.splitlines()


def test_annotate_with_a_non_ascii_digit_is_a_clean_error(root):
    out = run(root, "annotate", f"{SHENZHEN}/article-²")
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert f"'{SHENZHEN}/article-²' is not <statute-id>/article-<n>" in out.stderr


def test_link_prints_no_terminal_escape_sequences(root, tmp_path):
    path = tmp_path / "esc.txt"
    path.write_text("第十条 \x1b]0;pwned\x07\x1b[31mRED\x1b[0m 本市人工智能产业发展遵循科技引领。\n", encoding="utf-8")
    out = run(root, "link", "--statute", SHENZHEN, str(path))
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout + out.stderr and "\x07" not in out.stdout
    assert "RED" in out.stdout


def test_serve_prints_its_url(root):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "serve", "-a", f"127.0.0.1:{port}"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        deadline = time.monotonic() + 120
        seen = []
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            seen.append(line)
            if f"http://127.0.0.1:{port}/" in line:
                break
        else:
            pytest.fail("".join(seen))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
