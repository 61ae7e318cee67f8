"""The translation memory file and the translate plan/run, without any MT stack.

The real argostranslate path is in test_translate_argos.py; here a stand-in translator
exercises what must hold whatever the model: caching by source hash, stale replacement,
sorting, atomic writes, and lost terms being recorded.
"""

from __future__ import annotations

import json
import os

import pytest

from generator.diagnostics import InputError
from generator.english.model import MISSING
from generator.model import Segment
from generator.textnorm import source_hash
from generator.annotations.load import Annotations
from generator.english.choice import ProjectEnglish
from generator.english.memory import TMEntry, TranslationMemory, natural_key
from generator.english.run import plan, run
from generator.english.terms import default_terms
from tests.conftest import SHANGHAI, SHENZHEN


def entry(statute="s", eid="art_1__para_1", zh="第一条内容", en="Article one", **kw) -> TMEntry:
    return TMEntry(statute=statute, eid=eid, source_hash=source_hash(zh), zh=zh, en=en,
                   engine="argostranslate", model="translate-zh_en", model_version="1.9", **kw)


class Echo:
    """A stand-in model: 'translates' by returning its input (like the tiny test model)."""

    engine, model, model_version = "argostranslate", "translate-zh_en", "echo-1"

    def __init__(self, drop: str | None = None):
        self.calls: list[str] = []
        self.drop = drop

    def translate(self, text: str) -> str:
        self.calls.append(text)
        return text.replace(self.drop, "") if self.drop else text


# ------------------------------------------------------------------ file format

def test_save_sorts_by_statute_then_reading_order_with_sorted_keys(tmp_path):
    tm = TranslationMemory(tmp_path / "tm.jsonl")
    for e in [entry("b", "art_10__para_1", "十"), entry("b", "art_2__para_1", "二"),
              entry("a", "title", "标题"), entry("b", "title", "题")]:
        tm.put(e)
    assert tm.save(order={"b": ["title", "art_2__para_1", "art_10__para_1"]})
    lines = (tmp_path / "tm.jsonl").read_text(encoding="utf-8").splitlines()
    assert [(json.loads(x)["statute"], json.loads(x)["eid"]) for x in lines] == [
        ("a", "title"), ("b", "title"), ("b", "art_2__para_1"), ("b", "art_10__para_1")]
    for line in lines:
        data = json.loads(line)
        assert list(data) == sorted(data)
        assert "\\u" not in line  # Chinese kept readable
    again = TranslationMemory.load(tmp_path / "tm.jsonl")
    assert again.entries == tm.entries


def test_natural_order_when_the_reading_order_is_unknown():
    assert sorted(["art_10", "art_2__para_1", "art_2"], key=natural_key) == ["art_2", "art_2__para_1", "art_10"]


def test_unchanged_save_does_not_touch_the_file(tmp_path):
    tm = TranslationMemory(tmp_path / "tm.jsonl")
    tm.put(entry())
    assert tm.save()
    path = tmp_path / "tm.jsonl"
    os.utime(path, (1, 1))
    assert not TranslationMemory.load(path).save()
    assert path.stat().st_mtime == 1


def test_write_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "tm.jsonl"
    tm = TranslationMemory(path)
    tm.put(entry())
    tm.save()
    before = path.read_bytes()
    tm.put(entry(eid="art_2__para_1", zh="第二条"))

    def boom(src, dst):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        tm.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tm.jsonl"]   # no temp file left


def test_lookup_needs_the_current_hash_and_put_replaces_stale_drafts(tmp_path):
    tm = TranslationMemory(tmp_path / "tm.jsonl")
    old = entry(zh="旧的中文", en="old")
    tm.put(old)
    assert tm.lookup("s", "art_1__para_1", source_hash("旧的中文")) == old
    assert tm.lookup("s", "art_1__para_1", source_hash("新的中文")) is None
    new = entry(zh="新的中文", en="new")
    assert tm.put(new) == [old]
    assert tm.entries_for("s", "art_1__para_1") == [new]


