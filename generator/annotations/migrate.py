"""One-off conversion of annotation files to the translator/reviewer schema (2026-12).

Before, every translation carried ``reviewer: statute-site editors`` although nobody but the
project, drafting with AI assistance, had written or checked it.  The conversion labels such
English truthfully::

    reviewer: statute-site editors        translator: statute-site project
    date: '2026-11-23'               ->   ai_assisted: true
                                          date: '2026-11-23'

and an article file's editorial ``status: reviewed`` becomes ``status: draft`` (nobody has
reviewed it).  A translation whose reviewer is someone else is left for an editor to sort
out (it is listed, not guessed at).  Files are edited with ruamel.yaml's round-trip mode, so
comments, order and layout survive.

Run: ``python -m generator.annotations.migrate [ROOT]`` (idempotent).
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.annotations.edit import _dump, _yaml
from generator.atomic import write_atomic

PROJECT_REVIEWER = "statute-site editors"
PROJECT_TRANSLATOR = "statute-site project"


def convert_entry(entry) -> bool:
    """Rename a project "review" to what it is; True when the entry changed."""
    if entry.get("reviewer") != PROJECT_REVIEWER or "translator" in entry:
        return False
    position = list(entry).index("reviewer")
    entry.pop("reviewer")
    entry.insert(position, "translator", PROJECT_TRANSLATOR)
    entry.insert(position + 1, "ai_assisted", True)
    return True


def convert_file(path: Path) -> tuple[int, list[str]]:
    """Convert one file in place; returns (entries changed, entries left for an editor)."""
    yaml = _yaml()
    data = yaml.load(path.read_text(encoding="utf-8"))
    changed, left = 0, []
    for eid, entry in (data.get("translations") or {}).items():
        if convert_entry(entry):
            changed += 1
        elif "translator" not in entry:
            left.append(f"{path}: {eid} (reviewer {entry.get('reviewer')!r})")
    if data.get("status") == "reviewed" and changed:
        data["status"] = "draft"
    if changed:
        write_atomic(path, _dump(yaml, data))
    return changed, left


def main(root: Path) -> int:
    total, leftovers = 0, []
    for path in sorted((root / "annotations").glob("*/*.yaml")):
        changed, left = convert_file(path)
        total += changed
        leftovers.extend(left)
    print(f"{total} translations relabelled as project translations (AI-assisted, not independently reviewed)")
    for line in leftovers:
        print(f"left for an editor: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()))
