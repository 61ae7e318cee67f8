"""MkDocs hooks (``hooks:`` in mkdocs.yml).

The generator writes the site navigation to ``<docs_dir>/.nav.json`` (dot files are not
published).  Setting it here, rather than in mkdocs.yml, keeps mkdocs.yml a fixed,
hand-written file while ``mkdocs build`` and ``mkdocs serve`` still get the statute's
order (article 2 before article 10) instead of an alphabetical listing.
"""

from __future__ import annotations

import json
from pathlib import Path

NAV_FILE = ".nav.json"


def on_config(config, **kwargs):
    nav_file = Path(config["docs_dir"]) / NAV_FILE
    if nav_file.exists():
        config["nav"] = json.loads(nav_file.read_text(encoding="utf-8"))
    return config
