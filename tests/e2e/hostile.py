"""Build hostile projects: every payload of tests/data/hostile_inputs.yaml pushed through
every input channel of a project copy (see tests/e2e/test_hostile_inputs.py).

One project per channel group (not per payload) keeps the build count small:

* ``annotations``: translations (en, note, translator, reviewer), notes (author, title, body), see_also
  notes, glossary terms (en, definition_en), chapter headings' English in statute.yaml;
* ``manifest``: statutes' title_en / short_title_en, documents' title_en / publisher_en;
* ``source``: article titles, a chapter title and article text in the authoritative copy
  (its sha256 updated in the manifest);
* ``commentary``: paragraphs and attribute values in the HTML news report.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml
from ruamel.yaml import YAML

from tests.conftest import REPO, SHANGHAI, SHENZHEN, make_project_copy

PAYLOADS: list[str] = yaml.safe_load((REPO / "tests" / "data" / "hostile_inputs.yaml").read_text(encoding="utf-8"))["payloads"]
SHENZHEN_003 = "003_fb396ab0a1b6b464.txt"
NEWS_001 = "001_c5332b351cc69fb6.txt"


def one_line(payload: str) -> str:
    return " ".join(payload.split())


def _rt() -> YAML:
    rt = YAML()
    rt.width = 10_000
    return rt


def _edit(path: Path, change) -> None:
    rt = _rt()
    data = rt.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as fh:
        rt.dump(data, fh)


def inject_annotations(root: Path) -> dict[str, list[int]]:
    """Payload i goes into article i+1 of the Shenzhen statute; returns {channel: [articles]}."""
    folder = root / "annotations" / SHENZHEN
    hashes = {}
    for i, payload in enumerate(PAYLOADS):
        number = i + 1
        path = folder / f"article-{number}.yaml"

        def change(data, payload=payload, number=number):
            for key, tr in (data.get("translations") or {}).items():
                tr["en"] = f"English {payload} end"
                tr["note"] = f"note {payload}"
                tr["translator"] = f"tr {payload}"
                tr["reviewer"] = f"rev {payload}"
                tr["reviewed_on"] = "2026-11-02"
                hashes.setdefault(number, tr["source_hash"])
                break
            data["notes"] = [{"author": f"auth {payload}", "date": "2026-11-01", "title": f"t {payload}",
                              "body": f"body {payload}", "source_hash": "0" * 64}]
            data["see_also"] = [{"target": f"{SHANGHAI}/article-{min(number, 31)}", "note": payload}]
        _edit(path, change)

    def statute_change(data):
        for j, (key, tr) in enumerate((data.get("translations") or {}).items()):
            if key.startswith("chp_") or key == "title":
                tr["en"] = f"Heading {PAYLOADS[j % len(PAYLOADS)]}"
        data["terms"] = [{"zh": f"术语{j}", "en": f"term {p}", "definition_en": f"def {p}"}
                         for j, p in enumerate(PAYLOADS)]
    _edit(folder / "statute.yaml", statute_change)
    return hashes


def inject_manifest(root: Path) -> None:
    path = root / "source" / "manifest.yaml"
    joined = " ".join(one_line(p) for p in PAYLOADS)

    def change(data):
        for j, spec in enumerate(data["statutes"].values()):
            spec["title_en"] = f"Title {joined}"
            spec["short_title_en"] = f"Short {PAYLOADS[j]}"
        for j, spec in enumerate(data["documents"].values()):
            spec["title_en"] = f"Doc {PAYLOADS[(j + 2) % len(PAYLOADS)]}"
            spec["publisher_en"] = f"Pub {PAYLOADS[(j + 5) % len(PAYLOADS)]}"
    _edit(path, change)


def _rehash(root: Path, name: str) -> None:
    digest = hashlib.sha256((root / "source" / name).read_bytes()).hexdigest()
    manifest = root / "source" / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = re.sub(rf"(- file: {re.escape(name)}\n\s+sha256: )[0-9a-f]{{64}}", rf"\g<1>{digest}", text)
    manifest.write_text(text, encoding="utf-8")


def inject_source(root: Path, payloads: list[str] | None = None) -> None:
    """Article titles (【…】), a chapter title and article text of the authoritative copy."""
    path = root / "source" / SHENZHEN_003
    text = path.read_text(encoding="utf-8")
    payloads = [one_line(p) for p in (payloads or PAYLOADS) if "\u202e" not in p]
    for i, payload in enumerate(payloads):
        number = 4 + i
        from generator.numerals import article_label_zh
        label = article_label_zh(number)
        # the statute's copy of the article (the second occurrence: the TOC has none)
        at = text.find(label, text.find("第一条"))
        if at < 0:
            continue
        end = at + len(label)
        if i % 2 == 0:
            text = text[:end] + f" 【{payload}】" + text[end:]
        else:
            stop = text.find("。", end)
            text = text[:stop] + f"{payload}" + text[stop:]
    heading = "第七章 附则"
    at = text.find(heading, text.find(heading) + 1) + len(heading)   # the statute's, not the TOC's
    text = text[:at] + "<svg/onload=alert(40)>" + text[at:]
    path.write_text(text, encoding="utf-8")
    _rehash(root, SHENZHEN_003)


def inject_commentary(root: Path) -> None:
    path = root / "source" / NEWS_001
    text = path.read_text(encoding="utf-8")
    extra = "".join(f"<p>深圳条例第十条 {p}</p>" for p in PAYLOADS)
    extra += '<p><img src="//x[a](//e){: onfocus=alert(41) autofocus tabindex=0 }">第十一条</p>'
    extra += '<p><a href="javascript:alert(42)" onclick="alert(43)">链接</a>深圳条例第十二条</p>'
    text = text.replace("<div id=\"multi-text\">", "<div id=\"multi-text\">" + extra, 1)
    path.write_text(text, encoding="utf-8")
    _rehash(root, NEWS_001)


CHANNELS = {
    "annotations": inject_annotations,
    "manifest": inject_manifest,
    "source": inject_source,
    "commentary": inject_commentary,
}


def hostile_project(dest: Path, channel: str) -> Path:
    root = make_project_copy(dest)
    CHANNELS[channel](root)
    return root
