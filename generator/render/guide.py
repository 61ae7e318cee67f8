"""The editor guide (EDITORS.md in the repository) as a page of the site."""

from __future__ import annotations

from pathlib import Path

from generator.render.extension import SiteExtension
from generator.render.statute_pages import front_matter

GUIDE = "editor-guide.md"
GUIDE_SOURCE = "EDITORS.md"


class EditorGuide(SiteExtension):
    """SiteExtension: publishes EDITORS.md so editors find it on the site too."""

    def pages(self, project) -> dict[str, str]:
        path = Path(project.paths.root) / GUIDE_SOURCE
        if not path.exists():
            return {}
        text = path.read_text(encoding="utf-8")
        # Written for editors, in English only: the Chinese view says so under the title.
        title, newline, body = text.partition("\n")
        notice = '\n<p class="bi-zh-only" lang="zh-Hans">本指南写给编辑，只有英文版。</p>\n' if title.startswith("# ") else ""
        return {GUIDE: front_matter("Editor guide · 编辑指南") + title + newline + notice + body}

    def nav(self, project) -> list:
        path = Path(project.paths.root) / GUIDE_SOURCE
        return [{"Editor guide · 编辑指南": GUIDE}] if path.exists() else []
