"""MkDocs hooks (``hooks:`` in mkdocs.yml).

* Navigation: the generator writes it to ``<docs_dir>/.nav.json`` (dot files are not
  published).  Setting it here keeps mkdocs.yml a fixed, hand-written file while ``mkdocs
  build`` and ``mkdocs serve`` still get the statute's order (article 2 before article 10).
* Links in raw HTML: MkDocs rewrites Markdown links to pages, but not ``<a href>`` inside
  HTML blocks.  The generator writes such links as ``href="md:<docs path>.md#anchor"``;
  they are resolved here to the right relative URL for this build (directory URLs on the
  served site, ``page.html`` in the offline bundle), and a link to a missing page is a
  warning (an error under ``--strict``), as for Markdown links.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

NAV_FILE = ".nav.json"
MD_LINK = re.compile(r'href="md:([^"#]+)(#[^"]*)?"')
log = logging.getLogger("mkdocs.plugins.statute_site")


def on_config(config, **kwargs):
    nav_file = Path(config["docs_dir"]) / NAV_FILE
    if nav_file.exists():
        config["nav"] = json.loads(nav_file.read_text(encoding="utf-8"))
    return config


def on_page_content(html, page, config, files, **kwargs):
    if "md:" not in html:
        return html

    def resolve(match: re.Match) -> str:
        target = files.get_file_from_path(match.group(1))
        if target is None:
            log.warning("Doc file '%s' contains a link to '%s', which is not found in the documentation files.",
                        page.file.src_uri, match.group(1))
            return 'href="#"'
        return f'href="{target.url_relative_to(page.file)}{match.group(2) or ""}"'

    return MD_LINK.sub(resolve, html)
