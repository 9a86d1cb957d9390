/**
 * The build date: SOURCE_DATE_EPOCH when set (reproducible builds), else the time of the
 * last commit (so two builds of one checkout agree), else now.
 */
import { execFileSync } from 'node:child_process';

export function resolveBuildDate(env: NodeJS.ProcessEnv, root: string): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && epoch !== '') {
    const seconds = Number(epoch);
    if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
    return new Date(seconds * 1000);
  }
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (/^\d+$/.test(out)) return new Date(Number(out) * 1000);
  } catch {
    // not a git checkout: fall through
  }
  return new Date();
}
