/**
 * An output of the book (mdBook's "renderer"): gets the immutable Book and a folder of its own
 * inside the build's scratch dist, and writes there. Targets never read content/.
 */
import type { Book } from '../model.ts';

export interface TargetContext {
  /** This target's own folder, e.g. `<scratch>/site`; created before `build` runs. */
  readonly outDir: string;
  /** The project (pipeline) root: layouts/, slides/, node_modules/. */
  readonly projectRoot: string;
  readonly log: (message: string) => void;
}

export interface Target {
  /** Folder name under dist/ and the name used by `npm run build -- <name>`. */
  readonly name: string;
  build(book: Book, ctx: TargetContext): Promise<void>;
}
