"""The check over the built site: nothing in it may run script, load from elsewhere or
carry a ``javascript:``/``data:`` URL, unless it is the theme's or the project's own.

Every generated page is parsed with the standard library's HTML tokenizer (the same
tokenization rules a browser applies to start tags and attributes) and these are refused:

* any ``on*`` event-handler attribute;
* a URL attribute whose scheme is not http(s), mailto or relative (``javascript:``,
  ``vbscript:``, ``data:``, …: control characters and entities are decoded first, as a
  browser does); the theme's one ``javascript:void(0)`` (the search share button) aside;
* any resource from another host (``src``, ``srcset``, stylesheet/icon ``href``, ``poster``,
  ``style`` ``url(…)``, ``<object data>``), and elements that load or navigate by
  themselves (``iframe``, ``object``, ``embed``, ``base``, ``form``, ``meta refresh``…);
* a ``<script>`` that is neither a file of the site's own ``assets/`` nor an inline script
  whose SHA-256 the page's Content-Security-Policy lists (the MkDocs hook lists only the
  theme's and the project's template scripts), and the theme's JSON config aside.

Each problem names the page, the element and, when it can be found, the input file and
line that holds the offending text (:func:`blame`).

Speed: a page whose bytes were found clean before is not parsed again, and within one
check a start tag whose exact text was harmless on an earlier page is not checked again
(the theme's chrome and navigation are most of every page; :class:`_PageAudit`).
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from generator.diagnostics import Diagnostic
from generator.site.csp import script_hash

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
             "cite", "longdesc", "usemap", "codebase", "dynsrc", "lowsrc", "ping", "manifest", "icon",
             "profile", "srcdoc", "to", "values", "from", "by"}
RESOURCE_ATTRS = {"src", "poster", "data", "background", "dynsrc", "lowsrc", "srcset", "xlink:href"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
                  "math", "animate", "set", "handler", "listener", "isindex", "import"}
SAFE_SCHEMES = {"http", "https", "mailto"}
THEME_JAVASCRIPT_URL = ("javascript:void(0)", "search-share")   # partials/search.html
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
STYLE_URL = re.compile(r"url\s*\(|@import|expression\s*\(", re.I)
CSP_HASH = re.compile(r"'(sha256-[A-Za-z0-9+/=]+)'")
_STRIP = re.compile(r"[\x00-\x20\x7f-\x9f]+")
HARMLESS_LIMIT = 500_000          # distinct harmless start tags remembered per site


@dataclass
class Problem:
    page: str
    line: int
    what: str
    evidence: str

    def message(self) -> str:
        return f"{self.page}:{self.line}: {self.what}: {self.evidence[:160]!r}"


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: entities decoded, controls and spaces dropped."""
    cleaned = _STRIP.sub("", html.unescape(value)).lower()
    m = SCHEME.match(cleaned)
    return m.group(1) if m else None


def is_remote(value: str) -> bool:
    cleaned = _STRIP.sub("", html.unescape(value)).lower().replace("\\", "/")
    return cleaned.startswith("//") or url_scheme(value) not in (None,)


# Start tags whose handling depends on more than their own text, or changes the parser's or
# the page's state: never taken from :attr:`_PageAudit.harmless`.
STATEFUL_TAGS = {"script", "style", "meta", *HTMLParser.CDATA_CONTENT_ELEMENTS}


