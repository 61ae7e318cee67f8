"""The 新旧对照 marking: characters, not words, and every piece escaped."""

from __future__ import annotations

import html
import re

from generator.render.versions_compare import mark_changes


def test_marks_characters_in_chinese():
    old, new = mark_changes("公司必须遵守法律、行政法规。", "公司应当遵守法律法规。")
    assert old == "公司<del>必须</del>遵守法律<del>、行政</del>法规。"
    assert new == "公司<ins>应当</ins>遵守法律法规。"


def test_identical_text_has_no_marks_and_lines_break():
    old, new = mark_changes("第一款。\n第二款。", "第一款。\n第二款。")
    assert old == new == "第一款。<br>第二款。"


def test_hostile_text_is_escaped_inside_and_outside_marks():
    before, after = '甲<script>alert(1)</script>乙', '甲<img src=x onerror="a()">乙&'
    old, new = mark_changes(before, after)
    for html_text, source in ((old, before), (new, after)):
        tags = re.findall(r"<[^>]*>", html_text)
        assert set(tags) <= {"<del>", "</del>", "<ins>", "</ins>"}, tags
        assert html.unescape(re.sub(r"</?(del|ins)>", "", html_text)) == source
    assert new.endswith("乙<ins>&amp;</ins>")
