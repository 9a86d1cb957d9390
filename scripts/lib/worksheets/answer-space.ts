/**
 * How much room a worksheet gives an answer. The room grows with the stars (a one-star
 * definition needs a paragraph, a four-star deep dive a page and a half) and its form follows
 * the kind: ruled lines for written answers, a code box for coding, a dot grid for sketches.
 *
 * Every box is printed whole (Paged.js moves a box that does not fit to the next page), so the
 * boxes are sized to the page they land on: the first fills what the question leaves of the
 * first page, the others a fresh page with the self-check footer. What the question takes is
 * estimated from its Markdown, generously: an underestimate only moves a box to the next page.
 * All lengths are inches of the worksheet's Letter text block (layouts/worksheets/worksheet.css).
 */
import type { Item } from '../model.ts';
import { answerOutline, findPart, questionParts } from './parts.ts';

export type AnswerBox =
  | { readonly type: 'lines'; readonly label: string; readonly lines: number }
  /** Writing lines in a code frame, under the signature unless the box continues an earlier one. */
  | { readonly type: 'code'; readonly label: string; readonly lines: number; readonly signature: boolean }
  | { readonly type: 'grid'; readonly label: string; readonly inches: number };

/** Height of the text block: 11in less the 0.75in top and 0.8in bottom margins. */
export const PAGE_IN = 9.45;
/** Kicker, title, stars and topics, rule. */
const HEAD_IN = 0.85;
/** A box's label and the space above it. */
const LABEL_IN = 0.32;
/** Self-check and review strip, with the space above them. */
const FOOTER_IN = 0.8;
/** Distance between ruled lines (wide enough for handwritten math). */
export const LINE_PITCH_IN = 0.3;
/** Distance between writing lines in the code box (closer: code lines are short). */
export const CODE_PITCH_IN = 0.25;
/** A signature line in the code box (7.6pt type at 1.38 leading), and the frame around it. */
const SIGNATURE_LINE_IN = 0.146;
const CODE_FRAME_IN = 0.35;
/** Smallest sketch canvas worth drawing in. */
const MIN_CANVAS_IN = 3;

/** Ruled lines for a written answer, by stars. */
const WRITTEN_LINES: Readonly<Record<number, number>> = { 1: 10, 2: 16, 3: 21, 4: 44 };
/** Writing lines in the code box, by stars. */
const CODE_LINES: Readonly<Record<number, number>> = { 2: 16, 3: 22, 4: 28 };
const COMPLEXITY_LINES = 4;

const linesIn = (height: number, pitch = LINE_PITCH_IN) => Math.max(0, Math.floor(height / pitch + 1e-9));
const clampStars = (stars: number, table: Readonly<Record<number, number>>) => {
  const keys = Object.keys(table).map(Number);
  return table[Math.min(Math.max(...keys), Math.max(Math.min(...keys), stars))]!;
};

/**
 * Printed height of some Markdown in the question's type (10.5pt at 1.42 on a 7in measure,
 * about 100 characters a line), text padded by a tenth; code at its exact leading.
 */
