"""The one decoder for every file a user gives us.

* :func:`decode_strict` — files the project keeps (manifest, annotations, source files
  declared UTF-8): UTF-8 only; a byte-order mark or a bad byte is an error naming the line.
* :func:`decode_lenient` / :func:`read_user_text` — a file handed to a command (``parse``,
  ``link``): UTF-8 (a BOM is tolerated), else GB18030 with a warning; line ends normalised.
"""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostic, InputError

BOM = b"\xef\xbb\xbf"


def _bad_byte(raw: bytes, exc: UnicodeDecodeError) -> tuple[int, str]:
    return raw[:exc.start].count(b"\n") + 1, f"0x{raw[exc.start]:02X}"


def decode_strict(raw: bytes, path: str, *, what: str = "file") -> tuple[str | None, list[Diagnostic]]:
    """Strict UTF-8 decoding; a BOM or a bad byte is an error that names the line."""
    if raw.startswith(BOM):
        return None, [Diagnostic("error", f"the {what} starts with a byte-order mark (BOM)", path=path, line=1,
                                 code="bom", hint="save the file as UTF-8 without BOM")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, byte = _bad_byte(raw, exc)
        hint = "save the file as UTF-8"
        try:
            raw.decode("gb18030")
            hint = "the file looks like GBK/GB18030: convert it with `iconv -f GB18030 -t UTF-8`"
        except UnicodeDecodeError:
            pass
        return None, [Diagnostic("error", f"the {what} is not valid UTF-8 (byte {byte} at line {line})",
                                 path=path, line=line, code="encoding", hint=hint)]


def decode_lenient(raw: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    """UTF-8 (BOM tolerated), else GB18030 with a warning; raises :class:`InputError` if
    neither decodes.  Line ends are normalised to ``\\n``."""
    diags: list[Diagnostic] = []
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
        diags.append(Diagnostic("info", "UTF-8 byte-order mark ignored", path=path, line=1, code="bom"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, byte = _bad_byte(raw, exc)
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(Diagnostic("error", f"not valid UTF-8 or GB18030 (byte {byte})", path=path, line=line,
                                        code="encoding", hint="save the file as UTF-8")) from None
        diags.append(Diagnostic("warning", f"the file is not UTF-8 (first bad byte at line {line}); "
                                "decoded as GB18030/GBK", path=path, line=line, code="encoding",
                                hint="convert it: iconv -f GB18030 -t UTF-8"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, diags


def read_user_text(path: Path) -> tuple[str, list[Diagnostic], bytes]:
    """Read and decode a file given on the command line: (text, diagnostics, raw bytes).

    UTF-16 with a byte-order mark is read as such; a binary file (NUL bytes) is refused with
    the line of the first one; otherwise :func:`decode_lenient`."""
    raw = path.read_bytes()
    shown = str(path)
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(Diagnostic("error", f"not valid UTF-16 ({exc.reason})", path=shown,
                                            line=raw[:exc.start].count(b"\n\x00") + 1, code="encoding",
                                            hint="save the file as UTF-8")) from None
            return text.replace("\r\n", "\n").replace("\r", "\n"), [], raw
    nul = raw.find(b"\x00")
    if nul != -1:
        raise InputError(Diagnostic("error", "this is not a text file (it contains NUL bytes)", path=shown,
                                    line=raw[:nul].count(b"\n") + 1, code="encoding",
                                    hint="give a plain text (UTF-8) or HTML file"))
    text, diags = decode_lenient(raw, shown)
    return text, diags, raw
