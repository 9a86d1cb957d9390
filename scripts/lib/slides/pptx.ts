/**
 * PPTX decks from the Marp PDF: each page rasterised at 1920x1080 by poppler's `pdftoppm` and
 * placed full-bleed on a 16:9 PowerPoint slide, with the slide's presenter notes. This is what
 * Marp CLI's own `--pptx` makes (a screenshot per slide, plus notes), without its screenshots:
 * on this machine those stalled the whole batch (`Runtime.callFunctionOn timed out`, Marp CLI
 * 4.5.1, Chromium 156), while poppler renders a page in a fraction of a second and needs no browser.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pptxgenModule from 'pptxgenjs';

// CommonJS under ESM interop: the class may sit one level down, as `default`.
const PptxGenJS = ((pptxgenModule as unknown as { default?: unknown }).default ?? pptxgenModule) as unknown as typeof pptxgenModule.default;

const run = promisify(execFile);

export interface PptxInput {
  readonly pdf: string;
  readonly out: string;
  readonly title: string;
  /** Presenter notes, one per slide (page) in order. */
  readonly notes: readonly string[];
}

export async function writePptxFromPdf(input: PptxInput): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'deck-pptx-'));
  try {
    // 960x540 pt pages at 144 dpi: 1920x1080 pixels.
    await run('pdftoppm', ['-png', '-r', '144', input.pdf, join(dir, 'slide')]);
    const pngs = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    if (pngs.length !== input.notes.length) {
      throw new Error(`${input.pdf}: ${pngs.length} pages but ${input.notes.length} slides planned`);
    }
    const pres = new PptxGenJS();
    pres.layout = 'LAYOUT_16x9';
    pres.title = input.title;
    pres.author = 'The ML/AI Interview Prep Guide authors';
    pngs.forEach((png, i) => {
      const slide = pres.addSlide();
      slide.addImage({ data: `image/png;base64,${readFileSync(join(dir, png)).toString('base64')}`, x: 0, y: 0, w: '100%', h: '100%' });
      if (input.notes[i]) slide.addNotes(input.notes[i]!);
    });
    // PNGs do not deflate further: storing them saves minutes of JavaScript zip work.
    const buffer = (await pres.write({ outputType: 'nodebuffer', compression: false })) as Buffer;
    writeFileSync(input.out, buffer);
    return pngs.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
