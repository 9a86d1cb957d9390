/**
 * Reads the Markdown body of one item or guide: its H2 parts, diagrams, math and cross-references,
 * validating each at its source line. Nothing here throws on bad content: problems go to the bag.
 */
import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { DiagnosticBag, Position } from '../diagnostics.ts';
import type { CodeBlock, Part } from '../model.ts';
import { checkTex } from '../render/math.ts';
import { compileDot, sanitizeSvg, type DotRenderer } from '../render/diagrams.ts';
import { parseFenceInfo } from '../render/fence-info.ts';

export interface PendingDiagram {
  readonly id: string;
  readonly caption: string;
  readonly dot: string;
  readonly svg: string;
  readonly at: Position;
}

export interface PendingXref {
  readonly id: string;
  readonly at: Position;
}

export interface BodyAnalysis {
  readonly parts: readonly Part[];
  readonly headings: readonly { text: string; at: Position }[];
  readonly diagrams: readonly PendingDiagram[];
  readonly xrefs: readonly PendingXref[];
  /** Top-level bullets under `## Key points`, or undefined when there is no such part. */
  readonly keyPointCount: number | undefined;
  readonly endLine: number;
  /** ```python blocks with the file line of their opening fence: they must run as printed. */
  readonly pythonBlocks: readonly CodeBlock[];
}

export interface BodyContext {
  readonly file: string;
  readonly body: string;
  /** File line of the body's first line. */
  readonly bodyLine: number;
  /** Prefix every diagram id must start with (the item id), or undefined for guides. */
  readonly diagramPrefix: string | undefined;
  readonly md: MarkdownIt;
  readonly dot: DotRenderer;
  readonly bag: DiagnosticBag;
}

export function analyzeBody(ctx: BodyContext): BodyAnalysis {
  const { file, body, bodyLine, md, bag } = ctx;
  const lines = body.split('\n');
  const tokens = md.parse(body, {});
  const fileLine = (bodyIndex: number): number => bodyLine + bodyIndex;

  /** Finds `needle` at or after body line `from` and returns its file position. */
  const locate = (needle: string, from: number, to: number): Position => {
    for (let i = from; i < Math.min(to, lines.length); i++) {
      const col = lines[i]!.indexOf(needle);
      if (col >= 0) return { line: fileLine(i), column: col + 1 };
    }
    const firstLine = needle.split('\n')[0] ?? needle;
    for (let i = from; i < Math.min(to, lines.length); i++) {
      const col = lines[i]!.indexOf(firstLine);
      if (col >= 0) return { line: fileLine(i), column: col + 1 };
    }
    return { line: fileLine(from), column: 1 };
  };

  const headings: { text: string; at: Position; index: number }[] = [];
  const diagrams: PendingDiagram[] = [];
  const xrefs: PendingXref[] = [];
  const pythonBlocks: CodeBlock[] = [];
  let keyPointCount: number | undefined;
  let inKeyPoints = false;

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const map = token.map;
    if (token.type === 'heading_open') {
      const text = tokens[t + 1]?.content.trim() ?? '';
      if (token.tag === 'h2') {
        headings.push({ text, at: { line: fileLine(map![0]), column: 1 }, index: map![0] });
        inKeyPoints = text === 'Key points';
        if (inKeyPoints) keyPointCount = 0;
      } else if (token.tag === 'h1') {
        bag.error(file, { line: fileLine(map![0]), column: 1 }, 'headings/h1', `H1 heading "${text}" inside the body`,
          'the title comes from front matter; use `## ` for the sections and `### ` inside them');
      }
    } else if (token.type === 'list_item_open' && inKeyPoints && token.level === 1) {
      keyPointCount = (keyPointCount ?? 0) + 1;
    } else if (token.type === 'fence') {
      checkFence(ctx, token, fileLine(map![0]), diagrams);
      if (parseFenceInfo(token.info).lang === 'python') pythonBlocks.push({ code: token.content, line: fileLine(map![0]) });
    } else if (token.type === 'math_block') {
      const message = checkTex(token.content, true);
      if (message) {
        bag.error(file, { line: fileLine(map![0]), column: 1 }, 'math/tex', `TeX does not compile: ${message}`,
          'KaTeX 0.16 syntax: check braces and command names; write a literal dollar sign as \\$');
      }
    } else if (token.type === 'inline' && token.children) {
      const from = map ? map[0] : 0;
      const to = map ? map[1] : lines.length;
      checkStrayDollars(ctx, token, locate(token.content.split('\n')[0] ?? '', from, to));
      for (const child of token.children) {
        if (child.type === 'math_inline' || child.type === 'math_inline_block') {
          const display = child.type === 'math_inline_block';
          const message = checkTex(child.content, display);
          if (message) {
            const delim = display ? '$$' : '$';
            bag.error(file, locate(`${delim}${child.content}`, from, to), 'math/tex', `TeX does not compile: ${message}`,
              'KaTeX 0.16 syntax: check braces and command names; write a literal dollar sign as \\$');
          }
        } else if (child.type === 'xref') {
          const id = (child.meta as { id: string }).id;
          xrefs.push({ id, at: locate(child.markup, from, to) });
        } else if (child.type === 'link_open') {
          const href = child.attrGet('href') ?? '';
          if (/^[a-z][a-z0-9+.-]*:/i.test(href)) remoteUrl(ctx, locate(href, from, to), href);
        } else if (child.type === 'text' || child.type === 'code_inline') {
          const url = /\bhttps?:\/\/\S+/.exec(child.content);
          if (url) remoteUrl(ctx, locate(url[0], from, to), url[0]);
        }
      }
    }
  }

  const firstHeading = headings[0];
  const preambleAt = lines.slice(0, firstHeading ? firstHeading.index : lines.length).findIndex((l) => l.trim() !== '');
  if (preambleAt >= 0 && ctx.diagramPrefix) {
    bag.error(file, { line: fileLine(preambleAt), column: 1 }, 'sections/preamble', 'text before the first `## ` section',
      'every part of an item lives under one of its section headings; move this text into `## Question` or the first section');
  }

  const parts: Part[] = headings.map((h, i) => {
    const next = headings[i + 1];
    const markdown = lines.slice(h.index + 1, next ? next.index : lines.length).join('\n').trim();
    return { heading: h.text, markdown, line: h.at.line };
  });
  return {
    parts,
    headings: headings.map(({ text, at }) => ({ text, at })),
    diagrams,
    xrefs,
    keyPointCount,
    pythonBlocks,
    endLine: fileLine(Math.max(0, lines.length - 1)),
  };
}

