/**
 * The EPUB 3 target: two editions from one rendering of the Book. The MathML edition for reading
 * systems that render MathML (Apple Books, Kobo, Thorium, Google Play Books), and the Kindle
 * edition, where formulas are SVG images with their TeX as alt text. The page-list follows the
 * Letter PDF, so this target needs the pdf target's page facts. Formula images and the cover PNG
 * are cached by content hash, so an unchanged book zips in seconds.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Book } from '../model.ts';
import type { Target, TargetContext } from './target.ts';
import { LETTER_FACTS, PAPERS } from './pdf.ts';
import type { PageFacts } from '../pdf/paginate.ts';
import { FONTS, fontFaceCss } from '../assets.ts';
import { renderCoverSvg } from '../cover.ts';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.ts';
import { renderEpubBook, type EpubBook } from '../epub/documents.ts';
import { assembleEdition, formulasToDraw } from '../epub/edition.ts';
import { MATH_IMAGE_VERSION, mathImagePath, texToSvgConverter } from '../epub/math-images.ts';
import type { Formula } from '../epub/mathml.ts';
import { COVER_SIZE, rasterizeCover } from '../epub/cover-image.ts';
import { zipContainer } from '../epub/zip.ts';
import type { Edition } from '../epub/package-document.ts';

export const EPUB_NAME = 'ml-interview-prep-guide';
export const EPUB_FILES: Readonly<Record<Edition, string>> = { mathml: `${EPUB_NAME}.epub`, kindle: `${EPUB_NAME}-kindle.epub` };

const STYLESHEET = 'css/book.css';
const COVER = 'images/cover.png';

/** Where a formula is written in the source, for an error a person can act on. */
function locateFormula(book: Book, formula: Formula): { file: string; line: number; column: number } | undefined {
  for (const item of book.items) {
    for (const part of item.parts) {
      const at = part.markdown.indexOf(formula.tex);
      if (at < 0) continue;
      const before = part.markdown.slice(0, at).split('\n');
      // The part's Markdown starts on the line after its heading.
      return { file: item.sourcePath, line: part.line + before.length, column: before[before.length - 1]!.length + 1 };
    }
  }
  for (const guide of book.guides) {
    const at = guide.markdown.indexOf(formula.tex);
    if (at >= 0) return { file: guide.sourcePath, line: guide.markdown.slice(0, at).split('\n').length, column: 1 };
  }
  return undefined;
}

/** SVG per formula, drawn by MathJax or read from the cache; every failure reported at its source. */
function drawFormulas(book: Book, formulas: readonly Formula[], cacheDir: string): { images: Map<string, string>; drawn: number } {
  const dir = join(cacheDir, `math-${MATH_IMAGE_VERSION}`);
  mkdirSync(dir, { recursive: true });
  const images = new Map<string, string>();
  const problems: Diagnostic[] = [];
  let drawn = 0;
  for (const formula of formulas) {
    const path = mathImagePath(formula);
    const cached = join(dir, path.slice('math/'.length));
    if (existsSync(cached)) {
      images.set(path, readFileSync(cached, 'utf8'));
      continue;
    }
    try {
      const svg = texToSvgConverter()(formula);
      writeFileSync(cached, svg);
      images.set(path, svg);
      drawn += 1;
    } catch (error) {
      const where = locateFormula(book, formula) ?? { file: 'content/', line: 1, column: 1 };
      problems.push({
        ...where, severity: 'error', rule: 'math/kindle',
        message: `MathJax cannot draw this formula for the Kindle edition: ${error instanceof Error ? error.message : String(error)} (TeX: ${formula.tex.replace(/\s+/g, ' ').slice(0, 80)})`,
        hint: 'KaTeX accepts it but MathJax 3 does not: write it with macros both know (see the KaTeX and MathJax support tables)',
      });
    }
  }
  if (problems.length) throw new Error(`${problems.map(formatDiagnostic).join('\n')}\n${problems.length} formula(s) cannot be drawn for the Kindle edition`);
  return { images, drawn };
}

/** The cover PNG, drawn once per distinct cover. */
async function coverPng(book: Book, ctx: TargetContext): Promise<Buffer> {
  const svg = renderCoverSvg(book);
  const hash = createHash('sha256').update('cover-v2\0').update(svg);
  for (const font of FONTS) hash.update(readFileSync(font.source));
  const cached = join(ctx.cacheDir, `cover-${hash.digest('hex').slice(0, 24)}.png`);
  if (existsSync(cached)) return readFileSync(cached);
  const png = await rasterizeCover(await ctx.browser(), svg, FONTS);
  writeFileSync(cached, png);
  return png;
}

export const epubTarget: Target = {
  name: 'epub',
  needs: ['pdf'],
  async build(book, ctx) {
    const facts = ctx.shared.get(LETTER_FACTS) as PageFacts | undefined;
    if (!facts) throw new Error(`the EPUB page-list needs the Letter PDF's page facts (${LETTER_FACTS}), which the pdf target publishes: it must run first`);
    mkdirSync(ctx.cacheDir, { recursive: true });
    let t = performance.now();
    const lap = () => {
      const s = ((performance.now() - t) / 1000).toFixed(2);
      t = performance.now();
      return `${s} s`;
    };
    const epub: EpubBook = renderEpubBook(book, facts, { cover: { href: COVER, ...COVER_SIZE }, stylesheet: STYLESHEET });
    ctx.log(`epub: rendered ${epub.documents.length} documents, ${epub.pageList.length} print pages in the page-list (${lap()})`);

    const css = `${fontFaceCss('../fonts/')}\n${readFileSync(join(ctx.projectRoot, 'layouts/epub/book.css'), 'utf8')}`;
    const fonts = FONTS.map((f) => ({ href: `fonts/${f.file}`, data: readFileSync(f.source) }));
    const cover = { href: COVER, data: await coverPng(book, ctx) };
    const formulas = formulasToDraw(epub);
    const { images, drawn } = drawFormulas(book, formulas, ctx.cacheDir);
    ctx.log(`epub: ${formulas.length} distinct formulas as images for the Kindle edition, ${drawn} drawn, ${formulas.length - drawn} cached (${lap()})`);

    const letter = PAPERS.find((p) => p.paper === 'letter')!;
    const pageSource = `${book.title}, ${book.edition}, US Letter print workbook (${letter.file}, ${facts.pageCount} pages)`;
    for (const edition of ['mathml', 'kindle'] as const) {
      const files = assembleEdition({
        book, epub, edition, stylesheet: { href: STYLESHEET, css }, fonts, cover, pageSource,
        ...(edition === 'kindle' ? { mathImages: images } : {}),
      });
      const zip = await zipContainer(files, book.date);
      writeFileSync(join(ctx.outDir, EPUB_FILES[edition]), zip);
      ctx.log(`epub: ${EPUB_FILES[edition]}, ${files.length} files, ${(zip.length / 1024 / 1024).toFixed(1)} MB (${lap()})`);
    }
  },
};
