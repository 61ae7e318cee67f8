"""Editors' corrections of the article concordance: ``annotations/<statute>/concordance.yaml``.

    # yaml-language-server: $schema=../../generator/schemas/concordance.schema.json
    statute: company-law
    pairings:
      - {from: 2018-10-26, to: 2023-12-29, old: [16], new: [15]}
      - {from: 2018-10-26, to: 2023-12-29, old: [5], new: []}      # repealed
      - {from: 2018-10-26, to: 2023-12-29, old: [], new: [20]}     # added

Validated against the schema and the statute's versions (each error ``path:line``: an
unknown statute or version pair, an article the version does not have, an entry both split
and merged); a correction replaces what the algorithm paired those articles with
(:func:`generator.versions.override.apply_corrections`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.annotations.scan import CONCORDANCE_FILE
from generator.diagnostics import Diagnostic
from generator.sources.manifest import load_schema
from generator.sources.yamlfile import YamlDoc, load_valid_yaml
from generator.versions.build import StatuteVersions, Version, VersionPair
from generator.versions.override import apply_corrections
from generator.versions.read import article_text

SCHEMA_NAME = "concordance.schema.json"


@dataclass
class Corrected:
    versions: dict[str, StatuteVersions] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _slug(version: Version) -> str:
    return version.date or "current"


def _indices(doc: YamlDoc, where: tuple, refs: list, version: Version, diags: list[Diagnostic]) -> tuple:
    known = {a.ref: k for k, a in enumerate(version.articles)}
    out = []
    for n, ref in enumerate(refs):
        if str(ref) in known:
            out.append(known[str(ref)])
            continue
        sample = ", ".join(a.ref for a in version.articles[:3])
        diags.append(Diagnostic(
            "error", f"the {_slug(version)} version has no article {ref}", path=doc.path,
            line=doc.line((*where, n)), code="concordance",
            hint=f"it has articles {sample} … {version.articles[-1].ref}" if version.articles else
            "that version has no articles"))
    return tuple(out)


def _pairing(doc: YamlDoc, index: int, versions: StatuteVersions, diags: list[Diagnostic]):
    item = doc.data["pairings"][index]
    where = ("pairings", index)
    pair = next((p for p in versions.pairs if _slug(p.old) == item["from"] and _slug(p.new) == item["to"]), None)
    if pair is None:
        listed = ", ".join(f"{_slug(p.old)} → {_slug(p.new)}" for p in versions.pairs)
        diags.append(Diagnostic(
            "error", f"{versions.statute_id} has no consecutive versions {item['from']} → {item['to']}",
            path=doc.path, line=doc.line(where), code="concordance",
            hint=f"version pairs: {listed} (dates as in `versions:` of source/manifest.yaml)"))
        return None
    count = len(diags)
    old = _indices(doc, (*where, "old"), item["old"], pair.old, diags)
    new = _indices(doc, (*where, "new"), item["new"], pair.new, diags)
    if len(diags) > count:
        return None
    if not old and not new:
        diags.append(Diagnostic("error", "the pairing names no article", path=doc.path, line=doc.line(where),
                                code="concordance", hint="write old: [n] and/or new: [m]"))
        return None
    if len(old) > 1 and len(new) > 1:
        diags.append(Diagnostic(
            "error", "a pairing is one old article and its new ones (a split) or several old articles and "
                     "the one new article they were merged into, not several of each", path=doc.path,
            line=doc.line(where), code="concordance", hint="write it as separate pairings"))
        return None
    return pair, (old, new)


def _load_file(doc: YamlDoc, folder: str, versions: StatuteVersions | None,
               diags: list[Diagnostic]) -> dict[int, list]:
    """{pair index: [(old, new), ...]} from one valid file."""
    if doc.data["statute"] != folder:
        diags.append(Diagnostic("error", f"statute: '{doc.data['statute']}' does not match the folder ({folder})",
                                path=doc.path, line=doc.line(("statute",)), code="concordance",
                                hint=f"write statute: {folder}"))
        return {}
    if versions is None:
        diags.append(Diagnostic("error", f"{folder} has only one version, so there is no concordance to correct",
                                path=doc.path, line=1, code="concordance",
                                hint="list its earlier texts under `versions:` in source/manifest.yaml "
                                     "(`statute-site add FILE --version-of ID`), or remove this file"))
        return {}
    out: dict[int, list] = {}
    for index in range(len(doc.data["pairings"])):
        found = _pairing(doc, index, versions, diags)
        if found is not None:
            out.setdefault(versions.pairs.index(found[0]), []).append(found[1])
    return out


def correct_concordances(root: Path, statutes: dict, versions: dict[str, StatuteVersions]) -> Corrected:
    """Every statute's versions with its editors' corrections in force."""
    result = Corrected(dict(versions))
    schema = load_schema(SCHEMA_NAME)
    for folder in sorted(statutes):
        path = root / "annotations" / folder / CONCORDANCE_FILE
        if not path.is_file() or path.is_symlink():
            continue               # annotations/scan.py reports links and other oddities
        doc = load_valid_yaml(path, path.relative_to(root).as_posix(), schema, result.diagnostics)
        if doc is None:
            continue
        count = len(result.diagnostics)
        fixes = _load_file(doc, folder, versions.get(folder), result.diagnostics)
        if len(result.diagnostics) > count or not fixes:
            continue
        found = versions[folder]
        pairs = list(found.pairs)
        for index, corrections in fixes.items():
            pair = pairs[index]
            old_texts = [article_text(a) for a in pair.old.articles]
            new_texts = [article_text(a) for a in pair.new.articles]
            pairs[index] = VersionPair(pair.old, pair.new,
                                       apply_corrections(pair.entries, corrections, old_texts, new_texts))
        result.versions[folder] = replace(found, pairs=pairs)
    return result
