"""Argos Translate: install the zh->en model and translate through it.

argostranslate (and CTranslate2, SentencePiece, Stanza/torch below it) is imported lazily,
inside the functions here, so importing this module costs nothing and the site build
never loads the stack.  Where argostranslate keeps its packages follows its own settings:
``ARGOS_PACKAGES_DIR``, else ``$XDG_DATA_HOME/argos-translate/packages``
(``~/.local/share/argos-translate/packages``).
"""

from __future__ import annotations

import importlib.util
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

FROM_CODE, TO_CODE = "zh", "en"
ARGOSPM_PACKAGE = "translate-zh_en"
PIP_EXTRA = "pip install -e '.[mt]'"
ARGOSPM_INSTALL = f"argospm update && argospm install {ARGOSPM_PACKAGE}"
OFFLINE_INSTALL = "statute-site translate --install-model PATH.argosmodel"


class ArgosError(Exception):
    """A problem with the MT stack or model, as a message for a person (no traceback)."""


class MissingExtra(ArgosError):
    pass


class MissingModel(ArgosError):
    pass


def missing_extra_message() -> str:
    return (
        "translate: argostranslate is not installed (the optional machine-translation extra).\n"
        f"  install it:     {PIP_EXTRA}\n"
        f"  then the model: {ARGOSPM_INSTALL}\n"
        f"  or, offline:    {OFFLINE_INSTALL}\n"
        "(nothing was written; `statute-site build` does not need any of this)"
    )


def missing_model_message(packages_dir: str | None = None) -> str:
    where = f" in {packages_dir}" if packages_dir else ""
    return (
        f"translate: no Argos Translate {FROM_CODE}->{TO_CODE} model is installed{where}.\n"
        f"  online:  {ARGOSPM_INSTALL}\n"
        f"  offline: {OFFLINE_INSTALL}   (a {ARGOSPM_PACKAGE} package file)\n"
        "(nothing was written; `statute-site build` does not need the model)"
    )


def argos_importable() -> bool:
    try:
        return importlib.util.find_spec("argostranslate") is not None
    except (ImportError, ValueError):
        return False


def _require_argos():
    if not argos_importable():
        raise MissingExtra(missing_extra_message())
    try:
        import argostranslate.package as package
        import argostranslate.settings as settings
        import argostranslate.translate as translate
    except ImportError as exc:
        raise MissingExtra(
            f"translate: argostranslate is installed but cannot be imported ({exc}).\n"
            f"  reinstall the extra: {PIP_EXTRA}   (and, for a CPU-only machine, "
            "`pip install torch==2.13.0` first; see DEVELOPERS.md)") from None
    return package, settings, translate


def packages_dir() -> str:
    _, settings, _ = _require_argos()
    return str(settings.package_data_dir)


@dataclass(frozen=True)
class ModelInfo:
    name: str          # argospm name, e.g. translate-zh_en
    version: str       # the package's package_version
    path: str          # where it is installed


def _info(pkg, package_module) -> ModelInfo:
    return ModelInfo(package_module.argospm_package_name(pkg), str(pkg.package_version or "unknown"),
                     str(pkg.package_path))


def _installed_zh_en(package_module):
    try:
        installed = package_module.get_installed_packages()
    except Exception as exc:  # a broken package directory, unreadable metadata …
        raise ArgosError(f"translate: cannot list the installed Argos packages: {exc}") from None
    matches = [p for p in installed
               if getattr(p, "type", "translate") == "translate"
               and p.from_code == FROM_CODE and p.to_code == TO_CODE]
    return matches[0] if matches else None


def installed_model() -> ModelInfo | None:
    """The installed zh->en package, or ``None``."""
    package, _, _ = _require_argos()
    pkg = _installed_zh_en(package)
    return _info(pkg, package) if pkg else None


def check_package_file(path: Path) -> dict:
    """Validate an ``.argosmodel`` before installing it; returns its metadata."""
    path = Path(path)
    if not path.is_file():
        raise ArgosError(f"translate: {path}: no such file")
    if not zipfile.is_zipfile(path):
        raise ArgosError(f"translate: {path}: not an Argos package (an .argosmodel is a zip archive)")
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        meta_names = [n for n in names if n.count("/") == 1 and n.endswith("/metadata.json")]
        if len(meta_names) != 1:
            raise ArgosError(f"translate: {path}: not an Argos package (expected one top-level "
                             "directory holding metadata.json)")
        top = meta_names[0].split("/")[0]
        if any(not n.startswith(top + "/") for n in names):
            raise ArgosError(f"translate: {path}: not an Argos package (files outside {top}/)")
        try:
            meta = json.loads(zf.read(meta_names[0]).decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ArgosError(f"translate: {path}: metadata.json is not valid JSON ({exc})") from None
        if not any(n.startswith(f"{top}/model/") for n in names):
            raise ArgosError(f"translate: {path}: the package has no model/ directory")
    kind = meta.get("type", "translate")
    if kind != "translate" or meta.get("from_code") != FROM_CODE or meta.get("to_code") != TO_CODE:
        raise ArgosError(
            f"translate: {path}: this package translates {meta.get('from_code')}->{meta.get('to_code')} "
            f"(type {kind}); statute-site needs a {FROM_CODE}->{TO_CODE} translate package "
            f"({ARGOSPM_PACKAGE})")
    return meta


def install_model(path: Path) -> ModelInfo:
    """Install a zh->en ``.argosmodel`` through ``argostranslate.package.install_from_path``."""
    if not argos_importable():
        raise MissingExtra(missing_extra_message())
    check_package_file(path)            # before loading the heavy stack
    package, _, _ = _require_argos()
    try:
        package.install_from_path(Path(path))
    except Exception as exc:
        raise ArgosError(f"translate: installing {path} failed: {exc}") from None
    pkg = _installed_zh_en(package)
    if pkg is None:
        raise ArgosError(f"translate: {path} was unpacked but argostranslate does not list a "
                         f"{FROM_CODE}->{TO_CODE} package afterwards")
    return _info(pkg, package)


class ArgosTranslator:
    """Translates Chinese to English through argostranslate's installed translation object."""

    engine = "argostranslate"

    def __init__(self):
        package, _, translate = _require_argos()
        pkg = _installed_zh_en(package)
        if pkg is None:
            raise MissingModel(missing_model_message(packages_dir()))
        self.info = _info(pkg, package)
        try:
            languages = {lang.code: lang for lang in translate.get_installed_languages()}
            translation = languages[FROM_CODE].get_translation(languages[TO_CODE])
        except Exception as exc:
            raise ArgosError(f"translate: cannot load the {self.info.name} model from "
                             f"{self.info.path}: {exc}") from None
        if translation is None:
            raise MissingModel(missing_model_message(packages_dir()))
        self._translation = translation

    @property
    def model(self) -> str:
        return self.info.name

    @property
    def model_version(self) -> str:
        return self.info.version

    def translate(self, text: str) -> str:
        try:
            return self._translation.translate(text)
        except Exception as exc:
            raise ArgosError(f"translate: the model failed on {text[:30]!r}…: {exc}") from None
