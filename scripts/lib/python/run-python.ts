/**
 * Runs the book's Python: every coding item's pytest suite against its solution, and every
 * ```python block of every answer (they must run as printed). A failure is a content error with
 * the file and line to fix. Passing runs are cached by content hash, so a rebuild re-runs only
 * what changed. Files are written from the Book model into a scratch folder: content/ is not read.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Book, Item } from '../model.ts';
import { DiagnosticBag, type Diagnostic } from '../diagnostics.ts';

export const PYTHON = process.env['PYTHON'] ?? '/usr/bin/python3';

interface Job {
  readonly key: string;
  readonly label: string;
  readonly files: Readonly<Record<string, string>>;
  readonly args: readonly string[];
  readonly timeoutMs: number;
  /** Turns a failed run into diagnostics. */
  readonly report: (bag: DiagnosticBag, output: string, timedOut: boolean) => void;
}

export interface PythonRunSummary {
  readonly diagnostics: readonly Diagnostic[];
  readonly ran: number;
  readonly cached: number;
}

const hash = (...parts: string[]): string => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);

function suiteJob(item: Item): Job | undefined {
  if (!item.solution || !item.tests) return undefined;
  const tests = item.tests;
  return {
    key: hash('pytest', item.solution.text, tests.text),
    label: `${item.id} pytest`,
    files: { 'solution.py': item.solution.text, 'test_solution.py': tests.text },
    args: ['-m', 'pytest', '-q', '--tb=line', '-p', 'no:cacheprovider', 'test_solution.py'],
    timeoutMs: 180_000,
    report: (bag, output, timedOut) => {
      if (timedOut) {
        bag.error(tests.path, { line: 1, column: 1 }, 'python/tests', `${item.id}: the test suite did not finish in 180 s`, 'look for an endless loop or a test that is far too large');
        return;
      }
      const failures = [...output.matchAll(/(?:^|\/)(test_solution|solution)\.py:(\d+): (.+)$/gm)];
      const path = (name: string) => (name === 'solution' ? item.solution!.path : tests.path);
      if (failures.length === 0) {
        const last = output.trim().split('\n').filter(Boolean).slice(-3).join(' | ');
        bag.error(tests.path, { line: 1, column: 1 }, 'python/tests', `${item.id}: pytest failed: ${last}`, `run it: cd ${tests.path.replace(/\/[^/]+$/, '')} && ${PYTHON} -m pytest -q`);
      }
      for (const f of failures) {
        bag.error(path(f[1]!), { line: Number(f[2]), column: 1 }, 'python/tests', `${item.id}: test failed: ${f[3]!.slice(0, 300)}`,
          `run it: cd ${tests.path.replace(/\/[^/]+$/, '')} && ${PYTHON} -m pytest -q`);
      }
    },
  };
}

function blockJobs(item: Item): Job[] {
  return item.pythonBlocks.map((block, i) => ({
    key: hash('block', block.code),
    label: `${item.id} python block ${i + 1}`,
    files: { 'block.py': block.code },
    args: ['block.py'],
    timeoutMs: 60_000,
    report: (bag, output, timedOut) => {
      const lines = output.trim().split('\n').filter(Boolean);
      const lineInBlock = [...output.matchAll(/File "[^"]*block\.py", line (\d+)/g)].pop()?.[1];
      const at = { line: block.line + (lineInBlock ? Number(lineInBlock) : 0), column: 1 };
      bag.error(item.sourcePath, at, 'python/block',
        timedOut ? 'python block did not finish in 60 s' : `python block fails: ${(lines.pop() ?? 'non-zero exit').slice(0, 300)}`,
        `blocks fenced as python must run as printed with ${PYTHON} (NumPy, pandas, scikit-learn, SciPy); fence pseudo-code as text`);
    },
  }));
}

function run(job: Job, dir: string): Promise<{ ok: boolean; output: string; timedOut: boolean }> {
  for (const [name, text] of Object.entries(job.files)) writeFileSync(join(dir, name), text);
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [...job.args], {
      cwd: dir,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0', OMP_NUM_THREADS: '1', MPLBACKEND: 'Agg' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, job.timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); resolve({ ok: false, output: `${output}\n${e.message}`, timedOut }); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ ok: code === 0 && !timedOut, output, timedOut }); });
  });
}

/** Runs every job not already cached as passing; returns diagnostics for the failures. */
export async function runBookPython(book: Book, cacheDir: string, options: { concurrency?: number } = {}): Promise<PythonRunSummary> {
  if (!existsSync(PYTHON)) {
    const bag = new DiagnosticBag();
    bag.error(PYTHON, { line: 1, column: 1 }, 'python/missing', `${PYTHON} not found`, 'apt-get install -y python3-numpy python3-pandas python3-sklearn python3-pytest (or set PYTHON)');
    return { diagnostics: bag.items, ran: 0, cached: 0 };
  }
  mkdirSync(cacheDir, { recursive: true });
  const jobs = book.items.flatMap((item) => [...blockJobs(item), ...[suiteJob(item)].filter((j): j is Job => !!j)]);
  const pending = jobs.filter((j) => !existsSync(join(cacheDir, j.key)));
  const bag = new DiagnosticBag();
  const scratch = mkdtempSync(join(tmpdir(), 'book-python-'));
  let next = 0;
  const worker = async (w: number): Promise<void> => {
    while (next < pending.length) {
      const job = pending[next++]!;
      const dir = join(scratch, `w${w}-${next}`);
      mkdirSync(dir);
      const result = await run(job, dir);
      if (result.ok) writeFileSync(join(cacheDir, job.key), `${job.label}\n`);
      else job.report(bag, result.output, result.timedOut);
    }
  };
  const concurrency = options.concurrency ?? Math.max(1, availableParallelism());
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { diagnostics: bag.items, ran: pending.length, cached: jobs.length - pending.length };
}
