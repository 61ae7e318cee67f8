"""Load editor-facing YAML files with line numbers, strictly.

Editors are not programmers: every problem is reported as ``path:line: message — fix``.
Compared with ``yaml.safe_load`` this loader

* rejects a UTF-8 BOM and non-UTF-8 bytes (naming the line of the first bad byte);
* rejects duplicate keys (PyYAML silently keeps the last one);
* keeps dates as strings (``2022-08-30``), so values round-trip exactly and schemas
  check them;
* records the line of every value, so schema errors can point at the line;
* refuses anchors and aliases (``&a``/``*a``): nothing editors write needs them, and a
  few hundred bytes of nested aliases ("billion laughs") expand to gigabytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import cache
from generator.sources.decode import decode_strict
from generator.sources.files import read_input
from generator.diagnostics import Diagnostic


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's, when available: ~5x faster) without the timestamp resolver
    (dates stay strings)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Path_ = tuple  # a path of keys/indices from the document root


@dataclass
class YamlDoc:
    path: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    key_lines: dict[tuple, int] = field(default_factory=dict)
    text: str = ""

    def line(self, where: tuple) -> int | None:
        """Line of the value at ``where`` (or of its nearest ancestor)."""
        where = tuple(where)
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where[:-1]
        return self.lines.get((), 1)

    def key_line(self, where: tuple) -> int | None:
        return self.key_lines.get(tuple(where)) or self.line(where)


def alias_line(text: str) -> int | None:
    """Line (from 1) of the first YAML anchor or alias in ``text``, else None.

    Only the tokenizer runs (linear in the text), so a bomb is refused before anything
    is expanded.  Text that does not even tokenize is left to the parser's error."""
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
                return token.start_mark.line + 1
    except yaml.YAMLError:
        return None
    return None


def alias_diagnostic(text: str, path: str, first_line: int = 1, severity: str = "error",
                     suffix: str = "") -> Diagnostic | None:
    line = alias_line(text)
    if line is None:
        return None
    return Diagnostic(severity, "YAML anchors and aliases (&name, *name) are not allowed" + suffix, path=path,
                      line=first_line + line - 1, code="yaml-alias",
                      hint="write the value out in full where it is needed")


def load_yaml(file: Path, display_path: str | None = None) -> tuple[YamlDoc | None, list[Diagnostic]]:
    path = display_path or str(file)
    raw, problem = read_input(file, path)
    if raw is None:
        return None, [problem]
    return parse_yaml(raw, path)


def parse_yaml(raw: bytes, path: str) -> tuple[YamlDoc | None, list[Diagnostic]]:
    text, diags = decode_strict(raw, path)
    if text is None:
        return None, diags
    if "\t" in text:
        for n, line in enumerate(text.split("\n"), start=1):
            if "\t" in line[: len(line) - len(line.lstrip())]:
                return None, [Diagnostic("error", "a tab is used for indentation", path=path, line=n,
                                         code="yaml-syntax", hint="indent with spaces only")]
    refused = alias_diagnostic(text, path)
    if refused is not None:
        return None, [refused]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        return None, [Diagnostic("error", f"YAML syntax error: {problem}", path=path, line=line,
                                 code="yaml-syntax",
                                 hint="check indentation, colons and quotes on this line and the one above")]
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        return None, [Diagnostic("error", f"YAML error: {exc}", path=path, code="yaml-syntax")]
    finally:
        loader.dispose()
    doc = YamlDoc(path=path, data=None, text=text)
    if node is None:
        doc.data = None
        return doc, diags
    errors: list[Diagnostic] = []
    doc.data = _build(node, (), doc, loader, errors)
    return (None if errors else doc), errors


def _build(node: yaml.Node, where: tuple, doc: YamlDoc, loader: _Loader, errors: list[Diagnostic]) -> Any:
    doc.lines[where] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                errors.append(Diagnostic("error", "a mapping key must be a plain word", path=doc.path,
                                         line=key_node.start_mark.line + 1, code="yaml-syntax"))
                continue
            key = loader.construct_object(key_node)
            key_line = key_node.start_mark.line + 1
            if key in out:
                errors.append(Diagnostic(
                    "error", f"duplicate key '{key}' (first at line {doc.key_lines[where + (key,)]})",
                    path=doc.path, line=key_line, code="duplicate-key",
                    hint="YAML keeps only one of them; merge the two entries"))
                continue
            doc.key_lines[where + (key,)] = key_line
            out[key] = _build(value_node, where + (key,), doc, loader, errors)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, where + (i,), doc, loader, errors) for i, child in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


