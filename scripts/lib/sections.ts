/**
 * The book's sections: the one table that says where items live, which ids and stars each
 * section takes, and which H2 headings each kind of item must have, in order.
 * It mirrors ../shared/CONTENT-GUIDE.md; change both together.
 */

export type ItemKind = 'question' | 'coding' | 'model-design' | 'system-design' | 'paper';

export interface SectionSpec {
  /** Folder under content/, also the section's slug in every output. */
  readonly key: SectionKey;
  /** Title printed in the contents, running heads and section pages. */
  readonly title: string;
  /** One-line description shown on the section page. */
  readonly blurb: string;
  /** Id letter: T07, S11, ... */
  readonly letter: string;
  /** Inclusive id number range. */
  readonly range: readonly [number, number];
  /** Inclusive difficulty (stars) range. */
  readonly stars: readonly [number, number];
  readonly kind: ItemKind;
  /** Required H2 headings, in order. */
  readonly headings: readonly string[];
  /** Optional H2 headings, allowed after the required ones they follow. */
  readonly optionalHeadings: readonly string[];
  /** Fewest `dot` diagrams an item must carry. */
  readonly minDiagrams: number;
  /** Guides (by slug) that the print book and EPUB place just before this section. */
  readonly guides: readonly string[];
}

export type SectionKey = 'theory' | 'stats' | 'coding' | 'model-design' | 'system-design' | 'papers';

const QUESTION = ['Question', 'Answer', 'Key points', 'Common mistakes', 'Follow-ups'] as const;

export const SECTIONS: readonly SectionSpec[] = [
  {
    key: 'theory', title: 'ML Theory', letter: 'T', range: [1, 75], stars: [1, 4], kind: 'question',
    blurb: 'Generalization, linear models, optimization, evaluation, trees, unsupervised learning, deep learning, transformers, LLMs, recommendation and ML in production.',
    headings: QUESTION, optionalHeadings: ['References'], minDiagrams: 0, guides: [],
  },
  {
    key: 'stats', title: 'Statistics & Probability', letter: 'S', range: [1, 20], stars: [2, 3], kind: 'question',
    blurb: 'The statistics and probability that interviews actually test: Bayes, distributions, testing, intervals, power, A/B tests and causal pitfalls.',
    headings: QUESTION, optionalHeadings: ['References'], minDiagrams: 0, guides: ['statistics-primer'],
  },
  {
    key: 'coding', title: 'Coding Challenges', letter: 'C', range: [1, 30], stars: [2, 4], kind: 'coding',
    blurb: 'Machine learning from scratch in Python and NumPy, metrics, pandas and scikit-learn patterns, with solutions that pass their tests.',
    headings: ['Problem', 'Signature', 'Approach', 'Complexity', 'Key points', 'Follow-ups'], optionalHeadings: [], minDiagrams: 0, guides: [],
  },
  {
    key: 'model-design', title: 'Model Design', letter: 'M', range: [1, 12], stars: [3, 5], kind: 'model-design',
    blurb: 'From a vague product goal to a model that ships: framing, data, features, architecture, training, evaluation and deployment.',
    headings: ['Prompt', 'Problem framing', 'Data and labels', 'Features', 'Model and architecture', 'Training',
      'Evaluation', 'Deployment and monitoring', 'Tradeoffs', 'Key points', 'Follow-ups'],
    optionalHeadings: [], minDiagrams: 1, guides: [],
  },
  {
    key: 'system-design', title: 'ML System Design', letter: 'D', range: [1, 8], stars: [3, 5], kind: 'system-design',
    blurb: 'The production system around the model at scale: requirements, estimates, serving, pipelines, monitoring and failure modes.',
    headings: ['Prompt', 'Requirements', 'Back-of-the-envelope', 'Architecture', 'Data and training pipeline', 'Serving',
      'Monitoring and iteration', 'Failure modes', 'Scaling', 'Tradeoffs', 'Key points', 'Follow-ups'],
    optionalHeadings: [], minDiagrams: 2, guides: ['system-design-template'],
  },
  {
    key: 'papers', title: 'Paper Discussions', letter: 'P', range: [1, 5], stars: [4, 4], kind: 'paper',
    blurb: 'How to present and critique the papers interviewers expect you to know.',
    headings: ['Paper', 'Summary', 'Problem and motivation', 'Method', 'Results', 'Strengths', 'Weaknesses and critique',
      'How to present it', 'Questions to expect', 'Key points'],
    optionalHeadings: [], minDiagrams: 1, guides: ['paper-discussion'],
  },
];

/** Guides printed before the contents (the rest not placed by a section follow the contents). */
export const FRONT_GUIDES: readonly string[] = ['how-to-use-this-book'];

export const ID_PATTERN = /^([TSCMDP])(\d{2})$/;

/** The section an id belongs to by its letter, or undefined for an unknown letter. */
export function findSectionByLetter(letter: string): SectionSpec | undefined {
  return SECTIONS.find((s) => s.letter === letter);
}

export function findSection(key: string): SectionSpec | undefined {
  return SECTIONS.find((s) => s.key === key);
}

export function formatStars(n: number): string {
  return '★'.repeat(n);
}
