"""Stage: parse a statute text into Chapter > Section > Article > Paragraph > Item.

* :mod:`.cleaning` — strip extraction debris, keep a map to source lines;
* :mod:`.headings` — find chapter/section/article headings;
* :mod:`.body` — split an article body into paragraphs and items;
* :mod:`.statute` — the whole parse (:func:`~.statute.parse_statute`).
"""
