"""``serve``'s first answer to an edit: the edited article pages, rendered alone.

A warm build renders only the pages whose Markdown changed, but it still loads the whole
project and renders every page's Markdown in memory, which grows with the library.  So
when the only inputs that changed since the last preview build are article annotation
files (``annotations/<statute>/article-<n>.yaml``) and raw source files (``source/``: a
statute's text corrected, its new SHA-256 in the manifest), ``serve`` first shows the
edited articles' pages on their own, then runs the whole warm build as before:

1. a source edit: the statutes it touches are read and built again, alone
   (:mod:`generator.site.quick_source`, with every check a build makes: an error ends the
   quick path and the whole build reports it); the articles whose text changed are shown;
2. the annotations are loaded again (all of them, checked against the statutes as the
   edit left them: a broken edit ends the quick path) and the English made from them
   replaces the last preview build's in the project it kept in memory;
3. each edited article's Markdown is rendered by the function the whole build uses
   (:func:`generator.render.site.article_markdown`), and its HTML by MkDocs's own page
   functions with the configuration, files, navigation and templates of the last preview
   build (kept by the hooks, :func:`remember`), so the theme, navigation and hooks are
   exactly the build's;
4. the page passes the post-build check (:func:`generator.site.audit.audit_page`) and
   replaces the published preview's page (a new file renamed over it: the hard link it may
   share with ``site/`` is never written through);
5. its Markdown is taken out of ``build/docs`` so that the whole build that follows writes
   it again, newer than this HTML, and so renders the page again with everything else the
   edit touched (search data, related provisions, the glossary, commentary pages).

What the quick page cannot show before the whole build ends: other pages the edit changes,
and parts of the edited page computed from the whole library (related provisions, term
tooltips, the commentary's English matching, links from commentary), which are the last
build's until then; articles a source edit added or removed (they have no page in the last build).
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from generator.diagnostics import InputError
from generator.model import Article
from generator.pipeline import load_english
from generator.project import Paths, Project
from generator.render import urls
from generator.render.site import article_markdown, site_extensions
from generator.site.audit import audit_page
from generator.site.mkdocs_settings import served_path
from generator.site.quick_source import read_source_edit
from generator.site.publish import BuildLocked, build_lock, current_build

ARTICLE_ANNOTATION = re.compile(r"^annotations/([^/]+)/article-([1-9][0-9]*)\.yaml$")
SOURCE_FILE = re.compile(r"^source/[^/]+$")
WATCHED = ("source", "annotations", "site_config")


@dataclass
class MkDocsState:
    """What one MkDocs build was made with: enough to render one of its pages again."""

    config: object
    files: object
    nav: object
    env: object = None


_LAST: dict[str, MkDocsState] = {}       # the last build only, by its output directory


def remember(site_dir: str, **parts) -> None:
    """Called by the hooks during a build (``on_nav``: config, files, nav; ``on_env``: env)."""
    state = _LAST.get(site_dir)
    if state is None or "config" in parts:
        _LAST.clear()
        state = _LAST[site_dir] = MkDocsState(parts.get("config"), parts.get("files"), parts.get("nav"))
    for name, value in parts.items():
        setattr(state, name, value)


def forget_pages_html(site_dir: str) -> None:
    """After a build (``on_post_build``): the remembered pages keep no HTML in memory."""
    state = _LAST.get(site_dir)
    if state is not None and state.files is not None:
        for file in state.files.documentation_pages():
            if file.page is not None:
                file.page.content = None


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every input file's (size, modification time), by path relative to ``root``."""
    out: dict[str, tuple[int, int]] = {}
    for folder in WATCHED:
        for dirpath, _dirs, names in os.walk(root / folder):
            for name in names:
                path = Path(dirpath) / name
                with contextlib.suppress(OSError):
                    st = path.stat()
                    out[path.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    with contextlib.suppress(OSError):
        st = (root / "mkdocs.yml").stat()
        out["mkdocs.yml"] = (st.st_size, st.st_mtime_ns)
    return out


def plan_edit(root: Path, before: dict, after: dict,
              project: Project) -> tuple[Project, list[tuple[str, Article]]] | None:
    """What changed between two snapshots, if the quick path can show it: the project as
    the edit left it (sources read again when ``source/`` changed,
    :mod:`generator.site.quick_source`) and the articles to show; None when anything else
    changed (or nothing did): then only the whole build will do."""
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    annotated: list[tuple[str, int]] = []
    source_paths: set[str] = set()
    for path in sorted(changed):
        m = ARTICLE_ANNOTATION.match(path)
        if m is not None and path in after:
            annotated.append((m.group(1), int(m.group(2))))
        elif SOURCE_FILE.match(path):
            source_paths.add(path)
        else:
            return None
    pages: list[tuple[str, Article]] = []
    if source_paths:
        edit = read_source_edit(root, project.sources, source_paths)
        if edit is None:
            return None
        project = replace(project, sources=edit.sources)
        pages.extend(edit.articles)
    for sid, number in annotated:
        statute = project.statutes.get(sid)
        article = statute.article(number) if statute is not None else None
        if article is None:
            return None
        pages.append((sid, article))
    unique = {(sid, article.key): (sid, article) for sid, article in pages}
    return (project, list(unique.values())) if unique else None


def _render_html(state: MkDocsState, src_uri: str, markdown: str) -> tuple[str, str] | None:
    """(HTML, output path) of one page of the remembered build, from new Markdown."""
    from mkdocs import utils
    from mkdocs.commands.build import _build_page, _populate_page

    file = state.files.get_file_from_path(src_uri)
    if file is None or file.page is None or state.env is None:
        return None
    file.content_string = markdown
    written: list[tuple[bytes, str]] = []
    write_file = utils.write_file
    utils.write_file = lambda content, path: written.append((content, path))
    try:
        _populate_page(file.page, state.config, state.files)
        _build_page(file.page, state.config, state.files.documentation_pages(), state.nav, state.env)
    finally:
        utils.write_file = write_file
        file.page.content = None               # the build keeps no page's HTML in memory
    return (written[0][0].decode("utf-8"), written[0][1]) if written else None


def show_edits(root: Path, project: Project, edited: list[tuple[str, Article]]) -> list[str]:
    """Publish the quick pages of ``edited`` (from :func:`plan_edit`) into the preview; the
    pages shown (paths relative to the site), or [] when the quick path does not apply and
    nothing was done."""
    paths = Paths(root)
    site = paths.build / "preview" / "site"
    build = current_build(site)
    state = next((s for d, s in _LAST.items() if build is not None and Path(d).resolve() == build), None)
    if state is None:                       # the preview is not the build this process made
        return []
    try:
        annotations, english, _ = load_english(root, project.statutes, project.sources.manifest,
                                               sources_key=project.sources.key)
    except InputError:                      # the whole build that follows reports it
        return []
    project = replace(project, annotations=annotations, english=english)
    section_parts, _ = site_extensions(project)
    rendered = []
    for sid, article in edited:
        statute = project.statutes[sid]
        src_uri = urls.article_page(sid, article.ref)
        out = _render_html(state, src_uri, article_markdown(project, statute, article, section_parts))
        if out is None:
            return []
        rendered.append((src_uri, *out))
    try:
        with build_lock(paths.build):
            return _publish(paths, build, rendered)
    except BuildLocked:                     # another build is running: the whole build waits for it
        return []


def _publish(paths: Paths, build: Path, rendered: list[tuple[str, str, str]]) -> list[str]:
    """Each page checked, then renamed over the published one; stops at the first that
    is not safe (the whole build that follows reports it)."""
    shown: list[str] = []
    served = served_path(paths.mkdocs_yml)
    for src_uri, html, dest in rendered:
        target = Path(dest).resolve()
        if build not in target.parents:
            break
        tmp = target.with_name(f".quick-{os.getpid()}.html")
        tmp.write_text(html, encoding="utf-8")
        if audit_page(build, tmp, base=served):
            tmp.unlink()
            break
        os.replace(tmp, target)
        with contextlib.suppress(FileNotFoundError):
            (paths.docs / src_uri).unlink()      # the whole build writes it again
        shown.append(target.relative_to(build).as_posix())
    return shown
