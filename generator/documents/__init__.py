"""Stage: commentary documents (interpretation, explanation, news, background).

* :mod:`.model` — Document, Paragraph, SourceRef;
* :mod:`.readers` — plain text, HTML (text only, neutralised), front matter;
* :mod:`.segment` — paragraph segmentation of run-on text;
* :mod:`.build` — the manifest's documents -> :class:`~.model.Document` s.
"""
