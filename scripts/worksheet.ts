/**
 * `npm run worksheet -- [--section theory] [--difficulty 2-3] [--topics optimization] [--count 10]
 * [--seed 7] [--role mle|applied-scientist|ai-engineer] [--out DIR]`: a custom worksheet and its
 * answer key for a mock interview. The same options and seed give the same items, in book order.
 * Returns an exit code: 0 written, 1 the book or the printing failed, 2 bad options or no match.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBook } from './lib/load/loader.ts';
import { formatDiagnostic, formatSummary } from './lib/diagnostics.ts';
import { resolveBuildDate } from './lib/build-date.ts';
import { closeBrowser, getBrowser } from './lib/browser.ts';
import type { Book } from './lib/model.ts';
import type { SectionKey } from './lib/sections.ts';
import { LETTER_FACTS, pdfTarget } from './lib/targets/pdf.ts';
import type { PageFacts } from './lib/pdf/paginate.ts';
import { printWorksheets } from './lib/targets/worksheets.ts';
import { renderCustomDocs } from './lib/worksheets/sets.ts';
import { describeFilters, parseDifficulty, ROLE_PRESETS, ROLES, selectForRole, selectItems, type Filters, type Role } from './lib/worksheets/select.ts';

const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export const USAGE = `usage: npm run worksheet -- [options]
  --section KEY[,KEY]   theory, stats, coding, model-design, system-design, papers
  --difficulty N|N-M    stars, e.g. 3 or 2-3
  --topics T[,T]        items tagged with any of these topics
  --count N             how many items (default 10)
  --seed N              the draw; the same seed gives the same set (default 1)
  --role ROLE           a balanced set across sections: ${ROLES.join(', ')}
  --out DIR             where the PDFs go (default dist/worksheets/custom)`;

export interface WorksheetOptions {
  readonly filters: Filters;
  readonly role?: Role;
  readonly count: number;
  readonly seed: number;
  readonly out: string;
}

const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);

/** Options from the command line, or a message saying what is wrong with them. */
export function parseOptions(args: readonly string[], root: string): WorksheetOptions | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        section: { type: 'string' }, difficulty: { type: 'string' }, topics: { type: 'string' }, count: { type: 'string' },
        seed: { type: 'string' }, role: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (values.help) return '';
  const int = (name: string, text: string | undefined, fallback: number, min: number): number | string => {
    if (text === undefined) return fallback;
    return /^\d+$/.test(text) && Number(text) >= min ? Number(text) : `--${name} takes a whole number${min ? ` from ${min}` : ''}, not "${text}"`;
  };
  const count = int('count', values.count, 10, 1);
  const seed = int('seed', values.seed, 1, 0);
  if (typeof count === 'string') return count;
  if (typeof seed === 'string') return seed;
  const difficulty = values.difficulty === undefined ? undefined : parseDifficulty(values.difficulty);
  if (values.difficulty !== undefined && !difficulty) return `--difficulty takes stars as N or N-M (1 to 5, low to high), not "${values.difficulty}"`;
  if (values.role !== undefined && !ROLES.includes(values.role as Role)) return `--role takes one of ${ROLES.join(', ')}, not "${values.role}"`;
  const sections = list(values.section) as SectionKey[] | undefined;
  const topics = list(values.topics);
  const filters: Filters = { ...(sections?.length ? { sections } : {}), ...(difficulty ? { difficulty } : {}), ...(topics?.length ? { topics } : {}) };
  return {
    filters,
    ...(values.role ? { role: values.role as Role } : {}),
    count,
    seed,
    out: resolve(root, values.out ?? 'dist/worksheets/custom'),
  };
}

/** A file name stem that says how the set was made, e.g. `theory-stars2-3-optimization-10-seed7`. */
export function setName(options: WorksheetOptions): string {
  const { filters } = options;
  const parts = [
    options.role ?? filters.sections?.join('+') ?? 'all',
    filters.difficulty && `stars${filters.difficulty[0]}-${filters.difficulty[1]}`,
    filters.topics?.join('+'),
    String(options.count),
    `seed${options.seed}`,
  ];
  return parts.filter(Boolean).join('-').replace(/[^a-z0-9+-]+/gi, '-');
}

/** The Letter workbook's page facts: from the pdf target's cache when the book is unchanged, else paginated once. */
async function workbookPages(book: Book, root: string, log: (m: string) => void): Promise<PageFacts> {
  // The workbook PDFs are copied out of the cache here and dropped: only the page facts are wanted.
  mkdirSync(join(root, '.cache', 'worksheets'), { recursive: true });
  const scratch = mkdtempSync(join(root, '.cache', 'worksheets', 'workbook-'));
  try {
    const shared = new Map<string, unknown>();
    // The pdf target's own log lines, marked: they are about the workbook, not the worksheet.
    await pdfTarget.build(book, { outDir: scratch, projectRoot: PROJECT_ROOT, log: (m) => log(`workbook page numbers: ${m}`), browser: getBrowser, cacheDir: join(root, '.cache', 'pdf'), shared });
    return shared.get(LETTER_FACTS) as PageFacts;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function main(args: readonly string[], root = process.cwd()): Promise<number> {
  const options = parseOptions(args, root);
  if (typeof options === 'string') {
    if (options) console.error(`worksheet: ${options}\n`);
    console.error(USAGE);
    return options ? 2 : 0;
  }
  const loaded = await loadBook({ root, date: resolveBuildDate(process.env, root) });
  if (!loaded.ok) {
    for (const d of loaded.diagnostics) console.error(formatDiagnostic(d));
    console.error(`\nworksheet: the book does not load (${formatSummary(loaded.diagnostics)}); nothing written`);
    return 1;
  }
  const { book } = loaded;
  const pick = { count: options.count, seed: options.seed };
  const selection = options.role ? selectForRole(book, options.role, options.filters, pick) : selectItems(book, options.filters, pick);
  if (!selection.ok) {
    console.error(`worksheet: ${selection.message}; nothing written\n    hint: ${selection.hint}`);
    return 2;
  }
  for (const note of selection.notes) console.log(`note: ${note}`);
  const how = [options.role && `${ROLE_PRESETS[options.role].title} preset`, describeFilters(options.filters) !== '(no filters)' && describeFilters(options.filters), `seed ${options.seed}`];
  console.log(`items: ${selection.items.map((i) => i.id).join(' ')}`);

  const log = (m: string) => console.log(m);
  try {
    const facts = await workbookPages(book, root, log);
    const docs = renderCustomDocs(book, selection.items, { name: setName(options), description: how.filter(Boolean).join(' · ') }, facts.itemPages);
    const printed = await printWorksheets({
      book, docs, projectRoot: PROJECT_ROOT, outDir: options.out, workDir: join(root, '.cache', 'worksheets'), cache: false,
      browser: getBrowser, log: () => undefined, tabs: availableParallelism(),
    });
    for (const p of printed) {
      const file = join(options.out, `${p.name}.pdf`);
      const shown = relative(root, file);
      console.log(`wrote ${shown.startsWith('..') ? file : shown} (${p.pageCount} pages)`);
    }
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    console.error('\nworksheet: printing failed');
    return 1;
  } finally {
    await closeBrowser().catch(() => undefined);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
