import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSpool } from '../../src/db/spool.ts';

const parent = mkdtempSync(join(tmpdir(), 'spool-test-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('the upload spool', () => {
  it('hands back exactly the lines written, in order, in pieces of whole lines, whatever the piece size and the characters', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'é', '€', '𝄞', '\t', '\\', ' '), maxLength: 40 }).map((s) => `${s}\n`);
    await fc.assert(fc.asyncProperty(fc.array(fc.array(line, { maxLength: 6 }), { maxLength: 8 }), fc.integer({ min: 4, max: 64 }), async (writes, piece) => {
      const spool = await fileSpool(parent);
      try {
        for (const lines of writes) await spool.write(lines.join(''));
        const pieces: string[] = [];
        await spool.replay(async (text) => {
          pieces.push(text);
        }, piece);
        expect(pieces.join('')).toBe(writes.flat().join(''));
        for (const p of pieces) expect(p.endsWith('\n')).toBe(true);
      } finally {
        await spool.discard();
      }
    }), { numRuns: 60 });
  });

  it('can be replayed twice, and leaves nothing behind once discarded (twice is harmless)', async () => {
    const spool = await fileSpool(parent);
    await spool.write('a\tb\n');
    await spool.write('c\n');
    for (let k = 0; k < 2; k++) {
      let text = '';
      await spool.replay(async (t) => {
        text += t;
      });
      expect(text).toBe('a\tb\nc\n');
    }
    expect(readdirSync(parent).length).toBe(1);
    await spool.discard();
    await spool.discard();
    expect(readdirSync(parent)).toEqual([]);
    expect(existsSync(parent)).toBe(true);
  });
});
