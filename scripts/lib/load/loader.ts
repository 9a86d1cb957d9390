/**
 * The one reader of content/. Parses every item and guide, validates it (schema, sections,
 * math, diagrams, cross-references), collects every problem with its position, and returns one
 * immutable Book — or, when anything is wrong, the diagnostics and no book.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { DiagnosticBag, type Diagnostic, type Position } from '../diagnostics.ts';
import type { Book, Diagram, Guide, Item, Section } from '../model.ts';
import { SECTIONS, findSectionByLetter, type SectionSpec } from '../sections.ts';
import { createMarkdown } from '../render/markdown.ts';
import { loadDotRenderer, type DotRenderer } from '../render/diagrams.ts';
import { parseYaml, splitFrontMatter, type ParsedYaml } from './front-matter.ts';
import { bookMetadata, guideFrontMatter, itemFrontMatter, type BookMetadata } from './schema.ts';
import { analyzeBody, type PendingXref } from './body.ts';
import { checkSections } from './sections-check.ts';
import { deepFreeze } from './freeze.ts';
import type MarkdownIt from 'markdown-it';
import type { ZodError } from 'zod';

export interface LoadOptions {
  /** Project root; content lives in `<root>/content`. */
  readonly root: string;
  /** Build date (reproducible builds pass SOURCE_DATE_EPOCH through here). */
  readonly date: Date;
}

