"""The theme's files listed without its hidden folders (generator/site/theme_files.py):
MkDocs adds exactly the files it adds with Jinja's own loader, for the project's theme
(Material and site_config/overrides) and for a small theme written here."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO


def theme_files(config, visible_only: bool) -> list[str]:
    from mkdocs.structure.files import Files
    from mkdocs.theme import Theme
    from generator.site.theme_files import ThemeListingVisibleFiles
    theme = config.theme
    theme.__class__ = ThemeListingVisibleFiles if visible_only else Theme
    files = Files([])
    files.add_files_from_theme(theme.get_env(), config)
    return sorted(f"{f.abs_src_path}->{f.dest_uri}" for f in files)


def load(path: Path, **overrides):
    from mkdocs.config import load_config
    return load_config(str(path), **overrides)


def test_the_project_theme_gives_mkdocs_the_same_files(tmp_path):
    config = load(REPO / "mkdocs.yml", docs_dir=str(tmp_path))
    plain, visible = theme_files(config, False), theme_files(config, True)
    assert visible == plain
    assert any(name.endswith("assets/javascripts/bundle.js") or "/assets/javascripts/bundle." in name
               for name in visible)


def test_a_small_theme_hidden_folders_skipped_visible_ones_kept(tmp_path):
    theme = tmp_path / "theme"
    for rel in ("main.html", "assets/site.css", "assets/deep/more/x.js", ".icons/a/b.svg",
                "assets/.cache/skip.css", ".top.css", "assets/.hidden.js", "img/logo.png"):
        (theme / rel).parent.mkdir(parents=True, exist_ok=True)
        (theme / rel).write_text("{# #}x", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(json.dumps({"site_name": "t", "docs_dir": "docs",
                                                     "theme": {"name": None, "custom_dir": "theme"}}),
                                         encoding="utf-8")
    config = load(tmp_path / "mkdocs.yml")
    plain, visible = theme_files(config, False), theme_files(config, True)
    assert visible == plain
    assert [line.split("->")[1] for line in visible] == ["assets/deep/more/x.js", "assets/site.css", "img/logo.png"]
    # Loading is unchanged: a template in a hidden folder still loads.
    from generator.site.theme_files import ThemeListingVisibleFiles
    config.theme.__class__ = ThemeListingVisibleFiles
    assert config.theme.get_env().get_template(".icons/a/b.svg").render() == "x"


def test_mkdocs_yml_hooks_make_the_theme_list_visible_files(tmp_path):
    from generator.site.theme_files import ThemeListingVisibleFiles
    config = load(REPO / "mkdocs.yml", docs_dir=str(tmp_path))   # no .nav.json there
    config = config.plugins.on_config(config)
    assert type(config.theme) is ThemeListingVisibleFiles
    assert ".icons/material/home.svg" not in config.theme.get_env().list_templates()
    assert config.theme.get_env().get_template(".icons/material/home.svg") is not None
