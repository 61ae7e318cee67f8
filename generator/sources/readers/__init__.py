"""Readers: a statute file as found in the wild -> one common shape for the parser.

A statute reaches us as plain text, Markdown (e.g. the LawRefBook corpus), HTML saved from
a legislature's site, or a .docx downloaded from the national law database
(flk.npc.gov.cn).  Each reader says what is a title, a heading, a paragraph or a table, and
where in the original file each block starts.  It removes markup only: every character of
law text in the input is in some block, in order (whitespace aside).  Finding 第X章/第X条
in the text is the parser's job, not the reader's.

Line numbers (``Block.line``, 1-based) by format:

* text, markdown: the line of the original file (after a UTF-8 BOM, which is not a line);
  ``\\r\\n``, ``\\r`` and ``\\n`` each end a line.
* html: the source line of the element (or text) the block starts at, as reported by
  the stdlib ``html.parser`` through BeautifulSoup's ``sourceline``.
* docx: there are no lines; ``line`` is the 1-based position of the body-level item
  (paragraph, or whole table) in document order.  With no tables this is the paragraph
  index.

Pure functions: nothing here reads or writes files; callers hand over bytes or text.
"""

from generator.sources.readers.blocks import FORMATS, Block, ReadDocument, decode_utf8, is_blank, split_lines
from generator.sources.readers.detect import detect_format
from generator.sources.readers.read import read_document

__all__ = ["Block", "ReadDocument", "FORMATS", "detect_format", "read_document", "decode_utf8",
           "split_lines", "is_blank"]
