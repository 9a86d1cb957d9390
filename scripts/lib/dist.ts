/**
 * dist/ is replaced whole or not at all: a build writes into a scratch folder beside it and
 * swaps it in only when every target succeeded, so a failed build leaves the previous dist/
 * byte for byte as it was. Targets not rebuilt this time are carried over from the old dist/.
 */
import { existsSync, mkdirSync, renameSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function createScratch(root: string): string {
  const scratch = join(root, `.dist-tmp-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  return scratch;
}

export function discardScratch(scratch: string): void {
  rmSync(scratch, { recursive: true, force: true });
}

/** Moves scratch into place as dist/, keeping old targets that were not rebuilt. */
export function swapIntoPlace(root: string, scratch: string): void {
  const dist = join(root, 'dist');
  const old = join(root, `.dist-old-${process.pid}`);
  if (existsSync(dist)) {
    for (const name of readdirSync(dist)) {
      if (!existsSync(join(scratch, name))) renameSync(join(dist, name), join(scratch, name));
    }
    renameSync(dist, old);
  }
  renameSync(scratch, dist);
  rmSync(old, { recursive: true, force: true });
}
