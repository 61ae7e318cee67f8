"""Each page carries its own statute's navigation, not the whole library's.

MkDocs has one navigation for the whole site, and Material writes it into every page
(``navigation.prune`` drops the children of sections the page is not in, but keeps every
section's label).  With hundreds of statutes that is hundreds of labels on every article
page.  So a page's navigation is the site's with every entry that belongs to *another*
statute left out: the statute's own section, its entry under Print and Versions, nothing
of the others.  A page outside any statute (home, glossary, reference) keeps the statutes
when the library is small (``SMALL_LIBRARY``: the seed site shows both statutes) and drops
them in a large one, whose home page lists them all.

An entry belongs to statute X when every page in it lies under ``X/`` in the docs tree
(the ids come from ``.library.json``, written by the generator).  Owners are worked out
once per build, and the scoped navigation once per statute, so a page costs a dict lookup.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section

SMALL_LIBRARY = 12


class ScopedSection(Section):
    """A section shown with fewer children; whether it is active is the original's."""

    def __init__(self, original: Section, children: list) -> None:
        super().__init__(original.title, children)
        self.parent = original.parent
        self.original = original

    @property
    def active(self) -> bool:
        return self.original.active

    @active.setter
    def active(self, value: bool) -> None:
        """Pages set their ancestors active; those are the original sections."""


class NavScope:
    def __init__(self, nav: Navigation, statutes: frozenset[str]) -> None:
        self.nav = nav
        self.statutes = statutes
        self.owners: dict[int, str | None] = {}
        for item in nav.items:
            self._owner(item)
        self._cache: dict[str | None, Navigation] = {}

    def page_statute(self, page) -> str | None:
        top, sep, _ = page.file.src_uri.partition("/")
        return top if sep and top in self.statutes else None

    def _owner(self, item) -> str | None:
        if getattr(item, "is_section", False):
            owners = {self._owner(child) for child in item.children}
            owner = owners.pop() if len(owners) == 1 else None
        elif getattr(item, "is_page", False):
            owner = self.page_statute(item)
        else:
            owner = None
        self.owners[id(item)] = owner
        return owner

    def _items(self, items: list, own: str | None, keep_all: bool) -> list:
        out = []
        for item in items:
            owner = self.owners.get(id(item))
            if owner is not None and owner != own and not keep_all:
                continue
            if owner is None and getattr(item, "is_section", False):
                children = self._items(item.children, own, keep_all)
                if not children:
                    continue
                if len(children) != len(item.children):
                    item = ScopedSection(item, children)
            out.append(item)
        return out

    def for_page(self, page) -> Navigation:
        return self.for_statute(self.page_statute(page))

    def for_statute(self, own: str | None) -> Navigation:
        """The navigation of statute ``own``'s pages (None: of a page outside any statute)."""
        if own not in self._cache:
            keep_all = own is None and len(self.statutes) <= SMALL_LIBRARY
            scoped = Navigation(self._items(self.nav.items, own, keep_all), self.nav.pages)
            scoped.homepage = self.nav.homepage
            self._cache[own] = scoped
        return self._cache[own]
