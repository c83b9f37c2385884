import { fstatSync, ftruncateSync, writeSync } from 'node:fs';

/**
 * Writes all of `text` to the file, or nothing of it. On a nearly full disk
 * `write()` writes part and says so instead of failing: the rest is written
 * until the disk refuses (an error), and then what was written is cut off
 * again, so the file never holds half a record.
 */
export function writeWhole(fd: number, text: string, write: (fd: number, bytes: Buffer, offset: number, length: number) => number = writeSync): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += write(fd, bytes, written, bytes.length - written);
  } catch (error) {
    if (written > 0) ftruncateSync(fd, fstatSync(fd).size - written);
    throw error;
  }
}
