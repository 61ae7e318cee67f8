"""Top-level settings of the project's mkdocs.yml that the build needs outside MkDocs's
own run: the site's name (the bundle's default file name), its ``site_url`` (named on a
partial bundle's home page) and the path it is served under (the page check accepts the
theme's root-absolute asset links, which MkDocs writes into 404.html, under that path)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit


def setting(mkdocs_yml: Path, key: str) -> str:
    """A top-level string setting of mkdocs.yml ("" when absent or unreadable)."""
    try:
        from mkdocs.utils.yaml import yaml_load
        with open(mkdocs_yml, encoding="utf-8") as fh:
            config = yaml_load(fh) or {}
        value = config.get(key) if isinstance(config, dict) else None
    except Exception:  # noqa: BLE001 - unreadable mkdocs.yml: the build will say why; callers fall back
        value = None
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def online_url(mkdocs_yml: Path) -> str | None:
    """mkdocs.yml's ``site_url`` when it is an absolute http(s) address (the whole library
    online, named on the home page of a bundle of some statutes), else None."""
    url = setting(mkdocs_yml, "site_url").strip()
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def served_path(mkdocs_yml: Path) -> str:
    """The path the site is served under, from ``site_url`` ("/" when none): MkDocs writes
    404.html's links as root-absolute paths under it (``/laws/assets/...``)."""
    path = urlsplit(setting(mkdocs_yml, "site_url").strip()).path or "/"
    return path if path.endswith("/") else path + "/"
