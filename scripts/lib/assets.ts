/**
 * Static assets every output ships: the book's fonts (from @fontsource packages) and KaTeX's CSS
 * and fonts (from the katex package). Nothing is fetched from a CDN: the outputs work offline.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** node_modules folder of a package (resolved, so hoisting does not matter). */
export function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    // Packages whose "exports" hide package.json (pagedjs): look along Node's search paths.
    for (const base of require.resolve.paths(name) ?? []) {
      if (existsSync(join(base, name, 'package.json'))) return join(base, name);
    }
    throw new Error(`package ${name} is not installed: run npm ci`);
  }
}

export interface FontFile {
  readonly family: string;
  readonly weight: number;
  readonly style: 'normal' | 'italic';
  /** Absolute source path. */
  readonly source: string;
  /** File name in the output's fonts folder. */
  readonly file: string;
}

function fontsource(pkg: string, prefix: string, family: string, variants: readonly [number, 'normal' | 'italic'][]): FontFile[] {
  const dir = join(packageDir(`@fontsource/${pkg}`), 'files');
  return variants.map(([weight, style]) => {
    const file = `${prefix}-latin-${weight}-${style}.woff2`;
    return { family, weight, style, source: join(dir, file), file };
  });
}

export const FONTS: readonly FontFile[] = [
  ...fontsource('source-serif-4', 'source-serif-4', 'Source Serif 4', [[400, 'normal'], [400, 'italic'], [600, 'normal'], [700, 'normal']]),
  ...fontsource('inter', 'inter', 'Inter', [[400, 'normal'], [600, 'normal'], [700, 'normal']]),
  ...fontsource('jetbrains-mono', 'jetbrains-mono', 'JetBrains Mono', [[400, 'normal'], [700, 'normal']]),
];

/** @font-face rules for FONTS, with URLs relative to the stylesheet that includes them. */
export function fontFaceCss(urlPrefix: string): string {
  return FONTS.map((f) =>
    `@font-face { font-family: "${f.family}"; font-style: ${f.style}; font-weight: ${f.weight}; font-display: swap; src: url("${urlPrefix}${f.file}") format("woff2"); }`,
  ).join('\n') + '\n';
}

export const KATEX_DIST = join(packageDir('katex'), 'dist');
