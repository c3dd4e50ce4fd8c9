/** The shape of one `broadsheet` sub-command. */
import type { ParseArgsConfig } from 'node:util';

/** Parsed flags and positional arguments. */
export interface CommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A sub-command: its help text, its flags, and what it does. */
export interface Command {
  /** e.g. "user add" */
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many positional arguments it takes (min, max). */
  positionals?: [number, number];
  run(args: CommandArgs, io: CommandIo): Promise<number | undefined>;
}

/** Where a command writes and what it reads from its environment. */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  out(line: string): void;
  err(line: string): void;
  isTty: boolean;
}
