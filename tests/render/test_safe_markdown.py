"""Editors' note bodies (generator/render/safe_markdown.py): one converter serves every note,
and nothing one note defines reaches the next."""

from __future__ import annotations

from generator.render.safe_markdown import render_note


def test_a_note_s_link_definitions_do_not_reach_the_next_note():
    first = render_note("See [the rule][r].\n\n[r]: https://example.org/first\n")
    assert 'href="https://example.org/first"' in first
    second = render_note("See [the rule][r].")
    assert "example.org" not in second and "[the rule][r]" in second


def test_notes_render_the_same_whichever_came_before():
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n\n1. one\n2. two\n\n## Heading\n\n<script>alert(1)</script>"
    alone = render_note(text)
    render_note("* x\n* y\n\n[d]: https://example.org\n\n| c |\n|---|\n| 3 |")
    assert render_note(text) == alone
    assert "<table>" in alone and "<h4>Heading</h4>" in alone and "<script" not in alone
