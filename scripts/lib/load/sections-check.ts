/** The H2 rules: required sections present, in the guide's order, none unknown, 3–6 key points. */
import type { DiagnosticBag } from '../diagnostics.ts';
import type { SectionSpec } from '../sections.ts';
import type { BodyAnalysis } from './body.ts';

export function checkSections(bag: DiagnosticBag, file: string, spec: SectionSpec, body: BodyAnalysis): void {
  const allowed = [...spec.headings, ...spec.optionalHeadings];
  const seen = new Set<string>();
  for (const h of body.headings) {
    if (!allowed.includes(h.text)) {
      const near = allowed.find((a) => a.toLowerCase() === h.text.toLowerCase());
      bag.error(file, h.at, 'sections/unknown', `unknown section "## ${h.text}"`,
        near ? `did you mean "## ${near}"?` : `${spec.title} items have: ${spec.headings.join(', ')}; use ### for sub-sections`);
    } else if (seen.has(h.text)) {
      bag.error(file, h.at, 'sections/duplicate', `section "## ${h.text}" appears twice`, 'merge the two sections');
    }
    seen.add(h.text);
  }
  for (const [i, required] of spec.headings.entries()) {
    if (seen.has(required)) continue;
    // Point at where it belongs: the next required heading that exists, or the end of the file.
    const next = spec.headings.slice(i + 1).map((n) => body.headings.find((h) => h.text === n)).find(Boolean);
    const at = next ? next.at : { line: body.endLine, column: 1 };
    bag.error(file, at, 'sections/missing', `missing section "## ${required}"`,
      `${spec.title} items have, in order: ${spec.headings.map((h) => `## ${h}`).join(', ')}`);
  }
  const known = body.headings.filter((h, i) => allowed.includes(h.text) && body.headings.findIndex((o) => o.text === h.text) === i);
  const expected = allowed.filter((a) => known.some((h) => h.text === a));
  const wrong = known.findIndex((h, i) => h.text !== expected[i]);
  if (wrong >= 0) {
    const h = known[wrong]!;
    bag.error(file, h.at, 'sections/order', `section "## ${h.text}" is out of order`, `the order is: ${allowed.join(', ')}`);
  }
  if (body.keyPointCount !== undefined && (body.keyPointCount < 3 || body.keyPointCount > 6)) {
    const at = body.headings.find((h) => h.text === 'Key points')!.at;
    bag.error(file, at, 'key-points/count', `${body.keyPointCount} key points; write 3–6`,
      'key points are the bullets an interviewer listens for; answer keys and flashcards reuse them');
  }
}
