/**
 * Front-matter schemas. Every field documents itself (`describe`), and the loader turns zod's
 * issues into positioned diagnostics. Section-dependent rules (id range, stars range, file name)
 * live in the loader, where the section is known.
 */
import { z } from 'zod';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ITEM_ID = /^[TSCMDP]\d{2}$/;

export const itemFrontMatter = z
  .object({
    id: z
      .string({ required_error: 'missing `id`', invalid_type_error: '`id` must be a string such as T07' })
      .regex(ITEM_ID, 'id must be a section letter (T, S, C, M, D, P) and two digits, e.g. T07')
      .describe('Item id: section letter and two digits. Matches the file name; never changes once published.'),
    title: z
      .string({ required_error: 'missing `title`', invalid_type_error: '`title` must be a string' })
      .trim()
      .min(8, 'title is too short to tell a reader what the item asks')
      .max(140, 'title is longer than 140 characters: running heads and contents lines cannot hold it')
      .describe('The question as an interviewer would ask it; printed next to the id everywhere.'),
    difficulty: z
      .number({ required_error: 'missing `difficulty`', invalid_type_error: '`difficulty` must be a whole number of stars' })
      .int('`difficulty` must be a whole number of stars')
      .describe('Stars: 1 definition, 2 explain and apply, 3 derive or compare, 4 deep dive, 5 open-ended design at scale.'),
    topics: z
      .array(z.string().regex(KEBAB, 'topics are lower-case kebab words, e.g. linear-models'), {
        required_error: 'missing `topics`',
        invalid_type_error: '`topics` must be a list, e.g. [regularization, linear-models]',
      })
      .min(1, 'give at least one topic')
      .describe('Lower-case kebab words; they build the topic index and filter worksheets.'),
    related: z
      .array(z.string().regex(ITEM_ID, 'related ids look like T07'), { invalid_type_error: '`related` must be a list of ids' })
      .optional()
      .describe('Ids of items a reader should study alongside; each must exist.'),
  })
  .strict();

export type ItemFrontMatter = z.infer<typeof itemFrontMatter>;

export const guideFrontMatter = z
  .object({
    title: z.string({ required_error: 'missing `title`' }).min(3).describe('Guide title in the contents and navigation.'),
    summary: z.string({ required_error: 'missing `summary`' }).min(10).describe('One sentence shown in listings.'),
    order: z.number({ required_error: 'missing `order`' }).int().min(0).describe('Position among the guides (0 first).'),
  })
  .strict();

export type GuideFrontMatter = z.infer<typeof guideFrontMatter>;

export const bookMetadata = z
  .object({
    title: z.string().min(3).describe('Book title on the cover and in metadata.'),
    subtitle: z.string().describe('Subtitle on the cover.'),
    edition: z.string().describe('Edition printed on the title page, e.g. "First edition".'),
  })
  .strict();

export type BookMetadata = z.infer<typeof bookMetadata>;
