"""Structured problems found in the inputs.

Every stage reports what it finds as :class:`Diagnostic` values instead of raising
exceptions the user would have to read a traceback for.  A diagnostic names the
file and line, says what is wrong and, where we know it, how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

SEVERITIES = ("error", "warning", "info")
_RANK = {name: i for i, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    message: str
    path: str | None = None
    line: int | None = None
    code: str = ""
    hint: str | None = None
    # The message in Chinese for readers of the site's Chinese view (the Source issues page);
    # empty where only the English is written.  Editors' tools print ``message`` alone.
    message_zh: str = ""

    def __post_init__(self) -> None:
        if self.severity not in _RANK:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or ""

    def format(self) -> str:
        """``path:line: severity: message — hint`` (the form editors' tools understand)."""
        text = self.message
        if self.hint:
            text = f"{text} — {self.hint}"
        loc = self.location()
        prefix = f"{loc}: " if loc else ""
        return f"{prefix}{self.severity}: {text}"

    def to_json(self) -> dict:
        data = {"severity": self.severity, "line": self.line, "message": self.message}
        if self.path:
            data["path"] = self.path
        if self.code:
            data["code"] = self.code
        if self.hint:
            data["hint"] = self.hint
        return data

    def sort_key(self) -> tuple:
        return (self.path or "", self.line or 0, _RANK[self.severity], self.code, self.message)


class InputError(Exception):
    """Raised when inputs are so broken that a stage cannot go on.

    Carries the diagnostics that explain why; the CLI prints them and exits non-zero.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))