export type LoadResult =
  | { readonly ok: true; readonly book: Book; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

interface LoadedItem {
  readonly item: Item;
  readonly xrefs: readonly PendingXref[];
  readonly relatedAt: (index: number) => Position;
  readonly idAt: Position;
  /** Source position of each diagram, parallel to item.diagrams. */
  readonly diagramsAt: readonly Position[];
}

interface Ctx {
  readonly root: string;
  readonly bag: DiagnosticBag;
  readonly md: MarkdownIt;
  readonly dot: DotRenderer;
}

const ITEM_FILE = /^([TSCMDP]\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
const ITEM_DIR = /^([TSCMDP]\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const TOP: Position = { line: 1, column: 1 };

export async function loadBook(options: LoadOptions): Promise<LoadResult> {
  const bag = new DiagnosticBag();
  const ctx: Ctx = { root: options.root, bag, md: createMarkdown(), dot: await loadDotRenderer() };
  const contentDir = join(options.root, 'content');
  if (!existsSync(contentDir)) {
    bag.error('content', TOP, 'content/missing', 'no content/ folder', 'run the build from the project root');
    return { ok: false, diagnostics: bag.items };
  }

  const meta = loadMetadata(ctx, join(contentDir, 'book.yml'));
  const known = new Set(['book.yml', 'guides', ...SECTIONS.map((s) => s.key)]);
  for (const name of readdirSync(contentDir).sort()) {
    if (!known.has(name)) {
      bag.error(rel(ctx, join(contentDir, name)), TOP, 'content/unknown', `unexpected "${name}" in content/`,
        `content/ holds book.yml, guides/ and the section folders ${SECTIONS.map((s) => s.key).join(', ')}`);
    }
  }

  const loaded: LoadedItem[] = [];
  // Ids by file name, including items whose front matter is broken: a reference to them is not
  // an error of its own, so one mistake does not cascade into every file that links there.
  const fileIds = new Set<string>();
  for (const spec of SECTIONS) loaded.push(...loadSection(ctx, spec, join(contentDir, spec.key), fileIds));
  const guides = loadGuides(ctx, join(contentDir, 'guides'));

  // Book-wide rules: unique ids, resolvable references, unique diagram ids.
  const byId = new Map<string, LoadedItem>();
  for (const entry of loaded) {
    const first = byId.get(entry.item.id);
    if (first) {
      bag.error(entry.item.sourcePath, entry.idAt, 'id/duplicate', `id ${entry.item.id} is already used by ${first.item.sourcePath}`,
        'ids are unique across the book: pick the next free number in the section');
    } else byId.set(entry.item.id, entry);
  }
  const pendingXrefs: { file: string; xref: PendingXref }[] = [
    ...loaded.flatMap((e) => e.xrefs.map((xref) => ({ file: e.item.sourcePath, xref }))),
    ...guides.flatMap((g) => g.xrefs.map((xref) => ({ file: g.guide.sourcePath, xref }))),
  ];
  for (const { file, xref } of pendingXrefs) {
    if (!byId.has(xref.id) && !fileIds.has(xref.id)) {
      bag.error(file, xref.at, 'xref/unknown', `cross-reference [[${xref.id}]] names no item`, hintForId(xref.id, byId));
    }
  }
  for (const entry of loaded) {
    entry.item.related.forEach((id, i) => {
      if (!byId.has(id) && !fileIds.has(id)) {
        bag.error(entry.item.sourcePath, entry.relatedAt(i), 'front-matter/related', `related id ${id} names no item`, hintForId(id, byId));
      }
    });
  }
  const diagramsById = new Map<string, Diagram>();
  const diagramFile = new Map<string, string>();
  const allDiagrams = [
    ...loaded.flatMap((e) => e.item.diagrams.map((d, i) => ({ d, file: e.item.sourcePath, at: e.diagramsAt[i] ?? TOP }))),
    ...guides.flatMap((g) => g.guide.diagrams.map((d, i) => ({ d, file: g.guide.sourcePath, at: g.diagramsAt[i] ?? TOP }))),
  ];
  for (const { d, file, at } of allDiagrams) {
    const other = diagramFile.get(d.id);
    if (other) {
      bag.error(file, at, 'diagram/duplicate', `diagram id ${d.id} is already used in ${other}`,
        'diagram ids are unique across the book');
    } else {
      diagramsById.set(d.id, d);
      diagramFile.set(d.id, file);
    }
  }

  if (bag.errorCount > 0 || !meta) return { ok: false, diagnostics: bag.items };

  const items = [...byId.values()].map((e) => e.item).sort((a, b) => sectionIndex(a) - sectionIndex(b) || a.id.localeCompare(b.id));
  const sections: Section[] = SECTIONS.map((spec) => ({
    key: spec.key, title: spec.title, blurb: spec.blurb, kind: spec.kind,
    items: items.filter((i) => i.section === spec.key),
  }));
  const topics = new Map<string, string[]>();
  for (const item of items) for (const topic of item.topics) topics.set(topic, [...(topics.get(topic) ?? []), item.id]);
  const book: Book = {
    ...meta,
    date: options.date,
    sections,
    guides: guides.map((g) => g.guide).sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug)),
    items,
    itemsById: new Map(items.map((i) => [i.id, i])),
    diagramsById,
    topics: new Map([...topics.entries()].sort(([a], [b]) => a.localeCompare(b))),
  };
  return { ok: true, book: deepFreeze(book), diagnostics: bag.items };
}

function sectionIndex(item: Item): number {
  return SECTIONS.findIndex((s) => s.key === item.section);
}

function rel(ctx: Ctx, path: string): string {
  return relative(ctx.root, path).split(sep).join('/');
}

function hintForId(id: string, byId: ReadonlyMap<string, LoadedItem>): string {
  const letter = id[0] ?? '';
  const spec = findSectionByLetter(letter);
  const same = [...byId.keys()].filter((k) => k.startsWith(letter)).sort();
  if (!spec) return 'ids start with T, S, C, M, D or P';
  if (same.length === 0) return `no ${spec.title} items exist yet`;
  return `${spec.title} has ${same[0]}–${same[same.length - 1]} (${same.length} items); check the id`;
}

function loadMetadata(ctx: Ctx, path: string): BookMetadata | undefined {
  const file = rel(ctx, path);
  if (!existsSync(path)) {
    ctx.bag.error(file, TOP, 'book/metadata', 'content/book.yml is missing', 'it holds title, subtitle and edition');
    return undefined;
  }
  const yaml = parseYaml(readFileSync(path, 'utf8'), 1);
  for (const e of yaml.errors) ctx.bag.error(file, e.at, 'book/metadata', `YAML: ${e.message}`, 'fix the YAML syntax');
  if (yaml.errors.length) return undefined;
  const parsed = bookMetadata.safeParse(yaml.value);
  if (!parsed.success) {
    reportZod(ctx, file, parsed.error, yaml, 'book/metadata', 'content/book.yml holds title, subtitle and edition');
    return undefined;
  }
  return parsed.data;
}

function reportZod(ctx: Ctx, file: string, error: ZodError, yaml: Pick<ParsedYaml, 'positionOf' | 'positionOfKey'>, rule: string, hint: string): void {
  for (const issue of error.issues) {
    const key = issue.path.join('.');
    const message = issue.code === 'unrecognized_keys' ? `unknown front-matter key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
    const at = issue.code === 'unrecognized_keys' ? yaml.positionOfKey(issue.keys[0]!) : yaml.positionOf(issue.path);
    ctx.bag.error(file, at, rule, key && issue.code !== 'unrecognized_keys' ? `${key}: ${message}` : message,
      hint);
  }
}

function loadSection(ctx: Ctx, spec: SectionSpec, dir: string, fileIds: Set<string>): LoadedItem[] {
  if (!existsSync(dir)) return [];
  const out: LoadedItem[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (spec.kind === 'coding') {
      if (!statSync(path).isDirectory()) continue; // conftest.py, pytest.ini: test harness, not items
      const m = ITEM_DIR.exec(name);
      if (!m) {
        ctx.bag.error(rel(ctx, path), TOP, 'file/name', `folder name "${name}" is not <ID>-<slug>`, 'e.g. content/coding/C07-softmax-cross-entropy/');
        continue;
      }
      const challenge = join(path, 'challenge.md');
      const missing = ['challenge.md', 'solution.py', 'test_solution.py'].filter((f) => !existsSync(join(path, f)));
      for (const f of missing) {
        ctx.bag.error(rel(ctx, join(path, f)), TOP, 'coding/missing-file', `${f} is missing`,
          'a coding item is a folder with challenge.md, solution.py and test_solution.py (pytest)');
      }
      fileIds.add(m[1]!);
      if (!existsSync(challenge)) continue;
      const loaded = loadItem(ctx, spec, challenge, m[1]!, m[2]!);
      if (loaded) out.push(loaded);
    } else {
      const m = ITEM_FILE.exec(name);
      if (!m) {
        ctx.bag.error(rel(ctx, path), TOP, 'file/name', `file name "${name}" is not <ID>-<slug>.md`,
          `e.g. content/${spec.key}/${spec.letter}07-short-slug.md, slug in lower-case kebab`);
        continue;
      }
      fileIds.add(m[1]!);
      const loaded = loadItem(ctx, spec, path, m[1]!, m[2]!);
      if (loaded) out.push(loaded);
    }
  }
  return out;
}

function loadItem(ctx: Ctx, spec: SectionSpec, path: string, fileId: string, slug: string): LoadedItem | undefined {
  const { bag } = ctx;
  const file = rel(ctx, path);
  const split = splitFrontMatter(readFileSync(path, 'utf8'));
  if (!split) {
    bag.error(file, TOP, 'front-matter/missing', 'no front matter', 'start the file with a --- line, id/title/difficulty/topics, and a closing --- line');
    return undefined;
  }
  const yaml = parseYaml(split.yaml, split.yamlLine);
  for (const e of yaml.errors) bag.error(file, e.at, 'front-matter/yaml', `YAML: ${e.message}`, 'quote a title that contains a colon or #; lists look like [a, b]');
  const parsed = yaml.errors.length ? undefined : itemFrontMatter.safeParse(yaml.value ?? {});
  if (parsed && !parsed.success) reportZod(ctx, file, parsed.error, yaml, 'front-matter/schema', 'item front matter is id, title, difficulty, topics and optional related (../shared/CONTENT-GUIDE.md)');
  const fm = parsed?.success ? parsed.data : undefined;

  const idAt = yaml.positionOf(['id']);
  if (fm) {
    if (fm.id !== fileId) {
      bag.error(file, idAt, 'front-matter/id', `id ${fm.id} does not match the file name (${fileId})`, 'rename the file or fix the id; ids never change once published');
    }
    const letter = fm.id[0]!;
    const num = Number(fm.id.slice(1));
    if (letter !== spec.letter || num < spec.range[0] || num > spec.range[1]) {
      const lo = `${spec.letter}${String(spec.range[0]).padStart(2, '0')}`;
      const hi = `${spec.letter}${String(spec.range[1]).padStart(2, '0')}`;
      bag.error(file, idAt, 'front-matter/id-range', `id ${fm.id} is outside ${spec.title} (${lo}–${hi})`, `items in content/${spec.key}/ take ids ${lo}–${hi}`);
    }
    if (fm.difficulty < spec.stars[0] || fm.difficulty > spec.stars[1]) {
      const range = spec.stars[0] === spec.stars[1] ? `${spec.stars[0]}` : `${spec.stars[0]}–${spec.stars[1]}`;
      bag.error(file, yaml.positionOf(['difficulty']), 'front-matter/difficulty', `difficulty ${fm.difficulty} is outside ${spec.title}'s range ${range}`,
        `${spec.title} items take ${range} stars (1 definition, 2 explain and apply, 3 derive or compare, 4 deep dive, 5 open-ended design)`);
    }
  }

  const body = analyzeBody({ file, body: split.body, bodyLine: split.bodyLine, diagramPrefix: fileId, md: ctx.md, dot: ctx.dot, bag });
  checkSections(bag, file, spec, body);

  const diagrams: Diagram[] = body.diagrams.map((d, i) => ({ id: d.id, itemId: fileId, caption: d.caption, number: i + 1, dot: d.dot, svg: d.svg }));
  if (diagrams.length < spec.minDiagrams) {
    bag.error(file, { line: split.bodyLine, column: 1 }, 'diagram/count',
      `${spec.title} items need at least ${spec.minDiagrams} diagram${spec.minDiagrams > 1 ? 's' : ''}; found ${diagrams.length}`,
      spec.kind === 'system-design' ? 'draw the online serving path and the data/training pipeline as ```dot blocks' : 'add a ```dot diagram of the architecture or method');
  }
  if (!fm) return undefined;

  const dir = dirname(path);
  const readCode = (name: string) => {
    const p = join(dir, name);
    return existsSync(p) ? { path: rel(ctx, p), text: readFileSync(p, 'utf8') } : undefined;
  };
  const solution = spec.kind === 'coding' ? readCode('solution.py') : undefined;
  const tests = spec.kind === 'coding' ? readCode('test_solution.py') : undefined;
  const item: Item = {
    id: fm.id, section: spec.key, kind: spec.kind, title: fm.title, difficulty: fm.difficulty,
    topics: fm.topics, related: fm.related ?? [], slug, sourcePath: file, parts: body.parts, diagrams, pythonBlocks: body.pythonBlocks,
    ...(solution ? { solution } : {}), ...(tests ? { tests } : {}),
  };
  return { item, xrefs: body.xrefs, relatedAt: (i) => yaml.positionOf(['related', i]), idAt, diagramsAt: body.diagrams.map((d) => d.at) };
}

