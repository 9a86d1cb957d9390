/**
 * An output of the book (mdBook's "renderer"): gets the immutable Book and a folder of its own
 * inside the build's scratch dist, and writes there. Targets never read content/.
 */
import type { Browser } from 'puppeteer-core';
import type { Book } from '../model.ts';

export interface TargetContext {
  /** This target's own folder, e.g. `<scratch>/site`; created before `build` runs. */
  readonly outDir: string;
  /** The project (pipeline) root: layouts/, slides/, node_modules/. */
  readonly projectRoot: string;
  readonly log: (message: string) => void;
  /** The build's one browser, started on first call. */
  readonly browser: () => Promise<Browser>;
  /** Content-hash cache folder for this target (`.cache/<target>/`), created on demand. */
  readonly cacheDir: string;
  /** Results earlier targets publish for later ones (e.g. the PDF's page numbers). */
  readonly shared: Map<string, unknown>;
}

export interface Target {
  /** Folder name under dist/ and the name used by `npm run build -- <name>`. */
  readonly name: string;
  /** Targets whose shared results this one reads; the build runs them first. */
  readonly needs?: readonly string[];
  build(book: Book, ctx: TargetContext): Promise<void>;
}
