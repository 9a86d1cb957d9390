/**
 * Every coding challenge's solution passes its own pytest suite, run the way a reader would:
 * `/usr/bin/python3 -m pytest content/coding` (NumPy, pandas, scikit-learn from Debian).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBook } from '../../scripts/lib/load/loader.ts';
import { PROJECT_ROOT } from '../helpers/fixture.ts';

describe('coding solutions', async () => {
  const loaded = await loadBook({ root: PROJECT_ROOT, date: new Date(0) });
  if (!loaded.ok) throw new Error('content does not load: run npm run check');
  const coding = loaded.book.items.filter((i) => i.kind === 'coding');

  it('has at least one coding item', () => {
    expect(coding.length).toBeGreaterThan(0);
  });

  it('every suite passes under /usr/bin/python3 -m pytest, with tests for every item', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pytest-'));
    try {
      const junit = join(dir, 'junit.xml');
      const run = spawnSync('/usr/bin/python3', ['-m', 'pytest', '-q', 'content/coding', `--junitxml=${junit}`], {
        cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      });
      expect(run.status, run.stdout.slice(-4000) + run.stderr.slice(-2000)).toBe(0);
      const xml = readFileSync(junit, 'utf8');
      expect(xml).toMatch(/failures="0"/);
      expect(xml).toMatch(/errors="0"/);
      for (const item of coding) {
        const folder = item.sourcePath.split('/')[2]!;
        const cases = xml.match(new RegExp(`<testcase [^>]*classname="[^"]*${folder.replace(/[-]/g, '.')}`, 'g')) ?? [];
        expect(cases.length, `${item.id} has no passing tests`).toBeGreaterThan(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