class _PageAudit(HTMLParser):
    """One page's audit.  ``harmless`` (shared by the pages of one site) holds the exact
    text of start tags found to raise nothing: the theme's navigation and chrome repeat on
    every page, so most tags are seen before.  How a complete start tag is tokenized and
    checked depends on its text alone (the stdlib parses it within its own bounds; only
    ``<script>``'s asset check and ``<meta>``'s policy depend on more, and they are never
    cached), so skipping a tag seen to be harmless leaves the findings as they were."""

    def __init__(self, page: str, site: Path, page_dir: PurePosixPath, harmless: dict | None = None,
                 base: str = "/"):
        super().__init__(convert_charrefs=True)
        self.page, self.site, self.page_dir, self.base = page, site, page_dir, base
        self.harmless = {} if harmless is None else harmless
        self._handled: str | None = None
        self.problems: list[Problem] = []
        self.csp_hashes: set[str] = set()
        self.csp_seen = False
        self.inline: list[tuple[int, str, dict]] = []
        self._script: tuple[int, dict] | None = None
        self._script_body: list[str] = []

    # Speed: the two hottest steps of the stdlib tokenizer made cheap, with the same result.
    # Line numbers are counted only when a problem needs one (``updatepos`` runs for every
    # token); an end tag outside ``<script>``/``<style>`` is skipped to its first ``>``, which
    # is where the stdlib ends it too (and nothing here depends on end tags but </script>).
    _text, _consumed, _pos = "", 0, 0

    def updatepos(self, i: int, j: int) -> int:
        if i < j:
            self._pos = j
        return j

    def getpos(self) -> tuple[int, int]:
        at = self._consumed + self._pos
        return self._text.count("\n", 0, at) + 1, at - self._text.rfind("\n", 0, at) - 1

    def parse_endtag(self, i: int) -> int:
        if self.cdata_elem is not None:
            return super().parse_endtag(i)
        end = self.rawdata.find(">", i + 1)
        return end + 1 if end >= 0 else -1

    def run(self, text: str) -> None:
        """Tokenize and check the whole page."""
        self._text = text
        self.feed(text)
        self._consumed = len(text) - len(self.rawdata)     # what the tokenizer kept for close()
        self.close()
        self.finish()

    def _flag(self, what: str, evidence: str) -> None:
        self.problems.append(Problem(self.page, self.getpos()[0], what, evidence))

    def parse_starttag(self, i: int) -> int:
        endpos = self.check_for_whole_start_tag(i)
        raw = self.rawdata[i:endpos] if endpos >= 0 else None
        if raw is not None and raw in self.harmless:
            self.lasttag = self.harmless[raw]
            return endpos
        before, self._handled = len(self.problems), None
        end = super().parse_starttag(i)
        if raw is not None and end == endpos and self._handled is not None and len(self.problems) == before \
                and self._handled not in STATEFUL_TAGS and len(self.harmless) < HARMLESS_LIMIT:
            self.harmless[raw] = self._handled
        return end

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        self._handled = tag
        attrs = {k.lower(): (v or "") for k, v in attrs_list}
        raw = self.get_starttag_text() or f"<{tag}>"
        for name, value in attrs.items():
            if name.startswith("on"):
                self._flag(f"event-handler attribute '{name}' on <{tag}>", raw)
            if name in URL_ATTRS or name == "srcset":
                self._check_url(tag, name, value, attrs, raw)
            if name == "style" and STYLE_URL.search(html.unescape(value)):
                self._flag(f"style attribute with url()/@import on <{tag}>", raw)
        if tag in FORBIDDEN_TAGS:
            self._flag(f"<{tag}> element", raw)
        if tag == "meta":
            self._meta(attrs, raw)
        if tag == "link":
            rel = attrs.get("rel", "").lower()
            if "import" in rel or (attrs.get("href") and is_remote(attrs["href"]) and rel not in ("", "canonical")):
                self._flag("<link> to another host", raw)
        if tag == "form" and "action" in attrs and (is_remote(attrs["action"]) or
                                                      attrs.get("method", "get").lower() != "get"):
            # The site's own search forms go to a page of the site by GET; nothing else may submit.
            self._flag("<form> that submits somewhere", raw)
        if tag == "script":
            self._script, self._script_body = (self.getpos()[0], attrs), []
            src = attrs.get("src")
            if src is not None and not self._own_asset(src):
                self._flag("<script> that is not one of the site's own assets", raw)

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            line, attrs = self._script
            if "src" not in attrs:
                self.inline.append((line, "".join(self._script_body), attrs))
            self._script = None

    def _meta(self, attrs: dict, raw: str) -> None:
        equiv = attrs.get("http-equiv", "").lower()
        if equiv == "content-security-policy":
            self.csp_seen = True
            self.csp_hashes |= set(CSP_HASH.findall(attrs.get("content", "")))
        elif equiv:
            self._flag(f"<meta http-equiv={equiv}>", raw)

    def _check_url(self, tag: str, name: str, value: str, attrs: dict, raw: str) -> None:
        values = [v.strip().split(" ")[0] for v in value.split(",")] if name == "srcset" else [value]
        for v in values:
            scheme = url_scheme(v)
            if scheme is not None and scheme not in SAFE_SCHEMES:
                if (html.unescape(v), attrs.get("data-md-component")) == THEME_JAVASCRIPT_URL:
                    continue
                self._flag(f"{scheme}: URL in {name}= of <{tag}>", raw)
            elif (name in RESOURCE_ATTRS or tag in ("script", "img", "iframe", "audio", "video", "source",
                                                     "track", "input", "embed")) and name != "href" \
                    and is_remote(v):
                self._flag(f"resource from another host in {name}= of <{tag}>", raw)

    def _own_asset(self, src: str) -> bool:
        if is_remote(src) or url_scheme(src):
            return False
        path = src.split("?")[0].split("#")[0]
        if path.startswith("/"):                       # root-absolute: under the served path only
            if not path.startswith(self.base):
                return False
            target = (self.site / path[len(self.base):]).resolve()
        else:
            target = (self.site / self.page_dir / path).resolve()
        try:
            rel = target.relative_to(self.site.resolve())
        except ValueError:
            return False
        return rel.parts[:1] == ("assets",) and target.is_file()

    def finish(self) -> None:
        for line, body, attrs in self.inline:
            kind = attrs.get("type", "").lower()
            if kind == "application/json" and attrs.get("id") == "__config":
                continue
            if script_hash(body) not in self.csp_hashes:
                self.problems.append(Problem(self.page, line, "inline <script> that is not the theme's or "
                                             "the project's own", f"<script>{body[:120]}"))
        if not self.csp_seen:
            self.problems.append(Problem(self.page, 1, "no Content-Security-Policy", ""))


