import { accessSync, constants, statSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
import { isIsoDate } from '../domain/time/dates.ts';
import { UsageError } from './errors.ts';

/**
 * Parsing and checking the command line: node's util.parseArgs (strict), every failure a
 * UsageError of one line naming the option or argument at fault; checks that need no work (files
 * readable, dates real, values in their set) before a command starts.
 */
export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Parsed {
  values: Values;
  positionals: string[];
}

/** `--help` or `-h` anywhere before a `--` asks for the usage, whatever else is on the line. */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

export function parse(args: string[], options: ParseArgsOptionsConfig, allowPositionals: boolean): Parsed {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true }) as Parsed;
  } catch (error) {
    throw new UsageError(parseArgsProblem(error));
  }
}

/** node's parseArgs messages, shortened to one line that names the option. */
function parseArgsProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const option = quoted.replace(/ <value>$/, '');
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${option}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(message)) return `${option} needs a value`;
      if (/does not take an argument/.test(message)) return `${option} takes no value`;
      if (/ambiguous/.test(message)) return `${option} needs a value (one starting with "-" is written ${option}=-…)`;
      return message.split('\n')[0]!;
    default:
      return message.split('\n')[0]!;
  }
}

export function stringValue(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function listValue(values: Values, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : [];
}

export function required(values: Values, name: string): string {
  const value = stringValue(values, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** A file that exists, is a file and can be read; `what` names it in the message (`--data`, `argument`). */
export function readableFile(what: string, file: string): string {
  let kind: string;
  try {
    const stat = statSync(file);
    kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
  } catch {
    throw new UsageError(`${what} ${file}: no such file`);
  }
  if (kind !== 'file') throw new UsageError(`${what} ${file}: not a file${kind === 'directory' ? ' (a directory)' : ''}`);
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new UsageError(`${what} ${file}: cannot be read (permission denied)`);
  }
  return file;
}

export function readableDirectory(what: string, directory: string): string {
  try {
    if (statSync(directory).isDirectory()) {
      accessSync(directory, constants.R_OK | constants.X_OK);
      return directory;
    }
  } catch {
    throw new UsageError(`${what} ${directory}: no such directory, or it cannot be read`);
  }
  throw new UsageError(`${what} ${directory}: not a directory`);
}

export function isoDate(what: string, value: string): string {
  if (!isIsoDate(value)) throw new UsageError(`${what} ${value}: not a calendar date written YYYY-MM-DD`);
  return value;
}

export function oneOf<T extends string>(what: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${what} ${value}: must be one of ${choices.join(', ')}`);
  return value as T;
}

export function httpUrl(what: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what} ${value}: not a URL (e.g. http://localhost:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${what} ${value}: must be an http:// or https:// URL`);
  return value;
}
