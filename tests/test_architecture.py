"""The package's layout keeps its promises: data flows one way through the stages, and
modules and functions stay small enough to read.

The stage order is the pipeline's (generator/pipeline.py); a module may import only from
its own stage or an earlier one, at the top of the file (no import hidden in a function).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "generator"

# Earlier stages first.  A module's stage is the first entry its dotted name starts with.
STAGES = [
    ("generator.diagnostics", "generator.textnorm", "generator.numerals", "generator.model", "generator.cache", "generator.atomic",
     "generator.schemas"),
    ("generator.sources",),
    ("generator.parse",),
    ("generator.reconcile",),
    ("generator.versions",),
    ("generator.documents",),
    ("generator.annotations",),
    ("generator.english",),
    ("generator.glossary",),
    ("generator.linking",),
    ("generator.project",),
    ("generator.pipeline",),
    ("generator.render",),
    ("generator.site",),
    ("generator.commands", "generator.bench", "generator.bench_search", "generator.bench_preview"),
    ("generator.cli", "generator.__main__", "generator"),
]

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def stage_of(module: str) -> int:
    for index, prefixes in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    raise AssertionError(f"{module} is in no stage: add it to STAGES")


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(REPO).with_suffix("")
        name = ".".join(rel.parts)
        yield (name[: -len(".__init__")] if name.endswith(".__init__") else name), path


def imported(module: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        base = module.split(".")[: -node.level] if not module.endswith("__init__") else module.split(".")
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    return [target]


def project_imports(module: str, tree: ast.Module):
    """(import target, line, inside a function) for every import of the project's own code."""
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            in_function.update(id(n) for n in ast.walk(node) if n is not node)
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in type_only:
            for target in imported(module, node):
                if target == "generator" or target.startswith("generator."):
                    yield target, node.lineno, id(node) in in_function


def test_the_stage_list_covers_every_module():
    for name, _ in modules():
        stage_of(name)


def test_no_stage_imports_a_later_one_and_no_import_hides_in_a_function():
    problems = []
    for name, path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target, line, hidden in project_imports(name, tree):
            where = f"{path.relative_to(REPO)}:{line}"
            if hidden and name != "generator.bench":   # bench times imports in a fresh interpreter
                problems.append(f"{where}: imports {target} inside a function")
            if target != "generator" and stage_of(target) > stage_of(name):
                problems.append(f"{where}: {name} imports the later stage {target}")
    assert not problems, "\n".join(problems)


def test_modules_and_functions_stay_small():
    problems = []
    for name, path in modules():
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            problems.append(f"{path.relative_to(REPO)}: {lines} lines (max {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    problems.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.name} is {length} lines "
                                    f"(max {MAX_FUNCTION_LINES})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("package", ["parse", "documents", "annotations", "linking", "render", "english",
                                     "sources", "site", "reconcile", "commands"])
def test_package_init_files_hold_no_code(package):
    tree = ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8"))
    code = [n for n in tree.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    assert not code, f"generator/{package}/__init__.py should only describe the package"
