"""Stage: link commentary paragraphs to the articles they discuss.

* :mod:`.citations` — explicit citations (第四十四条, ranges, lists);
* :mod:`.normalize` — comparison keys (Simplified/Traditional, width, noise);
* :mod:`.similarity` — Chinese n-gram similarity; :mod:`.english` — through the English;
* :mod:`.link` — per-paragraph combination, editors' overrides.
"""
