"""Publishing: Markdown -> MkDocs -> site/ and the offline bundle; live preview.

* :mod:`.build` — write the docs tree, run MkDocs, swap the new site in;
* :mod:`.mkdocs_hooks` — MkDocs hooks (navigation, raw-HTML links);
* :mod:`.bundle` — the offline zip;
* :mod:`.serve` — live preview for editors.
"""