_VALIDATORS: dict = {}


def _validator(key: int, schema: dict, validator_cls=None):
    """One validator per schema (building it costs more than validating a small file)."""
    import jsonschema

    cls = validator_cls or jsonschema.Draft202012Validator
    cached = _VALIDATORS.get((key, cls))
    if cached is None or cached[0] is not schema:
        cached = _VALIDATORS[(key, cls)] = (schema, cls(schema, format_checker=cls.FORMAT_CHECKER))
    return cached[1]


def schema_diagnostics(doc: YamlDoc, schema: dict, *, validator_cls=None) -> list[Diagnostic]:
    """Validate ``doc.data`` against a JSON Schema; every error carries its line."""
    validator = _validator(id(schema), schema, validator_cls)
    out = []
    for err in sorted(validator.iter_errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        where = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            out.extend(_unknown_keys(doc, err, where))
            continue
        out.append(Diagnostic("error", _schema_message(err), path=doc.path, line=doc.line(where),
                              code="schema", hint=_schema_hint(err)))
    return out


def load_valid_yaml(file: Path, display_path: str, schema: dict,
                    diagnostics: list[Diagnostic]) -> YamlDoc | None:
    """A YAML file read and checked against ``schema``: the document, or None when it cannot
    be read or breaks the schema (its problems appended to ``diagnostics``).  The checked
    document is remembered by the file's bytes and the schema (the commentary translations
    are read in every build, and seldom change); callers must not change it."""
    raw, problem = read_input(file, display_path)
    if raw is None:
        diagnostics.append(problem)
        return None
    doc, problems = _checked(raw, display_path, schema)
    diagnostics.extend(problems)
    return doc


def _checked_key(raw: bytes, display_path: str, schema: dict) -> tuple[str, str, str]:
    schema_text = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    return (display_path, hashlib.sha256(raw).hexdigest(), hashlib.sha256(schema_text.encode()).hexdigest())


@cache.memo("checked-yaml", key=_checked_key)
def _checked(raw: bytes, display_path: str, schema: dict) -> tuple[YamlDoc | None, tuple[Diagnostic, ...]]:
    doc, problems = parse_yaml(raw, display_path)
    if doc is None:
        return None, tuple(problems)
    problems = schema_diagnostics(doc, schema)
    return (None if problems else doc), tuple(problems)


def _unknown_keys(doc: YamlDoc, err, where: tuple) -> list[Diagnostic]:
    """One diagnostic per unknown key, at the key's own line, with a did-you-mean."""
    import difflib
    import re

    known = list(err.schema.get("properties", {}))
    patterns = list(err.schema.get("patternProperties", {}))
    out = []
    for key in err.instance:
        if key in known or any(re.search(p, str(key)) for p in patterns):
            continue
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else (
            f"allowed here: {', '.join(known)}" if known else None)
        place = "/".join(str(p) for p in where) or "top level"
        out.append(Diagnostic("error", f"{place}: unknown field '{key}'", path=doc.path,
                              line=doc.key_line(where + (key,)), code="unknown-field", hint=hint))
    return out


def _schema_message(err) -> str:
    where = "/".join(str(p) for p in err.absolute_path) or "top level"
    if err.validator == "additionalProperties":
        return f"{where}: {err.message}"
    if err.validator == "required":
        return f"{where}: {err.message}"
    if err.validator == "type":
        return f"{where}: {err.instance!r} is not of type {err.validator_value}"
    if err.validator == "enum":
        return f"{where}: {err.instance!r} is not one of {', '.join(map(str, err.validator_value))}"
    return f"{where}: {err.message}"


def _schema_hint(err) -> str | None:
    if err.validator == "format" and err.validator_value == "date":
        return "write dates as YYYY-MM-DD"
    if err.validator == "pattern":
        return f"the value must match {err.validator_value}"
    if err.validator == "dependentRequired":
        return "a review names both who checked the English (reviewer:) and when (reviewed_on:)"
    if err.validator == "required" and "'translator'" in err.message:
        return ("name who or what drafted the English in `translator:`; `reviewer:` is only for a "
                "named person other than the translator who checked it")
    return None
