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
        return {GUIDE: front_matter("Editor guide · 编辑指南") + text}

    def nav(self, project) -> list:
        path = Path(project.paths.root) / GUIDE_SOURCE
        return [{"Editor guide · 编辑指南": GUIDE}] if path.exists() else []
