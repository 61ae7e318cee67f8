"""Related provisions on each article page: the articles of other statutes on the same
subject (found by :mod:`generator.linking.related`, corrected by editors), as the AI Act
Explorer shows related recitals."""

from __future__ import annotations

from generator.model import Article, Segment
from generator.numerals import article_label_zh
from generator.reconcile.statute import Statute
from generator.render import urls
from generator.render.extension import SiteExtension
from generator.render.html import EDITORIAL_DETAILS, bi, esc, md_link_text, rel
from generator.render.statute_pages import heading_en


def article_title_en(english, statute: Statute, article: Article) -> str:
    """The English of an article's title ("" when it has none): what a link's caption to the
    article shows in the related provisions (render.reuse keys kept statutes by it)."""
    if not article.title:
        return ""
    segment = Segment(f"{article.eid}__heading", "article-heading", article.title, article.number)
    return heading_en(english, statute, segment, "")


METHOD = {"similarity": "similar wording (Chinese and English)", "editor": "added by an editor"}


class RelatedProvisions(SiteExtension):
    """SiteExtension: the "Related provisions · 相关条文" section of article pages."""

    def article_sections(self, project, statute, article, page: str) -> str:
        related = project.related.get((statute.id, article.number), [])
        if not related:
            return ""
        out = [f"## {bi('相关条文', 'Related provisions', en_first=True)} {{ #related }}\n\n",
               f'<p class="related-intro">{bi("其他法规中主题相同的条文。", "Provisions of other statutes on the same subject.", " ")}</p>\n\n']
        details = []
        for item in related:
            other = project.statutes[item.statute]
            target = other.article(item.article)
            title_zh = f"{article_label_zh(item.article)}" + (f"（{target.title}）" if target.title else "")
            title_en = article_title_en(project.english, other, target)
            name_en = other.spec.short_title_en or other.spec.title_en
            label = f"{other.title} {title_zh}"
            en = f"{name_en}, art. {item.article}" + (f" ({title_en})" if title_en else "")
            note = f" — {esc(item.note)}" if item.note else ""
            out.append(f"- [{bi(md_link_text(label), esc(en))}]({rel(page, urls.article_page(item.statute, item.article))})"
                       f"{note}\n")
            score = f", score {item.score:.2f}" if item.method == "similarity" else ""
            details.append(f"<li>{esc(item.statute)} art. {item.article}: {esc(METHOD.get(item.method, item.method))}"
                           f"{score}</li>")
        out.append("\n")
        out.append(f'<details class="editorial" lang="en"><summary>{EDITORIAL_DETAILS}</summary><p>How each was found '
                   "(editors add or suppress one under <code>related:</code> in the article's annotation file):</p>"
                   f"<ul>{''.join(details)}</ul></details>\n\n")
        return "".join(out)
