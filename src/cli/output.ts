import type { Writable } from 'node:stream';

/**
 * Where a command prints its lines. A sink may return a promise: the caller awaits it before the
 * next line (backpressure), so an output of any size never piles up in memory and is never cut
 * when stdout is a pipe read slowly.
 */
export type LineSink = (line: string) => void | Promise<void>;

/** The reader of the output went away (e.g. `cli evaluate --json | head`): stop quietly. */
export class OutputClosed extends Error {
  override name = 'OutputClosed';
}

/**
 * A sink over a stream: writes each line, and when the stream's buffer is full waits for it to
 * drain. A broken pipe (EPIPE) makes every later write throw OutputClosed.
 */
export function streamSink(stream: Writable): LineSink {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw error;
  });
  return (line) => {
    if (closed || stream.destroyed) throw new OutputClosed('output closed');
    if (stream.write(`${line}\n`)) return undefined;
    return new Promise<void>((resolve, reject) => {
      const onDrain = () => { stream.off('close', onClose); resolve(); };
      const onClose = () => { stream.off('drain', onDrain); reject(new OutputClosed('output closed')); };
      stream.once('drain', onDrain);
      stream.once('close', onClose);
    });
  };
}

/** Resolves once everything written to the stream so far has been handed to the system. */
export function flushed(stream: Writable): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}

/** Prints lines one by one, awaiting the sink when it asks to wait. */
export async function printAll(lines: Iterable<string>, out: LineSink): Promise<void> {
  for (const line of lines) {
    const waiting = out(line);
    if (waiting) await waiting;
  }
}

/** A sink that collects lines (tests, and commands that return their output). */
export function collect(): { lines: string[]; out: LineSink; text(): string } {
  const lines: string[] = [];
  return { lines, out: (line) => { lines.push(line); }, text: () => lines.join('\n') };
}
