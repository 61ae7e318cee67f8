"""The theme's files, listed without walking its hidden folders.

Every MkDocs build lists every file of the theme (``Files.add_files_from_theme``, through
the Jinja loader's ``list_templates``) and then drops, among others, every path with a
part that starts with a dot (its patterns ``.*`` and ``*/.*``).  Material keeps its
14,000 icons under ``.icons/``: listing and matching them was a fifth of a warm build.

:class:`VisibleFilesLoader` is Jinja's ``FileSystemLoader`` whose listing does not descend
into hidden folders.  The files MkDocs adds are the same (the test compares them), and
templates still load from anywhere (``{% include ".icons/…svg" %}``: loading is
unchanged, only the listing is shorter).
"""

from __future__ import annotations

import os

import jinja2
from mkdocs.theme import Theme


class VisibleFilesLoader(jinja2.FileSystemLoader):
    """``FileSystemLoader`` whose ``list_templates`` skips hidden folders (their files are
    never copied into the site)."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                rel = os.path.relpath(dirpath, searchpath)
                prefix = "" if rel == os.curdir else rel.replace(os.sep, "/") + "/"
                found.update(prefix + name for name in filenames)
        return sorted(found)


class ThemeListingVisibleFiles(Theme):
    """MkDocs's theme, with :class:`VisibleFilesLoader` as its environment's loader."""

    def get_env(self) -> jinja2.Environment:
        env = super().get_env()
        env.loader = VisibleFilesLoader(self.dirs)
        return env


def list_visible_files(theme: Theme) -> None:
    """Make ``theme`` (mkdocs.yml's, in the ``on_config`` hook) list only visible files."""
    if type(theme) is Theme:
        theme.__class__ = ThemeListingVisibleFiles
