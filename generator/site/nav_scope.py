"""Each page carries its own statute's navigation, not the whole library's.

MkDocs has one navigation for the whole site, and Material writes it into every page
(``navigation.prune`` drops the children of sections the page is not in, but keeps every
section's label).  With hundreds of statutes that is hundreds of labels on every article
page.  So a page's navigation is the site's with every entry that belongs to *another*
statute left out: the statute's own section, its entry under Print and Versions, nothing
of the others.  A page outside any statute (home, glossary, reference) keeps the statutes
when the library is small (``SMALL_LIBRARY``: the seed site shows both statutes) and drops
them in a large one, whose home page lists them all.

An entry belongs to statute X when every page in it lies under ``X/`` in the docs tree,
or is a page the generator says belongs to X though it lies elsewhere (``.library.json``'s
``belongs_to``: a commentary document belongs to the statutes whose articles it discusses,
its own statute first).  The ids come from ``.library.json``, written by the generator.

Pages that lie elsewhere but belong to statute X are what a reader of X cannot find from
X's own section, so on X's pages the section holding them is shown open (its other
entries, such as the commentary index, stay): an article page of X lists the commentary
on X, and none on other statutes.  A commentary document's own page is scoped to its
statute (the first of its ``belongs_to``).

Owners are worked out once per build, and the scoped navigation once per statute, so a
page costs a dict lookup.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section

SMALL_LIBRARY = 12


class ScopedSection(Section):
    """A section shown with fewer children; whether it is active is the original's, or
    ``True`` when it is shown open (``expanded``) for the statute's pages."""

    def __init__(self, original: Section, children: list, expanded: bool = False) -> None:
        super().__init__(original.title, children)
        self.parent = original.parent
        self.original = original
        self.expanded = expanded

    @property
    def active(self) -> bool:
        return self.expanded or self.original.active

    @active.setter
    def active(self, value: bool) -> None:
        """Pages set their ancestors active; those are the original sections."""


class NavScope:
    def __init__(self, nav: Navigation, statutes: frozenset[str],
                 belongs_to: dict[str, list[str]] | None = None) -> None:
        """``belongs_to``: docs path -> the statutes a page outside their folders belongs to."""
        self.nav = nav
        self.statutes = statutes
        self.belongs_to = {path: ids for path, ids in (belongs_to or {}).items() if ids}
        self.owners: dict[int, frozenset[str] | None] = {}
        self.elsewhere: set[int] = set()      # entries owned through belongs_to
        for item in nav.items:
            self._owner(item)
        self._cache: dict[str | None, Navigation] = {}

    def page_statute(self, page) -> str | None:
        """The statute a page is scoped to (None: outside any statute)."""
        uri = page.file.src_uri
        if uri in self.belongs_to:
            return self.belongs_to[uri][0]
        top, sep, _ = uri.partition("/")
        return top if sep and top in self.statutes else None

    def _page_owner(self, page) -> frozenset[str] | None:
        ids = self.belongs_to.get(page.file.src_uri)
        if ids:
            self.elsewhere.add(id(page))
            return frozenset(ids)
        own = self.page_statute(page)
        return frozenset((own,)) if own else None

    def _owner(self, item) -> frozenset[str] | None:
        if getattr(item, "is_section", False):
            owners = {self._owner(child) for child in item.children}
            owner = owners.pop() if len(owners) == 1 else None
            if owner is not None and any(id(child) in self.elsewhere for child in item.children):
                self.elsewhere.add(id(item))
        elif getattr(item, "is_page", False):
            owner = self._page_owner(item)
        else:
            owner = None
        self.owners[id(item)] = owner
        return owner

    def _items(self, items: list, own: str | None, keep_all: bool) -> tuple[list, bool]:
        """The entries kept for statute ``own``, and whether one of them belongs to it from
        outside its folder (then the section holding them is shown open)."""
        out, elsewhere = [], False
        for item in items:
            owner = self.owners.get(id(item))
            if owner is not None and own not in owner and not keep_all:
                continue
            if owner is None and getattr(item, "is_section", False):
                children, open_ = self._items(item.children, own, keep_all)
                if not children:
                    continue
                if len(children) != len(item.children) or open_:
                    item = ScopedSection(item, children, expanded=open_)
                elsewhere = elsewhere or open_
            elif own is not None and owner is not None and id(item) in self.elsewhere:
                elsewhere = True
            out.append(item)
        return out, elsewhere

    def for_page(self, page) -> Navigation:
        return self.for_statute(self.page_statute(page))

    def for_statute(self, own: str | None) -> Navigation:
        """The navigation of statute ``own``'s pages (None: of a page outside any statute)."""
        if own not in self._cache:
            keep_all = own is None and len(self.statutes) <= SMALL_LIBRARY
            items, _ = self._items(self.nav.items, own, keep_all)
            scoped = Navigation(items, self.nav.pages)
            scoped.homepage = self.nav.homepage
            self._cache[own] = scoped
        return self._cache[own]
