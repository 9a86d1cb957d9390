/**
 * `npm run build [-- target ...] [--skip-python] [--content DIR]`: content/ -> dist/.
 * Loads and validates the book (all problems in one run), runs its Python, renders every target
 * into a scratch folder and swaps it in as dist/. Returns an exit code rather than exiting.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBook } from './lib/load/loader.ts';
import { formatDiagnostic, formatSummary, type Diagnostic } from './lib/diagnostics.ts';
import { resolveBuildDate } from './lib/build-date.ts';
import { runBookPython } from './lib/python/run-python.ts';
import { createScratch, discardScratch, swapIntoPlace } from './lib/dist.ts';
import { siteTarget } from './lib/targets/site.ts';
import { pdfTarget } from './lib/targets/pdf.ts';
import { epubTarget } from './lib/targets/epub.ts';
import { slidesTarget } from './lib/targets/slides.ts';
import { worksheetsTarget } from './lib/targets/worksheets.ts';
import { flashcardsTarget } from './lib/targets/flashcards.ts';
import { closeBrowser, getBrowser } from './lib/browser.ts';
import type { Target } from './lib/targets/target.ts';
import { mkdirSync } from 'node:fs';

export const TARGETS: readonly Target[] = [siteTarget, pdfTarget, epubTarget, slidesTarget, worksheetsTarget, flashcardsTarget];

const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface BuildOptions {
  /** Where content/ and dist/ live (the project root unless testing a fixture book). */
  readonly root: string;
  readonly targets?: readonly string[];
  readonly skipPython?: boolean;
  readonly log?: (message: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

export async function build(options: BuildOptions): Promise<number> {
  const log = options.log ?? ((m: string) => console.log(m));
  const t0 = performance.now();
  const elapsed = (from: number) => `${((performance.now() - from) / 1000).toFixed(2)} s`;
  const printProblems = (diagnostics: readonly Diagnostic[]) => {
    for (const d of diagnostics) console.error(formatDiagnostic(d));
    console.error(`\nbuild failed: ${formatSummary(diagnostics)}; dist/ is unchanged`);
  };

  const loaded = await loadBook({ root: options.root, date: resolveBuildDate(options.env ?? process.env, options.root) });
  if (!loaded.ok) {
    printProblems(loaded.diagnostics);
    return 1;
  }
  const { book } = loaded;
  log(`loaded ${book.items.length} items, ${book.diagramsById.size} diagrams, ${book.guides.length} guides in ${elapsed(t0)}`);

  if (!options.skipPython) {
    const t = performance.now();
    const python = await runBookPython(book, join(options.root, '.cache', 'python'));
    if (python.diagnostics.length) {
      printProblems(python.diagnostics);
      return 1;
    }
    log(`python: ${python.ran} run, ${python.cached} cached, all pass (${elapsed(t)})`);
  }

  const wanted = options.targets?.length ? options.targets : TARGETS.map((t) => t.name);
  const unknown = wanted.filter((w) => !TARGETS.some((t) => t.name === w));
  if (unknown.length) {
    console.error(`unknown target ${unknown.join(', ')}; targets are: ${TARGETS.map((t) => t.name).join(', ')}`);
    return 2;
  }
  // A target also runs the targets it needs (they publish results it reads), in TARGETS order.
  const needed = new Set<string>();
  const want = (name: string): void => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dep of TARGETS.find((t) => t.name === name)?.needs ?? []) want(dep);
  };
  wanted.forEach(want);
  const scratch = createScratch(options.root);
  const shared = new Map<string, unknown>();
  try {
    for (const target of TARGETS.filter((t) => needed.has(t.name))) {
      const t = performance.now();
      const outDir = join(scratch, target.name);
      mkdirSync(outDir, { recursive: true });
      await target.build(book, { outDir, projectRoot: PROJECT_ROOT, log, browser: getBrowser, cacheDir: join(options.root, '.cache', target.name), shared });
      log(`${target.name}: ${elapsed(t)}`);
    }
    await closeBrowser();
    swapIntoPlace(options.root, scratch);
  } catch (error) {
    await closeBrowser().catch(() => undefined);
    discardScratch(scratch);
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    console.error('\nbuild failed; dist/ is unchanged');
    return 1;
  }
  log(`built ${[...needed].join(', ')} into dist/ in ${elapsed(t0)}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const contentAt = args.indexOf('--content');
  const root = contentAt >= 0 ? resolve(args[contentAt + 1] ?? '.') : process.cwd();
  const targets = args.filter((a, i) => !a.startsWith('--') && (contentAt < 0 || i !== contentAt + 1));
  process.exitCode = await build({ root, targets, skipPython: args.includes('--skip-python') });
}
