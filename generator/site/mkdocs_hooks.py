"""MkDocs hooks (``hooks:`` in mkdocs.yml).

* Navigation: the generator writes it to ``<docs_dir>/.nav.json`` (dot files are not
  published).  Setting it here keeps mkdocs.yml a fixed, hand-written file while ``mkdocs
  build`` and ``mkdocs serve`` still get the statute's order (article 2 before article 10).
* Links in raw HTML: MkDocs rewrites Markdown links to pages, but not ``<a href>`` inside
  HTML blocks.  The generator writes such links as ``href="md:<docs path>.md#anchor"``;
  they are resolved here to the right relative URL for this build (directory URLs on the
  served site, ``page.html`` in the offline bundle), and a link to a missing page is a
  warning (an error under ``--strict``), as for Markdown links.
* Each page's navigation is scoped to its own statute (:mod:`generator.site.nav_scope`):
  the statute ids, and the statutes each commentary page belongs to, come from
  ``<docs_dir>/.library.json``.
* The theme's captions (navigation, header, footer): split into bilingual captions by
  :mod:`generator.site.chrome`, so the Chinese and English views show one language.
* Content-Security-Policy: every page (and the 404 page) gets the policy of
  :mod:`generator.site.csp`; an inline script not written by a template is an error.
  Not under ``mkdocs serve`` (``statute-site serve``, the editors' local preview): its live
  reload injects an inline script of its own, which the policy would block.
* Each page's final HTML is handed to the post-build check running beside MkDocs
  (:mod:`generator.site.audit_overlap`).
* ``serve``'s quick preview of an edit renders a page of the last build again: the build's
  configuration, files, navigation and templates are remembered
  (:mod:`generator.site.quick_preview`).
* Templates: compiled Jinja code is kept in ``build/.cache/jinja`` (Jinja's own bytecode
  cache: an entry is used only while its template's source is byte-identical), so a build
  (above all a warm one, which renders only a few pages) does not compile the theme again.
* Generated HTML blocks marked verbatim (the print view's text) skip Python-Markdown's
  HTML parsing: :mod:`generator.site.verbatim_blocks`.
* The theme's files are listed without its hidden folders (Material's 14,000 icons, which
  MkDocs never copies): :mod:`generator.site.theme_files`.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from generator.site.audit_overlap import submit as submit_for_audit
from generator.site.chrome import bilingual_chrome
from generator.site.csp import add_csp, shim_template, template_scripts
from generator.site.nav_scope import NavScope
from generator.site.quick_preview import forget_pages_html, remember
from generator.site.theme_files import list_visible_files
from generator.site.verbatim_blocks import VerbatimBlocks
from generator.render.urls import LIBRARY_FILE

NAV_FILE = ".nav.json"
MD_LINK = re.compile(r'href="md:([^"#]+)(#[^"]*)?"')
log = logging.getLogger("mkdocs.plugins.statute_site")


def on_config(config, **kwargs):
    list_visible_files(config.theme)
    nav_file = Path(config["docs_dir"]) / NAV_FILE
    if nav_file.exists():
        config["nav"] = json.loads(nav_file.read_text(encoding="utf-8"))
    library_file = Path(config["docs_dir"]) / LIBRARY_FILE
    library = json.loads(library_file.read_text(encoding="utf-8")) if library_file.exists() else {}
    _LIBRARY["statutes"] = frozenset(library.get("statutes", ()))
    _LIBRARY["belongs_to"] = library.get("belongs_to", {})
    return config


_LIBRARY: dict = {"statutes": frozenset(), "belongs_to": {}, "scope": None}


def on_nav(nav, config, files, **kwargs):
    remember(config["site_dir"], config=config, files=files, nav=nav)
    _LIBRARY["scope"] = (NavScope(nav, _LIBRARY["statutes"], _LIBRARY["belongs_to"])
                         if _LIBRARY["statutes"] else None)
    return nav


def on_page_context(context, page, config, nav, **kwargs):
    scope = _LIBRARY["scope"]
    if scope is not None and scope.nav is nav:
        context["nav"] = scope.for_page(page)
    return context


def on_template_context(context, template_name, config, **kwargs):
    """The 404 page, outside any statute, like the home page."""
    scope = _LIBRARY["scope"]
    if scope is not None and context.get("nav") is scope.nav:
        context["nav"] = scope.for_statute(None)
    return context


_VERBATIM = VerbatimBlocks()


def on_page_markdown(markdown, page, config, files, **kwargs):
    return _VERBATIM.take(page.file.src_uri, markdown)


def on_page_content(html, page, config, files, **kwargs):
    html = _VERBATIM.give_back(page.file.src_uri, html)
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


def on_env(env, config, files, **kwargs):
    remember(config["site_dir"], env=env)
    cache = Path(config.config_file_path).resolve().parent / "build" / ".cache" / "jinja"
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env                       # no cache: templates are compiled as usual
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


def on_post_build(config, **kwargs):
    forget_pages_html(config["site_dir"])


_RUN = {"command": "build"}


def on_startup(command, dirty=False, **kwargs):
    _RUN["command"] = command


def _with_csp(html: str, config, where: str) -> str:
    if _RUN["command"] == "serve":
        return html
    dirs = tuple(str(d) for d in config["theme"].dirs)
    out, foreign = add_csp(html, template_scripts(dirs), shim_template(dirs))
    for body in foreign:
        log.error("%s has an inline script that no template wrote (left out of the "
                  "Content-Security-Policy, so browsers refuse it): %r", where, body)
    return out


def on_post_page(output, page, config, **kwargs):
    html = _with_csp(bilingual_chrome(output), config, page.file.src_uri)
    submit_for_audit(config["site_dir"], page.file.dest_uri, html)
    return html


def on_post_template(output_content, template_name, config, **kwargs):
    if not template_name.endswith(".html"):
        return output_content
    # 404.html is a page of the theme like the others: its captions are split the same way.
    html = _with_csp(bilingual_chrome(output_content), config, template_name)
    submit_for_audit(config["site_dir"], template_name, html)
    return html
