/**
 * One broken fixture per diagnostic rule: copy the fixture book, break one thing, and expect the
 * exact `path:line:col  error  message  (rule)` line (and no other error).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, rmSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { loadBook } from '../../../scripts/lib/load/loader.ts';
import { formatDiagnostic } from '../../../scripts/lib/diagnostics.ts';
import { copyFixture, edit, write } from '../../helpers/fixture.ts';

const T01 = 'content/theory/T01-fixture-bias.md';
const T02 = 'content/theory/T02-fixture-ridge.md';
const S01 = 'content/stats/S01-fixture-pvalue.md';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function diagnose(breakIt: (root: string) => void): Promise<string[]> {
  const fixture = copyFixture();
  cleanup = fixture.cleanup;
  breakIt(fixture.root);
  const result = await loadBook({ root: fixture.root, date: new Date(0) });
  expect(result.ok).toBe(false);
  return result.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0]!);
}

const MODEL_DESIGN = `---
id: M01
title: Design a fixture recommender system
difficulty: 4
topics: [recsys]
---

${['Prompt', 'Problem framing', 'Data and labels', 'Features', 'Model and architecture', 'Training', 'Evaluation',
  'Deployment and monitoring', 'Tradeoffs'].map((h) => `## ${h}\n\nText.\n`).join('\n')}
## Key points

- One.
- Two.
- Three.

## Follow-ups

- **Why?** Because.
`;

const cases: [rule: string, breakIt: (root: string) => void, expected: string][] = [
  ['front-matter/difficulty', (r) => edit(r, T01, 'difficulty: 2', 'difficulty: 9'),
    `${T01}:4:13  error  difficulty 9 is outside ML Theory's range 1–4  (front-matter/difficulty)`],
  ['front-matter/id', (r) => edit(r, T01, 'id: T01', 'id: T03'),
    `${T01}:2:5  error  id T03 does not match the file name (T01)  (front-matter/id)`],
  ['front-matter/id-range', (r) => { edit(r, T02, 'id: T02', 'id: S02'); renameSync(join(r, T02), join(r, 'content/theory/S02-fixture-ridge.md')); edit(r, T01, 'related: [T02]', 'related: [S02]'); edit(r, T01, '[[T02]]', '[[S02]]'); edit(r, 'content/theory/S02-fixture-ridge.md', 'see [[T01]]', 'see T01'); },
    'content/theory/S02-fixture-ridge.md:2:5  error  id S02 is outside ML Theory (T01–T75)  (front-matter/id-range)'],
  ['front-matter/schema (type)', (r) => edit(r, T01, 'difficulty: 2', 'difficulty: two'),
    `${T01}:4:13  error  difficulty: \`difficulty\` must be a whole number of stars  (front-matter/schema)`],
  ['front-matter/schema (unknown key)', (r) => edit(r, T01, 'related: [T02]', 'related: [T02]\nauthor: me'),
    `${T01}:7:1  error  unknown front-matter key author  (front-matter/schema)`],
  ['front-matter/schema (topics)', (r) => edit(r, T02, 'topics: [regularization]', 'topics: [Regularization]'),
    `${T02}:5:10  error  topics.0: topics are lower-case kebab words, e.g. linear-models  (front-matter/schema)`],
  ['front-matter/yaml', (r) => edit(r, T02, 'title: How does ridge regression shrink weights?', 'title: Ridge: how does it shrink: weights?'),
    `${T02}:3:8  error  YAML: Nested mappings are not allowed in compact mappings  (front-matter/yaml)`],
  ['front-matter/missing', (r) => edit(r, T02, /^---\n[\s\S]*?\n---\n/, ''),
    `${T02}:1:1  error  no front matter  (front-matter/missing)`],
  ['front-matter/related', (r) => edit(r, T02, 'topics: [regularization]', 'topics: [regularization]\nrelated: [T01, T42]'),
    `${T02}:6:16  error  related id T42 names no item  (front-matter/related)`],
  ['id/duplicate', (r) => { cpSync(join(r, T02), join(r, 'content/theory/T02-another-ridge.md')); },
    `content/theory/T02-fixture-ridge.md:2:5  error  id T02 is already used by content/theory/T02-another-ridge.md  (id/duplicate)`],
  ['file/name', (r) => write(r, 'content/theory/notes.md', '# notes\n'),
    'content/theory/notes.md:1:1  error  file name "notes.md" is not <ID>-<slug>.md  (file/name)'],
  ['sections/missing', (r) => edit(r, T01, /## Key points\n\n- Bias is systematic error.\n- Variance is sensitivity to the sample.\n- Noise is irreducible.\n\n/, ''),
    `${T01}:31:1  error  missing section "## Key points"  (sections/missing)`],
  ['sections/order', (r) => edit(r, T02, /## Common mistakes\n\n(- Forgetting to standardize features\.)\n\n## Follow-ups\n\n(.*)\n/, '## Follow-ups\n\n$2\n\n## Common mistakes\n\n$1\n'),
    `${T02}:22:1  error  section "## Follow-ups" is out of order  (sections/order)`],
  ['sections/unknown', (r) => edit(r, T02, '## Follow-ups', '## Extra\n\nMore.\n\n## Follow-ups'),
    `${T02}:26:1  error  unknown section "## Extra"  (sections/unknown)`],
  ['sections/duplicate', (r) => edit(r, T02, '## Follow-ups', '## Common mistakes\n\nMore.\n\n## Follow-ups'),
    `${T02}:26:1  error  section "## Common mistakes" appears twice  (sections/duplicate)`],
  ['sections/preamble', (r) => edit(r, T02, '\n## Question', '\nStray text.\n\n## Question'),
    `${T02}:8:1  error  text before the first \`## \` section  (sections/preamble)`],
  ['key-points/count', (r) => edit(r, T02, '- It is MAP with a Gaussian prior.\n', ''),
    `${T02}:16:1  error  2 key points; write 3–6  (key-points/count)`],
  ['headings/h1', (r) => edit(r, T02, 'Why does ridge shrink?', '# Ridge\n\nWhy does ridge shrink?'),
    `${T02}:10:1  error  H1 heading "Ridge" inside the body  (headings/h1)`],
  ['math/tex (inline)', (r) => edit(r, T01, '$\\text{bias}^2$', 'an unclosed $\\frac{1}{$'),
    `${T01}:11:42  error  TeX does not compile: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{1}{  (math/tex)`],
  ['math/tex (display)', (r) => edit(r, T01, '\\operatorname{Bias}^2', '\\operatorname{Bias^2'),
    `${T01}:17:1  error  TeX does not compile: Unexpected end of input in a macro argument, expected '}' at end of input: …ar} + \\sigma^2  (math/tex)`],
  ['math/dollar', (r) => edit(r, T02, 'pulls weights toward zero;', 'costs $3\\times 4 = 12$K and pulls weights toward zero;'),
    `${T02}:14:1  error  a $ here starts no formula, so its TeX would print raw  (math/dollar)`],
  ['xref/unknown', (r) => edit(r, T01, 'See [[T02]]', 'See [[T99]]'),
    `${T01}:21:5  error  cross-reference [[T99]] names no item  (xref/unknown)`],
  ['diagram/syntax', (r) => edit(r, T01, 'gap -> remedy; }', 'gap -> ; }'),
    `${T01}:24:1  error  dot graph does not compile: syntax error in line 1 near ';'  (diagram/syntax)`],
  ['diagram/caption', (r) => edit(r, T01, ' caption="Diagnosis flow from the learning curve"', ''),
    `${T01}:23:1  error  diagram T01-flow has no caption  (diagram/caption)`],
  ['diagram/id', (r) => edit(r, T01, '{#T01-flow ', '{#flow '),
    `${T01}:23:1  error  diagram id "flow" does not start with the item id  (diagram/id)`],
  ['diagram/duplicate', (r) => edit(r, T01, '## Key points', '```dot {#T01-flow caption="Again"}\ndigraph { a -> b; }\n```\n\n## Key points'),
    `${T01}:31:1  error  diagram id T01-flow is already used in ${T01}  (diagram/duplicate)`],
  ['diagram/attributes', (r) => edit(r, T01, 'learning curve"}', 'learning curve" width=3}'),
    `${T01}:23:1  error  cannot read fence attributes "width=3"  (diagram/attributes)`],
  ['diagram/count', (r) => { mkdirSync(join(r, 'content/model-design')); write(r, 'content/model-design/M01-fixture-recsys.md', MODEL_DESIGN); },
    'content/model-design/M01-fixture-recsys.md:7:1  error  Model Design items need at least 1 diagram; found 0  (diagram/count)'],
  ['code/language', (r) => edit(r, T01, '```python', '```'),
    `${T01}:27:1  error  code block without a language  (code/language)`],
  ['links/remote', (r) => edit(r, S01, 'It is $P(T \\ge t \\mid H_0)$.', 'See [the ASA](https://example.org/asa).'),
    `${S01}:14:15  error  remote URL https://example.org/asa  (links/remote)`],
  ['coding/missing-file', (r) => rmSync(join(r, 'content/coding/C01-mean/test_solution.py')),
    'content/coding/C01-mean/test_solution.py:1:1  error  test_solution.py is missing  (coding/missing-file)'],
  ['content/unknown', (r) => mkdirSync(join(r, 'content/drafts')),
    'content/drafts:1:1  error  unexpected "drafts" in content/  (content/unknown)'],
  ['book/metadata', (r) => edit(r, 'content/book.yml', 'edition: Test edition\n', ''),
    'content/book.yml:1:1  error  edition: Required  (book/metadata)'],
];

describe('each diagnostic rule, from one broken fixture', () => {
  it.each(cases)('%s', async (_rule, breakIt, expected) => {
    const lines = await diagnose(breakIt);
    expect(lines, lines.join("\n")).toEqual([expected]);
  });

  it('has a case for every rule the loader can emit', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = join(import.meta.dirname, '../../../scripts/lib/load');
    const source = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const emitted = new Set([...source.matchAll(/'((?:[a-z-]+)\/[a-z0-9-]+)'/g)].map((m) => m[1]!).filter((r) => !r.includes('.') && /^[a-z-]+\/[a-z0-9-]+$/.test(r)));
    const tested = new Set(cases.map(([rule]) => rule.split(' ')[0]!));
    const untested = [...emitted].filter((r) => !tested.has(r) && r !== 'content/missing' && !r.startsWith('content/theory'));
    expect(untested).toEqual([]);
  });
});

describe('one run collects every problem', () => {
  it('reports all five classic mistakes in one run, sorted by file and line', async () => {
    const lines = await diagnose((r) => {
      edit(r, T01, 'difficulty: 2', 'difficulty: 9');
      edit(r, T01, '$\\text{bias}^2$', 'an unclosed $\\frac{1}{$');
      edit(r, T01, 'See [[T02]]', 'See [[T99]]');
      edit(r, T01, 'gap -> remedy; }', 'gap -> ; }');
      edit(r, T02, /## Key points\n\n[\s\S]*?\n\n## Common/, '## Common');
    });
    expect(lines.map((l) => l.replace(/  error .*\((.*)\)$/, " $1")), lines.join("\n")).toEqual([
      `${T01}:4:13 front-matter/difficulty`,
      `${T01}:11:42 math/tex`,
      `${T01}:21:5 xref/unknown`,
      `${T01}:24:1 diagram/syntax`,
      `${T02}:16:1 sections/missing`,
    ]);
  });
});
