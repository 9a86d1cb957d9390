/**
 * Diagnostics: content problems with a position, collected (never thrown) so that one run
 * reports all of them. Printed as `path:line:col  error  message  (rule)` plus a hint line,
 * the shape editors and CI logs link to.
 */

export interface Diagnostic {
  /** Path relative to the project root, with forward slashes. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Stable rule id, e.g. `front-matter/difficulty`: tests and docs refer to it. */
  readonly rule: string;
  /** What to do about it. */
  readonly hint?: string;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Collects diagnostics for one run. */
export class DiagnosticBag {
  readonly #items: Diagnostic[] = [];

  error(file: string, at: Position, rule: string, message: string, hint?: string): void {
    this.#items.push({ file, line: at.line, column: at.column, severity: 'error', rule, message, ...(hint ? { hint } : {}) });
  }

  get items(): readonly Diagnostic[] {
    return [...this.#items].sort(compareDiagnostics);
  }

  get errorCount(): number {
    return this.#items.filter((d) => d.severity === 'error').length;
  }
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}

export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  (${d.rule})`;
  return d.hint ? `${head}\n    hint: ${d.hint}` : head;
}

export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const files = new Set(diagnostics.map((d) => d.file)).size;
  return `${errors} error${errors === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
}

/** Thrown by callers that need a valid book (e.g. the dev server) when loading found errors. */
export class ContentError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`${formatSummary(diagnostics)}\n${diagnostics.map(formatDiagnostic).join('\n')}`);
    this.name = 'ContentError';
  }
}
