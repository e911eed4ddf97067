import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/**
 * Lines of COPY text kept aside while an upload writes them straight into their table, so that it
 * can write them again elsewhere if it has to (see ingest.ts: an upload that turns out to need its
 * checks goes back to staging). A file in the system's temporary folder, removed by `discard`:
 * a million claims are ~110 MB on disk, not in memory.
 */
export interface Spool {
  /** Appends whole lines. */
  write(text: string): Promise<void>;
  /** Hands back everything written, in order, in pieces of whole lines (about `piece` characters). */
  replay(into: (lines: string) => Promise<void>, piece?: number): Promise<void>;
  /** Removes the file (idempotent). */
  discard(): Promise<void>;
}

const PIECE = 1024 * 1024;

export async function fileSpool(parent = tmpdir()): Promise<Spool> {
  const dir = await mkdtemp(join(parent, 'outcome-ledger-upload-'));
  const path = join(dir, 'lines');
  const file = await open(path, 'w+');
  let size = 0;
  let discarded = false;
  return {
    async write(text) {
      const bytes = Buffer.from(text, 'utf8');
      for (let written = 0; written < bytes.length;) {
        const { bytesWritten } = await file.write(bytes, written, bytes.length - written, size + written);
        written += bytesWritten;
      }
      size += bytes.length;
    },
    async replay(into, piece = PIECE) {
      const decoder = new StringDecoder('utf8');
      const buffer = Buffer.allocUnsafe(piece);
      let carried = '';
      for (let position = 0; position < size;) {
        const { bytesRead } = await file.read(buffer, 0, Math.min(piece, size - position), position);
        if (bytesRead === 0) throw new Error('the upload spool ended early');
        position += bytesRead;
        const text = carried + decoder.write(buffer.subarray(0, bytesRead));
        const end = text.lastIndexOf('\n') + 1;
        carried = text.slice(end);
        if (end > 0) await into(text.slice(0, end));
      }
      const rest = carried + decoder.end();
      if (rest.length > 0) throw new Error('the upload spool does not end with a whole line');
    },
    async discard() {
      if (discarded) return;
      discarded = true;
      await file.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
