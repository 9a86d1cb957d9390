import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBook } from '../../../scripts/lib/load/loader.ts';
import { runBookPython } from '../../../scripts/lib/python/run-python.ts';
import { formatDiagnostic } from '../../../scripts/lib/diagnostics.ts';
import { copyFixture, edit } from '../../helpers/fixture.ts';

const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

async function runOn(breakIt?: (root: string) => void) {
  const fixture = copyFixture();
  cleanups.push(fixture.cleanup);
  breakIt?.(fixture.root);
  const loaded = await loadBook({ root: fixture.root, date: new Date(0) });
  if (!loaded.ok) throw new Error('fixture should load');
  const cache = mkdtempSync(join(tmpdir(), 'py-cache-'));
  cleanups.push(() => rmSync(cache, { recursive: true, force: true }));
  return { book: loaded.book, cache, run: () => runBookPython(loaded.book, cache) };
}

describe('running the book\'s Python', () => {
  it('runs every python block and every test suite, then serves them from the cache', async () => {
    const { run } = await runOn();
    const first = await run();
    expect(first.diagnostics).toEqual([]);
    expect(first.ran).toBe(3); // T01's block, C01's signature block, C01's pytest suite
    const second = await run();
    expect(second).toEqual({ diagnostics: [], ran: 0, cached: 3 });
  });

  it('reports a broken solution at the failing assertion', async () => {
    const { run } = await runOn((root) => edit(root, 'content/coding/C01-mean/solution.py', 'math.fsum(xs) / len(xs)', 'math.fsum(xs) / (len(xs) + 1)'));
    const result = await run();
    expect(result.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0])).toEqual([
      'content/coding/C01-mean/test_solution.py:6:1  error  C01: test failed: assert 1.5 == 2.0 ± 2.0e-06  (python/tests)',
    ]);
  });

  it('reports a python block that raises at its line in the Markdown file', async () => {
    const { run } = await runOn((root) => edit(root, 'content/theory/T01-fixture-bias.md', 'print(round(0.2 + 0.1, 2))', 'x = 1\nraise ValueError("boom")'));
    const result = await run();
    expect(result.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0])).toEqual([
      'content/theory/T01-fixture-bias.md:29:1  error  python block fails: ValueError: boom  (python/block)',
    ]);
  });
});
