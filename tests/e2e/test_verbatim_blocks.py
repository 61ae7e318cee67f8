"""Verbatim blocks (generator/render/verbatim.py, generator/site/verbatim_blocks.py): the
print view's text skips Python-Markdown and the site is byte for byte the site Markdown
makes of the same HTML; the splicing itself on small cases."""

from __future__ import annotations

from pathlib import Path

from generator.render import print_view
from generator.render.verbatim import CLOSE, OPEN, verbatim
from generator.site.build import build_site
from generator.site.verbatim_blocks import VerbatimBlocks
from tests.conftest import SHENZHEN, make_project_copy


def html_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_the_site_is_the_one_markdown_makes_of_the_same_html(tmp_path, monkeypatch):
    root = make_project_copy(tmp_path / "p")
    build_site(root, full=True)
    spliced = html_files(root / "site")
    assert OPEN in (root / "build" / "docs" / SHENZHEN / "print.md").read_text(encoding="utf-8")
    monkeypatch.setattr(print_view, "verbatim", lambda html: html)     # the HTML through Markdown
    build_site(root, full=True)
    through_markdown = html_files(root / "site")
    assert spliced.keys() == through_markdown.keys()
    different = sorted(p for p in spliced if spliced[p] != through_markdown[p])
    assert different == []
    page = spliced[f"{SHENZHEN}/print/index.html"].decode("utf-8")
    assert "statute-site:verbatim" not in page and 'class="article-text"' in page


def test_blocks_are_taken_out_and_put_back_in_place():
    blocks = VerbatimBlocks()
    md = ("# Title\n\n" + verbatim('<div class="a">\n<p>one &amp; <b>two</b></p>\n</div>') + "text\n\n"
          + verbatim("<p>second</p>\n\n<p>summary</p>\n\n"))
    taken = blocks.take("p.md", md)
    assert OPEN not in taken and CLOSE not in taken and "one" not in taken and "second" not in taken
    html = taken.replace("# Title", "<h1>Title</h1>").replace("text", "<p>text</p>")
    back = blocks.give_back("p.md", html)
    assert back == ('<h1>Title</h1>\n\n<div class="a">\n<p>one &amp; <b>two</b></p>\n</div>\n\n<p>text</p>\n\n'
                    "<p>second</p>\n\n<p>summary</p>\n\n")
    # Another page's placeholders are not this page's; a page without blocks is left alone.
    assert blocks.give_back("p.md", "<!-- statute-site:verbatim-0 -->") == "<!-- statute-site:verbatim-0 -->"
    assert blocks.take("q.md", "plain *text*") == "plain *text*"
