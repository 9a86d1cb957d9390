/**
 * Splits `---` front matter from a Markdown file and parses the YAML with positions, so that a
 * schema problem points at the line and column of the offending key or value.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import type { Position } from '../diagnostics.ts';

export interface SplitFile {
  readonly yaml: string;
  /** 1-based line of the first YAML line (2 when the file starts with `---`). */
  readonly yamlLine: number;
  readonly body: string;
  /** 1-based line of the first body line. */
  readonly bodyLine: number;
}

export function splitFrontMatter(text: string): SplitFile | undefined {
  const normalized = text.replace(/\r\n?/g, '\n');
  if (!normalized.startsWith('---\n')) return undefined;
  const end = normalized.indexOf('\n---', 3);
  if (end < 0) return undefined;
  const afterFence = normalized.indexOf('\n', end + 4);
  const yaml = normalized.slice(4, end + 1);
  const yamlLines = yaml.split('\n').length - 1;
  const body = afterFence < 0 ? '' : normalized.slice(afterFence + 1);
  return { yaml, yamlLine: 2, body, bodyLine: 2 + yamlLines + 1 };
}

export interface ParsedYaml {
  readonly value: unknown;
  readonly errors: readonly { message: string; at: Position }[];
  /** Position (in the file) of the node at a path such as ['topics', 1], or of its nearest ancestor. */
  readonly positionOf: (path: readonly (string | number)[]) => Position;
  /** Position of a top-level key itself (for unknown keys). */
  readonly positionOfKey: (key: string) => Position;
}

export function parseYaml(yaml: string, firstLine: number): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toFile = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + firstLine - 1, column: p.col };
  };
  // One YAML mistake often yields several parser errors on the same line: keep the first per line.
  const errors = doc.errors
    .map((e) => ({ message: e.message.split('\n')[0] ?? e.message, at: toFile(e.pos[0]) }))
    .filter((e, i, all) => all.findIndex((o) => o.at.line === e.at.line) === i);
  const positionOf = (path: readonly (string | number)[]): Position => {
    let node: unknown = doc.contents;
    let at: Position = { line: firstLine, column: 1 };
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (keyNode.range) at = toFile(keyNode.range[0]);
        node = pair.value;
        const valueNode = pair.value as Node | null;
        if (valueNode?.range) at = toFile(valueNode.range[0]);
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as Node | undefined;
        if (!item) break;
        if (item.range) at = toFile(item.range[0]);
        node = item;
      } else break;
    }
    return at;
  };
  const positionOfKey = (key: string): Position => {
    const contents = doc.contents;
    const pair = isMap(contents) ? contents.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    const range = (pair?.key as Node | undefined)?.range;
    return range ? toFile(range[0]) : { line: firstLine, column: 1 };
  };
  return { value: errors.length ? undefined : doc.toJS(), errors, positionOf, positionOfKey };
}