def audit_page(site: Path, path: Path, harmless: dict | None = None, base: str = "/") -> list[Problem]:
    return audit_html(site, path.relative_to(site).as_posix(), path.read_text(encoding="utf-8", errors="replace"),
                      harmless, base)


def audit_html(site: Path, rel: str, text: str, harmless: dict | None = None, base: str = "/") -> list[Problem]:
    """The problems of one page of ``site`` (at ``rel``), from its text.  ``base``: the path
    the site is served under (:func:`generator.site.mkdocs_settings.served_path`)."""
    auditor = _PageAudit(rel, site, PurePosixPath(rel).parent, harmless, base)
    auditor.run(text)
    return auditor.problems


def _read_cache(cache: Path | None) -> tuple[set[str], dict[str, str]]:
    if cache is None or not cache.is_file():
        return set(), {}
    with contextlib.suppress(ValueError, OSError, TypeError, AttributeError):
        data = json.loads(cache.read_text(encoding="utf-8"))
        if isinstance(data, list):                     # the earlier format: digests only
            return set(data), {}
        return set(data["clean"]), dict(data["stat"])
    return set(), {}


def _stat_key(path: Path) -> str:
    st = path.stat()
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def audit_site(site: Path, cache: Path | None = None, found_clean_during: frozenset[str] = frozenset(),
               base: str = "/") -> list[Problem]:
    """Every page's problems.  With ``cache`` (a JSON file of the SHA-256 of pages found
    clean before, and of the file identity -- inode, size, modification time -- each was
    read under), a page whose bytes were already found clean is not parsed again, and a
    page that is the very file found clean before (a warm build's hard link to the
    published page) is not even read: only the pages a build wrote are checked.
    ``found_clean_during``: SHA-256 of pages this check found clean while MkDocs wrote them
    (:mod:`generator.site.audit_overlap`)."""
    clean, known = _read_cache(cache)
    clean |= found_clean_during
    problems: list[Problem] = []
    found_clean: set[str] = set()
    stats: dict[str, str] = {}
    harmless: dict[str, str] = {}
    for path in sorted(site.rglob("*.html")):
        rel, key = path.relative_to(site).as_posix(), _stat_key(path)
        seen = known.get(rel, "")
        if seen.rpartition(":")[0] == key and seen.rpartition(":")[2] in clean:
            digest = seen.rpartition(":")[2]
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest not in clean:
            page_problems = audit_page(site, path, harmless, base)
            problems.extend(page_problems)
            if page_problems:
                continue
        found_clean.add(digest)
        stats[rel] = f"{key}:{digest}"
    if cache is not None:
        with contextlib.suppress(OSError):
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_name(cache.name + ".tmp")
            tmp.write_text(json.dumps({"clean": sorted(found_clean), "stat": stats}), encoding="utf-8")
            os.replace(tmp, cache)
    return problems


_NEEDLE = re.compile(r"(on\w+\s*=\s*[^\s>]{1,40}|javascript:[^\s\"'>]{1,40}|data:[^\s\"'>]{1,30}|"
                     r"<script[^>]{0,40}>|(?:src|href)\s*=\s*[\"']?(?://|https?:)[^\s\"'>]{1,60})", re.I)


def blame(problem: Problem, inputs: dict[str, str]) -> str | None:
    """``path:line`` of the input file holding the offending text, if found."""
    candidates = [m.group(0) for m in _NEEDLE.finditer(html.unescape(problem.evidence))]
    candidates += [problem.evidence.strip("<>")[:40]]
    for needle in candidates:
        for variant in {needle, needle.strip("\"'"), needle.split("=", 1)[-1].strip("\"' ")}:
            if len(variant) < 6:
                continue
            for path, text in inputs.items():
                at = text.find(variant)
                if at >= 0:
                    return f"{path}:{text.count(chr(10), 0, at) + 1}"
    return None


def input_texts(root: Path) -> dict[str, str]:
    """Every input file of the project, as text (for :func:`blame`)."""
    out = {}
    for folder in ("source", "annotations"):
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and not path.is_symlink() and path.stat().st_size < 64 * 1024 * 1024:
                out[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return out


def site_diagnostics(root: Path, site: Path, label: str = "site", cache: Path | None = None,
                     found_clean_during: frozenset[str] = frozenset(), base: str = "/") -> list[Diagnostic]:
    """Problems of the built ``site`` as errors, each naming the input that caused it."""
    problems = audit_site(site, cache, found_clean_during, base)
    if not problems:
        return []
    inputs = input_texts(root)
    out = []
    for p in problems:
        source = blame(p, inputs)
        path, _, line = (source or "").rpartition(":")
        out.append(Diagnostic(
            "error", f"the built {label} is unsafe: {p.what} in {p.page} (line {p.line}): {p.evidence[:160]!r}",
            path=path or None, line=int(line) if line else None, code="unsafe-output",
            hint=("this text from the input must not become markup: report it as a bug in the generator; "
                  "remove it from the input to publish meanwhile")))
    return out
