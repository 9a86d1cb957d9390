/**
 * Document metadata for Chromium's PDFs, which carry a title but no author, subject or language
 * in the Info dictionary. Written as a PDF incremental update (a new Info object, xref section and
 * trailer appended), so everything Chromium wrote — tags, outline, fonts — stays byte for byte.
 */

export interface PdfMetadata {
  readonly title: string;
  readonly subject: string;
  readonly author: string;
  readonly language: string;
  readonly date: Date;
}

/** A PDF text string in UTF-16BE with BOM, hex-encoded: safe for any character. */
function pdfText(s: string): string {
  const bytes = [0xfe, 0xff];
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code > 0xffff) {
      const v = code - 0x10000;
      const hi = 0xd800 + (v >> 10);
      const lo = 0xdc00 + (v & 0x3ff);
      bytes.push(hi >> 8, hi & 0xff, lo >> 8, lo & 0xff);
    } else bytes.push(code >> 8, code & 0xff);
  }
  return `<${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}>`;
}

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

export async function setPdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const text = Buffer.from(pdf).toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  const trailer = text.lastIndexOf('trailer');
  if (!startxref || trailer < 0) throw new Error('unexpected PDF structure: no classic trailer to update');
  const trailerDict = text.slice(trailer, startxref.index);
  const size = Number(/\/Size\s+(\d+)/.exec(trailerDict)?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailerDict)?.[1];
  if (!size || !root) throw new Error('unexpected PDF trailer: no /Size or /Root');
  const rootNum = Number(root.split(/\s+/)[0]);
  // The catalog gets /Lang too: rewrite it as a new revision of the same object.
  const catalogMatch = new RegExp(`(?:^|\\n)${rootNum} 0 obj\\s*(<<[\\s\\S]*?>>)\\s*endobj`).exec(text);
  if (!catalogMatch) throw new Error('unexpected PDF: catalog not found');
  const catalog = catalogMatch[1]!.replace(/\/Lang\s*\([^)]*\)/, '').replace(/>>\s*$/, `/Lang ${pdfText(meta.language)}>>`);
  const date = pdfDate(meta.date);
  const info = `<</Title ${pdfText(meta.title)} /Author ${pdfText(meta.author)} /Subject ${pdfText(meta.subject)} /Creator (ml-interview-prep-guide: Paged.js in Chromium) /Producer (Skia/PDF) /CreationDate ${date} /ModDate ${date}>>`;

  let offset = pdf.length;
  const chunks: string[] = [];
  const body = [`\n${rootNum} 0 obj\n${catalog}\nendobj\n`, `${size} 0 obj\n${info}\nendobj\n`];
  const offsets = [offset, offset + Buffer.byteLength(body[0]!, 'latin1')];
  chunks.push(body[0]!, body[1]!);
  offset += body.map((b) => Buffer.byteLength(b, 'latin1')).reduce((a, b) => a + b, 0);
  const entry = (n: number) => `${String(n).padStart(10, '0')} 00000 n \n`;
  const xref = `xref\n0 1\n0000000000 65535 f \n${rootNum} 1\n${entry(offsets[0]! + 1)}${size} 1\n${entry(offsets[1]!)}`;
  const newTrailer = `trailer\n<</Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${startxref[1]}>>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(xref, newTrailer);
  return Buffer.concat([Buffer.from(pdf), Buffer.from(chunks.join(''), 'latin1')]);
}
