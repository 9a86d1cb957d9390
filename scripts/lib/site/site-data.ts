/**
 * The site renderer: a pure function from the Book to the data the Eleventy templates lay out.
 * Every body is rendered here (Markdown, math, diagrams, cross-references); the templates only
 * place it, so the site never reads content/ a second time.
 */
import type { Book, Item, Guide } from '../model.ts';
import { formatStars } from '../sections.ts';
import { createMarkdown, type RenderEnv } from '../render/markdown.ts';
import { renderItemParts } from '../render/item-html.ts';
import { itemUrl, sectionUrl, guideUrl, topicsUrl, relativeUrl } from './urls.ts';

export interface LinkData { readonly id: string; readonly title: string; readonly url: string }

export interface ItemPage {
  readonly id: string;
  readonly title: string;
  readonly stars: string;
  readonly difficulty: number;
  readonly section: string;
  readonly sectionTitle: string;
  readonly sectionUrl: string;
  readonly url: string;
  readonly topics: readonly string[];
  readonly related: readonly LinkData[];
  readonly html: string;
  readonly prev?: LinkData;
  readonly next?: LinkData;
}

export interface SiteData {
  readonly title: string;
  readonly subtitle: string;
  readonly edition: string;
  readonly date: string;
  readonly sections: readonly {
    key: string; title: string; blurb: string; url: string; count: number;
    items: readonly { id: string; title: string; stars: string; topics: readonly string[]; url: string }[];
  }[];
  readonly items: readonly ItemPage[];
  readonly guides: readonly { slug: string; title: string; summary: string; url: string; html: string }[];
  readonly topics: readonly { topic: string; items: readonly LinkData[] }[];
  readonly topicsUrl: string;
}


export function renderSiteData(book: Book): SiteData {
  const md = createMarkdown();
  const envFor = (pageUrl: string): RenderEnv => ({
    math: 'htmlAndMathml',
    xref: (id) => {
      const target = book.itemsById.get(id);
      return target && { href: relativeUrl(pageUrl, itemUrl(target)), label: `${target.id} ${target.title}`, title: target.title };
    },
    diagram: (id) => book.diagramsById.get(id),
  });

  const renderItem = (item: Item): string => renderItemParts(item, md, envFor(itemUrl(item)));

  const link = (item: Item): LinkData => ({ id: item.id, title: item.title, url: itemUrl(item) });
  const sectionTitle = new Map(book.sections.map((s) => [s.key, s.title]));
  const items: ItemPage[] = book.items.map((item, i) => {
    const prev = book.items[i - 1];
    const next = book.items[i + 1];
    return {
      id: item.id, title: item.title, stars: formatStars(item.difficulty), difficulty: item.difficulty,
      section: item.section, sectionTitle: sectionTitle.get(item.section) ?? item.section, sectionUrl: sectionUrl(item.section),
      url: itemUrl(item), topics: item.topics,
      related: item.related.map((id) => book.itemsById.get(id)).filter((x): x is Item => !!x).map(link),
      html: renderItem(item),
      ...(prev ? { prev: link(prev) } : {}), ...(next ? { next: link(next) } : {}),
    };
  });
  const renderGuide = (guide: Guide): string => md.render(guide.markdown, envFor(guideUrl(guide)));

  return {
    title: book.title, subtitle: book.subtitle, edition: book.edition, date: book.date.toISOString().slice(0, 10),
    sections: book.sections.map((s) => ({
      key: s.key, title: s.title, blurb: s.blurb, url: sectionUrl(s.key), count: s.items.length,
      items: s.items.map((i) => ({ id: i.id, title: i.title, stars: formatStars(i.difficulty), topics: i.topics, url: itemUrl(i) })),
    })),
    items,
    guides: book.guides.map((g) => ({ slug: g.slug, title: g.title, summary: g.summary, url: guideUrl(g), html: renderGuide(g) })),
    topics: [...book.topics.entries()].map(([topic, ids]) => ({
      topic, items: ids.map((id) => book.itemsById.get(id)!).map(link),
    })),
    topicsUrl,
  };
}
