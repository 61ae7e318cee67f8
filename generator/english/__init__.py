"""Stage: the English of every segment, with its provenance.

* :mod:`.model`  — :class:`~.model.English` (reviewed / machine / missing);
* :mod:`.choice` — which English a segment shows: reviewed > machine draft > missing;
* :mod:`.memory` — ``annotations/translation-memory.jsonl`` (machine drafts): load, look up, save;
* :mod:`.terms`  — glossary terms locked during machine translation;
* :mod:`.run`    — plan (which segments need a draft) and run (translate, store);
* :mod:`.argos`  — install the zh->en model and translate through argostranslate, imported
  lazily: only ``statute-site translate`` gets there, the build never does.
"""
