"""The extension protocol: how a part of the site plugs into rendering.

Every part of the site beyond the statute pages themselves (commentary, print view,
glossary, annotations, editor guide, data exports) is a :class:`SiteExtension`; the
renderer lists them explicitly in :func:`generator.render.site.site_extensions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:   # types only: rendering reads the model, it never imports the pipeline
    from generator.model import Article
    from generator.project import Project
    from generator.reconcile.statute import Statute


class SiteExtension:
    """A part of the site; override what it contributes (each defaults to nothing)."""

    def article_sections(self, project: "Project", statute: "Statute", article: "Article", page: str) -> str:
        """Markdown added to an article's page, after its text."""
        return ""

    def overview_sections(self, project: "Project", statute: "Statute") -> str:
        """Markdown added to a statute's overview page, at its end."""
        return ""

    def pages(self, project: "Project") -> dict[str, str]:
        """Whole pages: docs path -> content."""
        return {}

    def statute_pages(self, project: "Project", statute: "Statute") -> dict[str, str]:
        """Whole pages made from one statute alone (docs path -> content): rendered with the
        statute's own pages, and kept with them when the statute's key is unchanged
        (:mod:`generator.render.reuse`)."""
        return {}

    def later(self, project: "Project") -> dict[str, Callable[[], dict[str, str]]]:
        """Files no page's Markdown depends on, made after the pages: a folder of the docs
        tree -> a function making every file under it (docs path -> content).  The build
        runs these in a second process while MkDocs renders the pages
        (:mod:`generator.site.later_files`); :meth:`RenderedSite.complete` runs them at once."""
        return {}

    def nav(self, project: "Project") -> list:
        """Navigation entries (MkDocs nav items)."""
        return []

    def belongs_to(self, project: "Project") -> dict[str, list[str]]:
        """Pages of :meth:`pages` outside any statute's folder that belong to statutes:
        docs path -> statute ids, the page's own statute first.  The navigation of those
        statutes' pages lists them, and other statutes' pages do not
        (:mod:`generator.site.nav_scope`)."""
        return {}
