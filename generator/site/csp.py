"""The Content-Security-Policy every page carries (a ``<meta http-equiv>``, so it holds in
the offline bundle opened from ``file://`` too): scripts only from the site itself plus the
SHA-256 of each inline script the theme's and the project's templates write, no plugins,
no remote resource of any kind, no ``<base>``, no form submission.

The inline scripts allowed are read from the templates themselves (Material's
``partials/javascripts/*.html`` and every ``<script>`` of ``site_config/overrides``): a
template's script becomes a pattern where each ``{{ … }}`` (a configuration value such as
the base URL) matches a string without quotes or markup.  An inline script in a page that
matches none of them is not hashed, so the browser refuses it, and the post-build check
(:mod:`generator.site.audit`) fails the build on it.

One more inline script is allowed: the one the vendored iframe-worker shim
(``assets/javascripts/vendor/iframe-worker/shim.js``, used by the offline bundle's search
under ``file://``) writes into its hidden iframe, which inherits the page's policy.  Its
text is the shim's own two helper functions and the search worker's URL from the page's
``__config``, so it is rebuilt here from the shim file and hashed (:func:`shim_script`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_JINJA_VALUE = re.compile(r"\{\{.*?\}\}", re.S)
HEAD = re.compile(r"<head[^>]*>", re.I)
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
          "frame-src 'self' blob:; object-src 'none'; base-uri 'none'")  # forms: the post-build audit allows only the site's own GET search forms


SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"
_SHIM_SCRIPT = re.compile(r"<script>(postMessage=\$\{c\};.*?)<\\/script>")
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def _function_source(js: str, name: str) -> str | None:
    start = js.find(f"function {name}(")
    if start < 0:
        return None
    depth, i = 0, js.index("{", start)
    for j in range(i, len(js)):
        depth += {"{": 1, "}": -1}.get(js[j], 0)
        if depth == 0:
            return js[start:j + 1]
    return None


@lru_cache(maxsize=8)
def shim_template(theme_dirs: tuple[str, ...]) -> tuple[str, str, str] | None:
    """(inline script template, source of function c, of function d) of the vendored shim."""
    for folder in theme_dirs:
        path = Path(folder) / SHIM
        if path.is_file():
            js = path.read_text(encoding="utf-8")
            m = _SHIM_SCRIPT.search(js)
            c, d = _function_source(js, "c"), _function_source(js, "d")
            if m and c and d:
                return m.group(1), c, d
    return None


def shim_script(template: tuple[str, str, str], worker_url: str) -> str:
    body, c, d = template
    return body.replace("${c}", c).replace("${d}", d).replace("${e}", worker_url)


def script_hash(body: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")


def _pattern(body: str) -> re.Pattern:
    pieces, last = [], 0
    for m in _JINJA_VALUE.finditer(body):
        pieces.append(re.escape(body[last:m.start()]))
        pieces.append(r"[^\"'<>\\`]*")
        last = m.end()
    pieces.append(re.escape(body[last:]))
    return re.compile("".join(pieces), re.S)


@lru_cache(maxsize=8)
def template_scripts(theme_dirs: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """Patterns of the inline scripts the theme's and the project's templates write."""
    patterns = []
    for folder in theme_dirs:
        base = Path(folder)
        is_material = (base / "partials" / "javascripts").is_dir()
        files = sorted((base / "partials" / "javascripts").glob("*.html")) if is_material \
            else sorted(base.rglob("*.html"))
        for path in files:
            for m in INLINE_SCRIPT.finditer(path.read_text(encoding="utf-8")):
                if "{%" not in m.group(1):
                    patterns.append(_pattern(m.group(1)))
    return tuple(patterns)


def add_csp(page_html: str, patterns: tuple[re.Pattern, ...],
            shim: tuple[str, str, str] | None = None) -> tuple[str, list[str]]:
    """The page with its policy meta, and the inline scripts left out of it (not the
    templates')."""
    hashes, foreign = [], []
    config = _CONFIG.search(page_html)
    if shim is not None and SHIM in page_html and config:
        worker = json.loads(config.group(1)).get("search")
        if isinstance(worker, str) and not re.search(r"[\"'<>\\`$]", worker):
            hashes.append(f"'{script_hash(shim_script(shim, worker))}'")
    for m in INLINE_SCRIPT.finditer(page_html):
        body = m.group(1)
        if any(p.fullmatch(body) for p in patterns):
            h = f"'{script_hash(body)}'"
            if h not in hashes:
                hashes.append(h)
        else:
            foreign.append(body[:80])
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=" ".join(hashes))}">'
    head = HEAD.search(page_html)
    if head is None:
        return page_html, foreign
    return page_html[:head.end()] + "\n    " + meta + page_html[head.end():], foreign