interface LoadedGuide {
  readonly guide: Guide;
  readonly xrefs: readonly PendingXref[];
  readonly diagramsAt: readonly Position[];
}

function loadGuides(ctx: Ctx, dir: string): LoadedGuide[] {
  if (!existsSync(dir)) return [];
  const out: LoadedGuide[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const file = rel(ctx, path);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*\.md$/.test(name)) {
      ctx.bag.error(file, TOP, 'file/name', `guide file name "${name}" is not <slug>.md`, 'e.g. content/guides/study-plan.md');
      continue;
    }
    const split = splitFrontMatter(readFileSync(path, 'utf8'));
    if (!split) {
      ctx.bag.error(file, TOP, 'front-matter/missing', 'no front matter', 'guides start with --- title, summary, order ---');
      continue;
    }
    const yaml = parseYaml(split.yaml, split.yamlLine);
    for (const e of yaml.errors) ctx.bag.error(file, e.at, 'front-matter/yaml', `YAML: ${e.message}`, 'quote values that contain a colon or #');
    const parsed = yaml.errors.length ? undefined : guideFrontMatter.safeParse(yaml.value ?? {});
    if (parsed && !parsed.success) reportZod(ctx, file, parsed.error, yaml, 'front-matter/schema', 'guide front matter is title, summary and order (0 first)');
    const slug = name.replace(/\.md$/, '');
    const body = analyzeBody({ file, body: split.body, bodyLine: split.bodyLine, diagramPrefix: undefined, md: ctx.md, dot: ctx.dot, bag: ctx.bag });
    if (!parsed?.success) continue;
    const diagrams: Diagram[] = body.diagrams.map((d, i) => ({ id: d.id, itemId: slug, caption: d.caption, number: i + 1, dot: d.dot, svg: d.svg }));
    out.push({
      guide: { slug, title: parsed.data.title, summary: parsed.data.summary, order: parsed.data.order, sourcePath: file, markdown: split.body.trim(), diagrams },
      xrefs: body.xrefs,
      diagramsAt: body.diagrams.map((d) => d.at),
    });
  }
  return out;
}
