"""Publishing: Markdown -> MkDocs -> site/ and the offline bundle; live preview.

* :mod:`.build` — write the docs tree, run MkDocs, swap the new site in;
* :mod:`.mkdocs_hooks`, :mod:`.search_hooks` — MkDocs hooks (navigation, raw-HTML links, search);
* :mod:`.search_index` — shape the search index; :mod:`.bundle` — the offline zip;
* :mod:`.serve` — live preview for editors.
"""