def test_machine_drafts_give_english_with_provenance(tmp_path):
    tm = TranslationMemory(tmp_path / "tm.jsonl")
    tm.put(entry(zh="第一条内容", en="Article one"))
    drafts = ProjectEnglish(Annotations(), tm)
    english = drafts.english("s", Segment("art_1__para_1", "paragraph", "第一条内容", 1))
    assert (english.status, english.text, english.engine) == ("machine", "Article one", "argostranslate")
    assert "1.9" in english.model_version
    assert drafts.english("s", Segment("art_1__para_1", "paragraph", "第一条改了", 1)) is MISSING


@pytest.mark.parametrize("line, message", [
    ("<<<<<<< HEAD", "merge conflict"),
    ('{"statute": "s"}', "entry lacks"),
    (json.dumps({**entry().to_json(), "zh": "别的中文"}, ensure_ascii=False), "does not match"),
])
def test_bad_lines_are_reported_with_file_and_line(tmp_path, line, message):
    path = tmp_path / "tm.jsonl"
    path.write_text(entry().to_line() + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        TranslationMemory.load(path, shown="annotations/translation-memory.jsonl")
    text = str(exc.value)
    assert "annotations/translation-memory.jsonl:2:" in text and message in text


def test_missing_file_is_an_empty_memory(tmp_path):
    tm = TranslationMemory.for_project(tmp_path)
    assert len(tm) == 0 and not tm.path.exists()


# ------------------------------------------------------------------ plan and run

def test_plan_and_run_translate_only_what_lacks_a_current_draft(project, tmp_path):
    tm = TranslationMemory(tmp_path / "tm.jsonl")
    segments = project.statutes[SHANGHAI].segments()
    first, second = segments[0], segments[1]
    tm.put(entry(SHANGHAI, first.eid, first.text, "cached draft"))          # current
    tm.put(entry(SHANGHAI, second.eid, second.text + "旧", "stale draft"))   # Chinese changed since
    tm.put(entry(SHANGHAI, "art_99__para_1", "不存在", "orphan"))            # segment gone

    work = plan(project, tm, [SHANGHAI])
    assert work.cached == 1 and len(work.jobs) == len(segments) - 1 and work.stale == 1
    assert [e.eid for e in work.orphans] == ["art_99__para_1"]

    echo = Echo()
    result = run(work, tm, echo, default_terms())
    assert (result.translated, result.cached, result.stale_replaced, result.orphans_removed) == \
        (len(segments) - 1, 1, 1, 1)
    assert len(echo.calls) == len(segments) - 1
    assert tm.lookup(SHANGHAI, first.eid, first.source_hash).en == "cached draft"
    assert tm.lookup(SHANGHAI, second.eid, second.source_hash).en != "stale draft"
    assert len(tm) == len(segments)
    lines = tm.path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["eid"] for x in lines] == [s.eid for s in segments]   # reading order

    again = plan(project, TranslationMemory.load(tm.path), [SHANGHAI])
    assert again.jobs == [] and again.cached == len(segments)
    assert plan(project, tm).jobs and all(j.statute == SHENZHEN for j in plan(project, tm).jobs)


def test_lost_term_is_recorded_in_the_entry(project, tmp_path):
    tm = TranslationMemory(tmp_path / "tm.jsonl")
    work = plan(project, tm, [SHENZHEN])
    work.jobs = [j for j in work.jobs if "市产业主管部门" in j.segment.text][:1]
    assert work.jobs, "the Shenzhen regulation names 市产业主管部门"
    # A model that loses the first placeholder of every segment.
    result = run(work, tm, Echo(drop="TERMAA"), default_terms())
    (stored,) = list(tm)
    assert result.terms_missing and result.terms_missing[0][1] == stored.eid
    assert stored.terms_missing, stored
    assert "TERMAA" not in stored.en and "TERM" not in stored.en
    assert {"zh": stored.terms_missing[0]["zh"], "en": stored.terms_missing[0]["en"]} in \
        [dict(t) for t in stored.terms_protected]
    line = json.loads(tm.path.read_text(encoding="utf-8"))
    assert line["terms_missing"] == [dict(t) for t in stored.terms_missing]


def test_empty_model_output_is_not_stored(project, tmp_path):
    class Silent(Echo):
        def translate(self, text):
            return "  "
    tm = TranslationMemory(tmp_path / "tm.jsonl")
    work = plan(project, tm, [SHANGHAI])
    result = run(work, tm, Silent(), default_terms())
    assert result.translated == 0 and len(result.failed) == len(work.jobs)
    assert not tm.path.exists()
