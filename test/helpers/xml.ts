/** A strict XML parse for tests: any warning or error (an undefined entity, an unclosed tag) throws with its place. */
import { DOMParser, type Document } from '@xmldom/xmldom';

export function parseXml(text: string, name = 'document'): Document {
  const problems: string[] = [];
  let doc: Document | undefined;
  try {
    // application/xml, not xhtml: xmldom would accept HTML entities such as &nbsp; in XHTML mode.
    doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(text, 'application/xml');
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  if (problems.length || !doc) throw new Error(`${name} is not well-formed XML:\n${problems.join('\n')}`);
  return doc;
}

/** Every element of a document, in document order. */
export function allElements(doc: Document): Element[] {
  return Array.from(doc.getElementsByTagName('*')) as unknown as Element[];
}
