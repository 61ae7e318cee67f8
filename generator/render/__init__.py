"""Stage: the project model -> Markdown pages + navigation, as data (writes nothing).

:func:`generator.render.site.render_site` is the entry point; the parts of the site are
:class:`~generator.render.extension.SiteExtension` s listed there.
"""
