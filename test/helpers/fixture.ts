/** Copies of the fixture books in temporary folders, so a test can break one file at a time. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
export const MINI = join(PROJECT_ROOT, 'test', 'fixtures', 'mini');

/** A fresh copy of a fixture book (its content/ only); removed by the returned cleanup. */
export function copyFixture(source = MINI): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'book-fixture-'));
  cpSync(join(source, 'content'), join(root, 'content'), { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Replaces exactly one occurrence of `find` in a file of the copied book. */
export function edit(root: string, file: string, find: string | RegExp, replace: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(find, replace);
  if (next === text) throw new Error(`fixture edit found nothing to replace in ${file}: ${String(find)}`);
  writeFileSync(path, next);
}

export function write(root: string, file: string, text: string): void {
  writeFileSync(join(root, file), text);
}
