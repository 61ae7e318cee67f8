"""MkDocs hooks (``hooks:`` in mkdocs.yml) that shape Material's search index.

See :mod:`generator.site.search_index` for what and why.  Order of events in one build:

* ``on_config``       — load the search segmenter (with ``site_config/search/userdict.txt``)
  and the ranking policy the generator wrote (``<docs>/.search.json``);
* ``on_page_markdown`` — give the page its search boost from that policy (unless its front
  matter sets one); note the URL of each page that has paragraph entries;
* ``on_page_content`` — mark page chrome ``data-search-exclude`` (Material's search plugin
  then skips it and strips the attribute);
* ``on_post_build``   — after the search plugin has written ``search/search_index.json``
  and before the offline plugin inlines it into ``search_index.js``: add the paragraph
  entries and re-segment the Chinese.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

try:
    from generator.site import search_index
except ImportError:  # `mkdocs build` run directly without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from generator.site import search_index

_state: dict = {"paragraphs": {}, "segmenter": None, "policy": {}}


def on_config(config, **kwargs):
    root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    _state["segmenter"] = search_index.Segmenter(root / search_index.USER_DICT)
    _state["paragraphs"] = {}
    policy = Path(config.docs_dir) / search_index.POLICY_FILE
    _state["policy"] = json.loads(policy.read_text(encoding="utf-8")) if policy.is_file() else {}
    return config


def on_page_markdown(markdown, page, config, files, **kwargs):
    paragraphs = _state["policy"].get("paragraphs", {}).get(page.file.src_uri)
    if paragraphs:
        _state["paragraphs"][page.url] = paragraphs
    boost = search_index.policy_boost(_state["policy"], page.file.src_uri)
    if boost is not None:
        search = page.meta.get("search")
        if not isinstance(search, dict):
            search = page.meta["search"] = {}
        search.setdefault("boost", boost)
    return markdown


def on_page_content(html, page, config, files, **kwargs):
    return search_index.mark_excluded(html)


@event_priority(-50)
def on_post_build(config, **kwargs):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file():      # search plugin disabled
        return
    segmenter = _state["segmenter"] or search_index.Segmenter()
    search_index.rewrite_index_file(index, _state["paragraphs"], segmenter)
