"""Plain text: every non-blank line is one paragraph, with its line number.

No headings are guessed here: the parser finds 第X编/章/节 in the text itself.  A line of
only whitespace and zero-width characters (U+200B …) counts as blank.  Leading and
trailing whitespace of a line is trimmed; nothing else is touched.
"""

from __future__ import annotations

from generator.sources.readers.blocks import Block, ReadDocument, is_blank, split_lines


def read_text(text: str, name: str = "") -> ReadDocument:
    blocks = [Block("paragraph", line.strip(), n)
              for n, line in enumerate(split_lines(text), 1) if not is_blank(line)]
    return ReadDocument("text", blocks, {}, [])
