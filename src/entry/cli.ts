import { runCli } from '../cli/commands.ts';
import { flushed, streamSink } from '../cli/output.ts';

/**
 * The command line (src/cli/commands.ts). The process is never ended while output is pending:
 * the exit code is set, stdout and stderr are flushed, and the process exits on its own (a pipe
 * read slowly gets every byte). Should a stray handle keep it alive, it exits a moment later.
 */
const err = (line: string) => {
  process.stderr.write(`${line}\n`);
};

async function finish(code: number): Promise<void> {
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  setTimeout(() => process.exit(code), 2_000).unref();
}

runCli(process.argv.slice(2), { out: streamSink(process.stdout), err, env: process.env }).then(finish, (error: unknown) => {
  err(error instanceof Error ? error.message : String(error));
  return finish(1);
});
