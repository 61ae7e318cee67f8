"""Shared fixtures: the repository, the seed files, and a site built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
SOURCE = REPO / "source"

SHENZHEN = "shenzhen-ai-2022"
SHANGHAI = "shanghai-ai-2022-draft"


def seed_path(name: str) -> Path:
    """A seed file: from ../shared/seeds when present, else the byte-identical copy in source/."""
    for base in (SEEDS, SOURCE):
        for path in base.glob(f"{name}*"):
            return path
    raise FileNotFoundError(name)


def seed_text(name: str) -> str:
    return seed_path(name).read_text(encoding="utf-8")


def make_project_copy(dest: Path, *, with_annotations: bool = True) -> Path:
    """A throwaway copy of the project (sources, annotations, config) to build or break."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "source", dest / "source")
    if with_annotations and (REPO / "annotations").exists():
        shutil.copytree(REPO / "annotations", dest / "annotations")
    else:
        (dest / "annotations").mkdir()
    shutil.copytree(REPO / "site_config", dest / "site_config")
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    if (REPO / "EDITORS.md").exists():
        shutil.copy(REPO / "EDITORS.md", dest / "EDITORS.md")
    for extra in ("translation-memory",):
        if (REPO / extra).exists():
            shutil.copytree(REPO / extra, dest / extra)
    # mkdocs.yml names its hook by path (generator/mkdocs_hooks.py): link the package.
    (dest / "generator").symlink_to(REPO / "generator", target_is_directory=True)
    return dest


@pytest.fixture(scope="session")
def project():
    from generator.pipeline import load_project
    return load_project(REPO)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """Build the real project once (strict) into a temporary copy; yields its root."""
    from generator.site.build import build_site
    root = make_project_copy(tmp_path_factory.mktemp("built"))
    report = build_site(root, strict=True)
    assert report.site_dir == root / "site"
    return root


@pytest.fixture
def project_copy(tmp_path):
    return make_project_copy(tmp_path / "project")


@pytest.fixture(scope="session")
def search_site(tmp_path_factory):
    """The real project (reviewed English, commentary, notes) built once for the search tests."""
    from generator.site.build import build_site
    from generator.pipeline import load_project
    root = make_project_copy(tmp_path_factory.mktemp("search"))
    project = load_project(root)
    build_site(root, project=project)
    return root


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (tests/browser.py), one per test module."""
    from tests.browser import Browser, require_chromium
    require_chromium()
    b = Browser()
    yield b
    b.close()
