/**
 * Fence info strings: ```dot {#D03-serving caption="Online serving path"}
 * Parsed the same way by the loader (to validate) and the renderer (to find the diagram).
 */

export interface FenceInfo {
  readonly lang: string;
  readonly id?: string;
  readonly caption?: string;
  /** Attribute text that was not understood, for diagnostics. */
  readonly unparsed?: string;
}

export function parseFenceInfo(info: string): FenceInfo {
  const trimmed = info.trim();
  const match = /^(\S*?)\s*(?:\{(.*)\})?\s*$/.exec(trimmed);
  if (!match) return { lang: trimmed.split(/\s+/)[0] ?? '', unparsed: trimmed };
  const lang = match[1] ?? '';
  const attrs = match[2];
  if (attrs === undefined) return { lang };
  let rest = attrs;
  let id: string | undefined;
  let caption: string | undefined;
  rest = rest.replace(/#([A-Za-z0-9_-]+)/, (_m, v: string) => ((id = v), ''));
  rest = rest.replace(/caption="((?:[^"\\]|\\.)*)"/, (_m, v: string) => ((caption = v.replace(/\\"/g, '"')), ''));
  const unparsed = rest.trim();
  return { lang, ...(id ? { id } : {}), ...(caption !== undefined ? { caption } : {}), ...(unparsed ? { unparsed } : {}) };
}
