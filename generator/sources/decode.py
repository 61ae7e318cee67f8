"""The one decoder for every file a user gives us.

* :func:`decode_strict` — files the project keeps (manifest, annotations, source files
  declared UTF-8): UTF-8 only; a byte-order mark or a bad byte is an error naming the line.
* :func:`decode_lenient` / :func:`read_user_text` — a file handed to a command (``parse``,
  ``link``): UTF-8 (a BOM is tolerated), else GB18030 with a warning; line ends normalised.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from generator.diagnostics import Diagnostic, InputError

BOM = b"\xef\xbb\xbf"


def _bad_byte(raw: bytes, exc: UnicodeDecodeError) -> tuple[int, str]:
    return raw[:exc.start].count(b"\n") + 1, f"0x{raw[exc.start]:02X}"


def _cjk_share_in_gb2312(text: str) -> float:
    """Of the CJK characters in ``text``, the share GB2312 (the common Simplified set) has."""
    cjk = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return 0.0
    common = 0
    for ch in cjk:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(cjk)


def guess_encoding(raw: bytes) -> str | None:
    """The legacy encoding ``raw`` (not UTF-8) is most likely in: ``utf-16-le``/``utf-16-be``,
    ``gb18030`` (GBK, Simplified) or ``big5`` (Traditional); None if none fits.

    GBK and Big5 share most byte ranges, so both often decode.  Read as GBK, real GBK text
    is almost all GB2312 characters (the common Simplified set); Big5 text read as GBK
    turns every character whose second byte is below 0x7F into a rare GBK-only character
    (about four in ten).  So: GBK if nearly all of its characters are common, else Big5."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16-le" if raw.startswith(b"\xff\xfe") else "utf-16-be"
    sample = raw[:20000]
    if len(sample) >= 16 and len(raw) % 2 == 0:
        # The high byte of each UTF-16 code unit of Chinese text: 0x00 (ASCII), 0x30 (CJK
        # punctuation), 0x4E-0x9F (CJK ideographs) or 0xFF (full-width forms).
        for codec, highs in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
            plausible = sum(1 for b in highs if b in (0x00, 0x20, 0x30, 0xFF) or 0x4E <= b <= 0x9F)
            if plausible >= 0.95 * len(highs) and highs.count(0) < len(highs):
                return codec
    decoded = {}
    for codec in ("gb18030", "big5"):
        try:
            decoded[codec] = raw.decode(codec)
        except UnicodeDecodeError:
            pass
    if "gb18030" in decoded and _cjk_share_in_gb2312(decoded["gb18030"]) >= 0.9:
        return "gb18030"
    if "big5" in decoded:
        return "big5"
    return "gb18030" if "gb18030" in decoded else None


ENCODING_HINT = {
    "gb18030": "the file looks like GBK/GB18030 (Simplified Chinese): convert it with `iconv -f GB18030 -t UTF-8`",
    "big5": "the file looks like Big5 (Traditional Chinese): convert it with `iconv -f BIG5 -t UTF-8`",
    "utf-16-le": "the file looks like UTF-16 (as Windows Notepad saves \"Unicode\"): convert it with "
                 "`iconv -f UTF-16 -t UTF-8`, or save it as \"UTF-8\"",
    "utf-16-be": "the file looks like UTF-16 (big-endian): convert it with `iconv -f UTF-16 -t UTF-8`",
}


def decode_strict(raw: bytes, path: str, *, what: str = "file") -> tuple[str | None, list[Diagnostic]]:
    """Strict UTF-8 decoding; a BOM or a bad byte is an error that names the line."""
    if raw.startswith(BOM):
        return None, [Diagnostic("error", f"the {what} starts with a byte-order mark (BOM)", path=path, line=1,
                                 code="bom", hint="save the file as UTF-8 without BOM")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, byte = _bad_byte(raw, exc)
        hint = ENCODING_HINT.get(guess_encoding(raw) or "", "save the file as UTF-8")
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
        codec = guess_encoding(raw)
        if codec is None:
            raise InputError(Diagnostic("error", f"not valid UTF-8, GB18030 or Big5 (byte {byte})", path=path,
                                        line=line, code="encoding", hint="save the file as UTF-8")) from None
        text = raw.decode(codec)
        name = {"gb18030": "GB18030/GBK", "big5": "Big5"}.get(codec, "UTF-16")
        diags.append(Diagnostic("warning", f"the file is not UTF-8 (first bad byte at line {line}); "
                                f"decoded as {name}", path=path, line=line, code="encoding",
                                hint=ENCODING_HINT[codec]))
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
    if guess_encoding(raw) in ("utf-16-le", "utf-16-be"):
        raise InputError(Diagnostic("error", "the file is UTF-16 without a byte-order mark", path=shown, line=1,
                                    code="encoding", hint=ENCODING_HINT["utf-16-le"]))
    nul = raw.find(b"\x00")
    if nul != -1:
        raise InputError(Diagnostic("error", "this is not a text file (it contains NUL bytes)", path=shown,
                                    line=raw[:nul].count(b"\n") + 1, code="encoding",
                                    hint="give a plain text (UTF-8) or HTML file"))
    text, diags = decode_lenient(raw, shown)
    return text, diags, raw


# Controls with no place in a text (tab, line ends aside) and the bidirectional formatting
# characters, which can make text display in an order other than the one it has
# ("Trojan Source": U+202E RIGHT-TO-LEFT OVERRIDE).
UNWANTED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
REPORT_LIMIT = 20


def control_characters(text: str, path: str) -> list[Diagnostic]:
    """Each control or bidi character in ``text``, with its line and code point."""
    out: list[Diagnostic] = []
    line, last = 1, 0
    for m in UNWANTED.finditer(text):
        line += text.count("\n", last, m.start())
        last = m.start()
        ch = m.group(0)
        if len(out) == REPORT_LIMIT:
            rest = len(UNWANTED.findall(text, m.start()))
            out.append(Diagnostic("warning", f"{rest} more control or bidi characters after this line", path=path,
                                  line=line, code="control-character"))
            break
        name = unicodedata.name(ch, "control character")
        bidi = "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" or ch in "\u200e\u200f\u061c"
        kind = ("a bidirectional control: it can make text show in another order than it is read" if bidi
                else "a control character")
        out.append(Diagnostic(
            "warning", f"U+{ord(ch):04X} {name} in the text ({kind}); left out of the published text",
            path=path, line=line, code="control-character",
            hint="check the text around it against the official copy, then remove the character"))
    return out
