"""Stage: editors' files in annotations/ (notes, reviewed translations, tags, see-also, links).

* :mod:`.load` — read and validate every file; staleness against the current Chinese;
* :mod:`.edit` — the commands that write them (annotate, confirm, import-translations).
"""
