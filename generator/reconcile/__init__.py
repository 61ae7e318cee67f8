"""Stage: reconcile the copies of a statute.

* :mod:`.statute` — the published :class:`~.statute.Statute` (authoritative copy, placeholders);
* :mod:`.variants` — differences between copies, paragraph guide.
"""
