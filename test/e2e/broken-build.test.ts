/**
 * The acceptance check of the foundation issue: breaking T01 in five ways, one at a time, makes
 * `npm run build` exit non-zero with `content/theory/T01-….md:LINE` in its message, and leaves an
 * earlier dist/ byte for byte as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../helpers/fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'book-broken-'));
const t01Name = readdirSync(join(PROJECT_ROOT, 'content/theory')).find((f) => f.startsWith('T01-'))!;
const T01 = `content/theory/${t01Name}`;
let original = '';

function buildHere() {
  return spawnSync('npm', ['run', 'build', '--', '--content', root, '--skip-python', 'site'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
}

function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const visit = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) visit(path);
      else hash.update(relative(dir, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  visit(dir);
  return hash.digest('hex');
}

beforeAll(() => {
  cpSync(join(PROJECT_ROOT, 'content'), join(root, 'content'), { recursive: true });
  original = readFileSync(join(root, T01), 'utf8');
  const first = buildHere();
  expect(first.status, first.stderr).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** 1-based line of the first line matching `re` in `text`. */
const lineOf = (text: string, re: RegExp): number => text.split('\n').findIndex((l) => re.test(l)) + 1;

const breaks: [name: string, breakIt: (text: string) => string, rule: string, lineMatch: RegExp][] = [
  ['difficulty: 9', (t) => t.replace(/^difficulty: \d+$/m, 'difficulty: 9'), 'front-matter/difficulty', /^difficulty: 9$/],
  ['an unclosed $\\frac{1}{$', (t) => t.replace(/^## Answer\n/m, '## Answer\n\nAn unclosed $\\frac{1}{$ formula.\n'), 'math/tex', /^An unclosed/],
  ['[[T99]]', (t) => t.replace(/^## Answer\n/m, '## Answer\n\nCompare [[T99]].\n'), 'xref/unknown', /^Compare \[\[T99\]\]/],
  ['a dot syntax error', (t) => t.replace(/^(```dot[^\n]*\n[\s\S]*?)->/m, '$1-> ->'), 'diagram/syntax', /-> ->/],
  ['a missing ## Key points', (t) => t.replace(/^## Key points\n/m, ''), 'sections/missing', /^## Common mistakes$/],
];

describe(`breaking ${T01}`, () => {
  it.each(breaks)('%s fails the build at its line and leaves dist/ untouched', (_name, breakIt, rule, lineMatch) => {
    const before = treeHash(join(root, 'dist'));
    const broken = breakIt(original);
    expect(broken).not.toBe(original);
    writeFileSync(join(root, T01), broken);
    try {
      const run = buildHere();
      expect(run.status).not.toBe(0);
      const line = lineOf(broken, lineMatch);
      expect(line).toBeGreaterThan(0);
      expect(run.stderr).toMatch(new RegExp(`^${T01.replace(/[.]/g, '\\.')}:${rule === 'diagram/syntax' ? '\\d+' : line}:\\d+  error  .*\\(${rule}\\)$`, 'm'));
      if (rule === 'diagram/syntax') expect(run.stderr).toContain(`${T01}:${line}:1`);
      expect(run.stderr).toContain('dist/ is unchanged');
      expect(treeHash(join(root, 'dist'))).toBe(before);
    } finally {
      writeFileSync(join(root, T01), original);
    }
  });
});
