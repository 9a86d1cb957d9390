/**
 * The OCF container: a zip whose first entry is `mimetype`, stored, with no extra fields (reading
 * systems sniff the bytes at offset 30). Every entry gets the same timestamp, from the book's
 * date, and a fixed mode, so the same book zips to the same bytes on any machine.
 */
import yazl from 'yazl';
import { Readable } from 'node:stream';
import type { ContainerFile } from './edition.ts';

/**
 * The zip's DOS timestamp is written in the machine's local time: shift the instant so its
 * local fields read as the UTC date and time, which makes the bytes independent of TZ.
 */
export function zipTimestamp(date: Date): Date {
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
}

export async function zipContainer(files: readonly ContainerFile[], date: Date): Promise<Buffer> {
  if (files[0]?.path !== 'mimetype' || !files[0].store) throw new Error('the first file of an EPUB container must be mimetype, stored');
  const zip = new yazl.ZipFile();
  const mtime = zipTimestamp(date);
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`${file.path} is in the EPUB twice`);
    seen.add(file.path);
    const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    // forceDosTimestamp: no extended-timestamp extra field (its Unix time would depend on TZ).
    const options = { mtime, mode: 0o100644, compress: !file.store, forceDosTimestamp: true };
    // A compressed buffer entry starts its deflate at once; thousands of formula images at once
    // cost seconds in zlib set-up. A lazy stream is compressed only when its turn comes.
    if (file.store) zip.addBuffer(data, file.path, options);
    else zip.addReadStreamLazy(file.path, { ...options, size: data.length }, (done) => done(null, Readable.from([data])));
  }
  zip.end();
  return await new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
