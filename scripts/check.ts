/**
 * `npm run check`: load and validate content/ without building anything.
 * Prints every diagnostic and exits 1 when there is any error.
 */
import { loadBook } from './lib/load/loader.ts';
import { formatDiagnostic, formatSummary } from './lib/diagnostics.ts';
import { resolveBuildDate } from './lib/build-date.ts';

export async function check(root: string): Promise<number> {
  const started = performance.now();
  const result = await loadBook({ root, date: resolveBuildDate(process.env, root) });
  for (const d of result.diagnostics) console.error(formatDiagnostic(d));
  if (!result.ok) {
    console.error(`\ncontent check failed: ${formatSummary(result.diagnostics)}`);
    return 1;
  }
  const { book } = result;
  const ms = Math.round(performance.now() - started);
  console.log(`content ok: ${book.items.length} items, ${book.diagramsById.size} diagrams, ${book.guides.length} guides (${ms} ms)`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await check(process.cwd());
}
