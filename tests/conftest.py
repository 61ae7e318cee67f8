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
    from generator.build import build_site
    root = make_project_copy(tmp_path_factory.mktemp("built"))
    report = build_site(root, strict=True)
    assert report.site_dir == root / "site"
    return root


@pytest.fixture
def project_copy(tmp_path):
    return make_project_copy(tmp_path / "project")


# --------------------------------------------------------------------------- test-only inputs

# TEST-ONLY English for a few segments.  The real translations are being produced by
# colleagues and will land in annotations/; until then the pages say "English translation
# not yet available."  These stand-ins let the English search be developed and tested now;
# the tests that use them will pass unchanged against the real translations.
TEST_ONLY_ENGLISH = {
    (SHENZHEN, "art_65__para_1"):
        "The Municipal People's Government shall, in accordance with the relevant national provisions on "
        "artificial intelligence governance, establish the Municipal Artificial Intelligence Ethics Committee, "
        "which shall perform the following duties:",
    (SHENZHEN, "art_65__para_2"):
        "The daily work of the Municipal Artificial Intelligence Ethics Committee shall be undertaken by the "
        "municipal department in charge of industry.",
    (SHENZHEN, "art_65__para_1__item_1"):
        "to research and formulate ethical and safety norms for the field of artificial intelligence;",
    (SHANGHAI, "art_13__heading"):
        "Eastern Data, Western Computing and the Yangtze River Delta national hub node",
}


class TestOnlyEnglish:
    """An EnglishSource (see generator/english.py) serving :data:`TEST_ONLY_ENGLISH` as reviewed."""

    __test__ = False   # not a pytest test class

    def english(self, statute_id, segment):
        from generator.english import MISSING, English
        text = TEST_ONLY_ENGLISH.get((statute_id, segment.eid))
        if text is None:
            return MISSING
        return English("reviewed", text=text, reviewer="test fixture", reviewed_on="2024-01-01")


class TestOnlyCommentary:
    """Stand-in for the linking and annotation stages: an interpretation and a note section.

    Those stages add sections to article pages through SiteExtension.article_sections; the
    search must index whatever they add, segmented like the law text.
    """

    __test__ = False

    def article_sections(self, project, statute, article, page):
        if statute.id != SHENZHEN:
            return ""
        if article.number == 44:
            return ("## 官方解读 · Official interpretation { #interpretation }\n\n"
                    '<p lang="zh-Hans">本条为低风险人工智能产品和服务设立了沙盒式的试点机制，'
                    "鼓励企业在监管框架内大胆探索。</p>\n\n")
        if article.number == 34:
            return ("## 编者按 · Editors' note { #note }\n\n"
                    '<p lang="en">Compute capacity sharing is expected to lower costs for start-ups.</p>\n\n')
        return ""


@pytest.fixture(scope="session")
def search_site(tmp_path_factory):
    """The real project built once with the test-only English and commentary stand-ins."""
    from generator.build import build_site
    from generator.pipeline import load_project
    root = make_project_copy(tmp_path_factory.mktemp("search"))
    project = load_project(root)
    project.english = TestOnlyEnglish()
    project.extensions.append(TestOnlyCommentary())
    build_site(root, project=project)
    return root


@pytest.fixture(scope="session")
def search_index(search_site):
    import json
    return json.loads((search_site / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