export function estimateMarkdownIn(markdown: string): number {
  let text = 0;
  let code = 0;
  markdown.split('```').forEach((segment, i) => {
    if (i % 2 === 1) {
      // The first line is the info string; a long line wraps at about 100 monospace characters.
      const lines = segment.trimEnd().split('\n').slice(1);
      code += lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 100)), 0) * SIGNATURE_LINE_IN + 0.15;
      return;
    }
    for (const block of segment.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean)) {
      const lines = block.split('\n');
      if (block.startsWith('$$')) text += 0.6;
      else if (lines.every((l) => l.trim().startsWith('|'))) text += lines.length * 0.24 + 0.12;
      else {
        for (const item of block.split(/\n(?=\s*(?:[-*+]|\d+\.)\s)/)) {
          const plain = item.replace(/\$[^$]*\$/g, 'xxxxxxxx').replace(/[*_`[\]]/g, '');
          text += Math.ceil(plain.length / 100) * 0.207 + 0.05;
        }
        text += 0.08;
      }
    }
  });
  return text * 1.1 + code + 0.05;
}

/** Printed height of the "Cover" checklist of a design item (8pt ticks, wrapping at 7in). */
export function estimateOutlineIn(headings: readonly string[]): number {
  if (!headings.length) return 0;
  const width = headings.reduce((w, h) => w + h.length * 0.062 + 0.45, 0.6);
  return Math.ceil(width / 6.6) * 0.22 + 0.2;
}

const titleIn = (item: Item) => (item.title.length > 62 ? 0.25 : 0);

/** What the head, question and checklist leave of the item's first page. */
export function firstPageRoomIn(item: Item): number {
  const asked = questionParts(item).filter((p) => !(item.kind === 'coding' && p.heading === 'Signature'));
  const task = item.kind === 'paper' ? 0.3 : 0;
  const outline = item.kind === 'question' || item.kind === 'coding' ? 0 : estimateOutlineIn(answerOutline(item.kind));
  const question = asked.reduce((h, p) => h + estimateMarkdownIn(p.markdown), 0);
  return PAGE_IN - HEAD_IN - titleIn(item) - question - task - outline;
}

/** Height of the signature part inside the code box. */
export function signatureIn(item: Item): number {
  return estimateMarkdownIn(findPart(item, 'Signature').markdown) + CODE_FRAME_IN;
}

function writtenBoxes(item: Item, room: number): AnswerBox[] {
  const total = clampStars(item.difficulty, WRITTEN_LINES);
  const alone = linesIn(room - LABEL_IN - FOOTER_IN);
  if (total <= alone) return [{ type: 'lines', label: 'Your answer', lines: total }];
  // A few lines fewer rather than a page for the footer alone.
  if (alone >= total * 0.85) return [{ type: 'lines', label: 'Your answer', lines: alone }];
  // The rest goes on a page of its own, with the footer: the first box may run to the page foot.
  const first = linesIn(room - LABEL_IN);
  const next = linesIn(PAGE_IN - LABEL_IN - FOOTER_IN);
  if (first < 4) return [{ type: 'lines', label: 'Your answer', lines: Math.min(total, next) }];
  return [
    { type: 'lines', label: 'Your answer', lines: first },
    { type: 'lines', label: 'Continue: the math and a worked example', lines: Math.min(Math.max(total - first, 8), next) },
  ];
}

function codingBoxes(item: Item, room: number): AnswerBox[] {
  const want = clampStars(item.difficulty, CODE_LINES);
  const signature = signatureIn(item);
  const complexity: AnswerBox = { type: 'lines', label: 'Complexity and edge cases', lines: COMPLEXITY_LINES };
  const plain = (label: string, lines: number): AnswerBox => ({ type: 'lines', label, lines });
  const complexityIn = LABEL_IN + COMPLEXITY_LINES * LINE_PITCH_IN;
  const onFirst = linesIn(room - LABEL_IN - signature - complexityIn - FOOTER_IN, CODE_PITCH_IN);
  // All on the first page when that leaves at least three quarters of the lines wanted.
  if (onFirst >= want * 0.75) return [{ type: 'code', label: 'Your solution', lines: Math.min(want, onFirst), signature: true }, complexity];
  const filling = linesIn(room - LABEL_IN - signature, CODE_PITCH_IN);
  if (filling >= 8) {
    const boxes: AnswerBox[] = [{ type: 'code', label: 'Your solution', lines: Math.min(want, filling), signature: true }];
    if (want > filling) boxes.push({ type: 'code', label: 'Your solution, continued', lines: Math.max(8, want - filling), signature: false });
    return [...boxes, complexity];
  }
  // The code box needs a page of its own. What is left of the first page is for planning, as an
  // interviewer expects before any code: approach, complexity, edge cases and tests.
  const plan = linesIn(room - LABEL_IN);
  const onSecond = linesIn(PAGE_IN - LABEL_IN - signature - FOOTER_IN, CODE_PITCH_IN);
  const code: AnswerBox = { type: 'code', label: 'Your solution', lines: Math.max(6, Math.min(want, onSecond)), signature: true };
  return plan >= 3 ? [plain('Plan: approach, complexity, edge cases and tests', plan), code] : [code, complexity];
}

/** A canvas filling what is left of the first page (or a fresh page when too little is left). */
function firstCanvas(label: string, room: number, fresh: number): AnswerBox {
  const fits = room - LABEL_IN - 0.1;
  return { type: 'grid', label, inches: round(fits >= MIN_CANVAS_IN ? Math.min(fits, fresh) : fresh) };
}

const round = (inches: number) => Math.floor(inches * 10) / 10;

export function answerBoxes(item: Item): readonly AnswerBox[] {
  const room = firstPageRoomIn(item);
  const stars = item.difficulty;
  switch (item.kind) {
    case 'question':
      return writtenBoxes(item, room);
    case 'coding':
      return codingBoxes(item, room);
    case 'model-design':
      return [
        firstCanvas('Sketch: inputs, labels, features, model, outputs', room, 7.5),
        { type: 'lines', label: 'Metrics, evaluation, deployment and tradeoffs', lines: 16 + (stars - 3) * 4 },
      ];
    case 'system-design': {
      const envelope = 7 + stars - 3;
      const pipeline = PAGE_IN - LABEL_IN - 0.1 - (LABEL_IN + envelope * LINE_PITCH_IN) - FOOTER_IN;
      return [
        firstCanvas('Sketch: the online serving path', room, 7.5),
        { type: 'grid', label: 'Sketch: the data and training pipeline', inches: round(pipeline) },
        { type: 'lines', label: 'Back-of-the-envelope: users, QPS, storage, latency budget', lines: envelope },
      ];
    }
    case 'paper':
      return [
        firstCanvas('Sketch: the method as you would draw it on a whiteboard', room, 7.5),
        { type: 'lines', label: 'Two minutes: problem, method, results, one strength, one critique', lines: 22 },
      ];
  }
}