/**
 * A `$` that opens no formula prints as raw TeX (e.g. `$3\times 4 = 12$K`: a closing `$` right
 * before a letter or digit does not close). Count the unescaped dollars outside code and subtract
 * those the formulas consumed; any left over is a mistake.
 */
function checkStrayDollars(ctx: BodyContext, inline: Token, at: Position): void {
  const raw = inline.content.replace(/`[^`]*`/g, '').replace(/\\\$/g, '');
  const dollars = (raw.match(/\$/g) ?? []).length;
  const used = (inline.children ?? []).reduce((n, c) => n + (c.type === 'math_inline' ? 2 : c.type === 'math_inline_block' ? 4 : 0), 0);
  if (dollars > used) {
    ctx.bag.error(ctx.file, at, 'math/dollar', 'a $ here starts no formula, so its TeX would print raw',
      'close every $...$ formula, with no letter or digit right after the closing $ (write 195\\text{K}$ inside, not $...$K), and write a literal dollar as \\$');
  }
}

function remoteUrl(ctx: BodyContext, at: Position, url: string): void {
  ctx.bag.error(ctx.file, at, 'links/remote', `remote URL ${url}`,
    'the book is built and read offline and its outputs carry no remote URLs: cite by authors, title, venue and year (an arXiv id in plain text is fine)');
}

function checkFence(ctx: BodyContext, token: Token, line: number, diagrams: PendingDiagram[]): void {
  const { file, bag } = ctx;
  const info = parseFenceInfo(token.info);
  if (!info.lang) {
    bag.error(file, { line, column: 1 }, 'code/language', 'code block without a language',
      'name the language after the fence: ```python, ```text, ```sql, ```bash or ```dot');
    return;
  }
  if (info.lang !== 'dot') return;
  if (!info.id) {
    bag.error(file, { line, column: 1 }, 'diagram/id', 'diagram without an id',
      `give it an id and caption: \`\`\`dot {#${ctx.diagramPrefix ?? 'guide'}-name caption="What the figure shows"}`);
  } else if (ctx.diagramPrefix && !info.id.startsWith(`${ctx.diagramPrefix}-`)) {
    bag.error(file, { line, column: 1 }, 'diagram/id', `diagram id "${info.id}" does not start with the item id`,
      `name it ${ctx.diagramPrefix}-something so ids stay unique across the book`);
  }
  if (!info.caption?.trim()) {
    bag.error(file, { line, column: 1 }, 'diagram/caption', `diagram ${info.id ?? ''} has no caption`.replace('  ', ' '),
      'add caption="..." to the fence: it is the figure caption and the alt text');
  }
  if (info.unparsed) {
    bag.error(file, { line, column: 1 }, 'diagram/attributes', `cannot read fence attributes "${info.unparsed}"`,
      'write {#id caption="..."} with double quotes around the caption');
  }
  const result = compileDot(ctx.dot, token.content);
  if ('error' in result) {
    const at = result.error.line ? line + result.error.line : line;
    bag.error(file, { line: at, column: 1 }, 'diagram/syntax', `dot graph does not compile: ${result.error.message}`,
      'check the Graphviz syntax (braces, quotes, semicolons); try it with `dot -Tsvg`');
    return;
  }
  if (info.id && info.caption?.trim()) {
    diagrams.push({ id: info.id, caption: info.caption.trim(), dot: token.content, svg: sanitizeSvg(result.svg, info.id, info.caption.trim()), at: { line, column: 1 } });
  }
}
