"""Legacy encodings are named correctly: GBK vs Big5 (both decode most bytes; told apart
by how common the decoded Simplified characters are), UTF-16 with or without a BOM."""

from __future__ import annotations

import opencc
import pytest

from generator.diagnostics import InputError
from generator.sources.decode import decode_lenient, decode_strict, guess_encoding, read_user_text
from tests.conftest import seed_text

TEXT = seed_text("003")
TRADITIONAL = opencc.OpenCC("s2t").convert(TEXT)


def test_gbk_is_named_gbk():
    assert guess_encoding(TEXT.encode("gb18030")) == "gb18030"
    assert guess_encoding(TEXT.encode("gbk")) == "gb18030"


def test_big5_is_named_big5_not_gbk():
    raw = TRADITIONAL.encode("big5", errors="ignore")
    assert guess_encoding(raw) == "big5"
    _, diags = decode_strict(raw, "x.txt")
    assert "Big5" in diags[0].hint and "iconv -f BIG5" in diags[0].hint
    text, diags = decode_lenient(raw, "x.txt")
    assert "decoded as Big5" in diags[0].message
    assert text[:200] == TRADITIONAL.encode("big5", errors="ignore").decode("big5")[:200]
    assert "深圳經濟特區" in text


@pytest.mark.parametrize("codec, name", [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
                                         ("utf-16", "utf-16-le")])
def test_utf16_gets_a_specific_hint(codec, name):
    raw = TEXT.encode(codec)
    assert guess_encoding(raw) == name
    _, diags = decode_strict(raw, "x.txt")
    assert "UTF-16" in diags[0].hint and "iconv -f UTF-16 -t UTF-8" in diags[0].hint


def test_a_command_refuses_utf16_without_bom_with_the_hint(tmp_path):
    path = tmp_path / "law.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    with pytest.raises(InputError) as exc:
        read_user_text(path)
    assert "UTF-16 without a byte-order mark" in exc.value.diagnostics[0].message
