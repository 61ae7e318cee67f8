"""Machine-readable exports published with the site: ``data/<statute-id>.json``.

Each statute's structure, Chinese text, English with its provenance, and source, for
people who want to reuse or cite the text programmatically.  Deterministic: keys sorted,
no timestamps other than the dates in the sources and annotations.
"""

from __future__ import annotations

import json

from generator.render.extension import SiteExtension
from generator.model import article_segments


def _english(project, statute_id, segment) -> dict:
    en = project.english.english(statute_id, segment)
    data = {"status": en.status}
    if en.available:
        data["text"] = en.text
    for key in ("translator", "translated_on", "reviewer", "reviewed_on", "engine", "model_version", "note"):
        value = getattr(en, key)
        if value:
            data[key] = value
    if en.ai_assisted:
        data["ai_assisted"] = True
    if en.stale:
        data["stale"] = True
    return data


def statute_export(project, statute) -> dict:
    spec = statute.spec
    segments = {s.eid: s for s in statute.segments()}
    articles = []
    for article in statute.articles:
        entry = {"number": article.number, "id": article.eid, "status": article.status,
                 "chapter": article.chapter, "section": article.section, "title": article.title,
                 "url": f"{statute.id}/article-{article.number}/"}
        if article.status != "present":
            # The reason with the manifest's notes on the sources, as before the pages showed them apart.
            entry["missing_reason"] = " ".join(x for x in (article.missing_reason, spec.notes) if x)
            entry["missing_reason_zh"] = article.missing_reason_zh
        else:
            by_eid = {s.eid: s for s in article_segments(article)}
            entry["paragraphs"] = [{
                "id": p.eid, "text": p.text,
                "english": _english(project, statute.id, by_eid[p.eid]) if p.text else None,
                "items": [{"id": i.eid, "label": i.label, "text": i.text,
                           "english": _english(project, statute.id, by_eid[i.eid])} for i in p.items],
            } for p in article.paragraphs]
        articles.append(entry)
    return {
        "id": statute.id,
        "title": statute.title,
        "title_en": spec.title_en,
        "status": spec.status,
        "dates": {k: v for k, v in (("adopted", spec.adopted), ("promulgated", spec.promulgated),
                                    ("effective", spec.effective)) if v},
        "comment_period": spec.comment_period,
        "metadata": statute.metadata(),
        "books": [b.to_json() for b in statute.books],
        "appendices": [a.to_json() for a in statute.appendices],
        "authoritative_source": {"file": statute.source.display_path, "sha256": statute.source.source.spec.sha256,
                                 "part": statute.source.spec.id},
        "chapters": [{"number": c.number, "id": c.eid, "title": c.title,
                      "english": _english(project, statute.id, segments[f"{c.eid}__heading"]),
                      "sections": [{"number": s.number, "id": s.eid, "title": s.title} for s in c.sections]}
                     for c in statute.chapters],
        "articles": articles,
    }


class DataExport(SiteExtension):
    """SiteExtension: JSON exports (no nav entry; linked from the overview pages)."""

    def statute_pages(self, project, statute) -> dict[str, str]:
        return {f"data/{statute.id}.json": json.dumps(statute_export(project, statute), ensure_ascii=False,
                                                      indent=1, sort_keys=True) + "\n"}
