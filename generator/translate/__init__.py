"""Machine drafts: the translation memory and the Argos Translate step that fills it.

* :mod:`.memory` — ``annotations/translation-memory.jsonl``: load, look up, save.  This is
  all the site build uses; it imports nothing from the translation stack.
* :mod:`.terms`  — glossary terms locked during translation (placeholders in, English out).
* :mod:`.run`    — plan (which segments need a draft) and run (translate, store).
* :mod:`.argos`  — install the zh->en model and translate through argostranslate, which it
  imports lazily; only ``statute-site translate`` gets here.
"""

from .memory import TM_RELPATH, MachineDrafts, TMEntry, TranslationMemory, tm_path

__all__ = ["TM_RELPATH", "MachineDrafts", "TMEntry", "TranslationMemory", "tm_path"]
