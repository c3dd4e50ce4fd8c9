/** The `broadsheet` command: finds the sub-command, parses its flags, and turns failures into one line and an exit code. */
import { parseArgs } from 'node:util';
import { CliError } from './cli-error.js';
import type { Command, CommandIo } from './command.js';
import { COMMANDS } from './commands.js';

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: broadsheet <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `broadsheet <command> --help` for the options of one command.',
  ].join('\n');
}

function helpFor(command: Command): string {
  return `${command.summary}\n\nUsage: ${command.usage}`;
}

/** Runs the command line `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: CommandIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(overview());
    return argv.length === 0 ? 1 : 0;
  }
  // Two-word commands ("user add") are matched before one-word ones.
  const command =
    COMMANDS.find((c) => c.name === argv.slice(0, 2).join(' ')) ?? COMMANDS.find((c) => c.name === argv[0]);
  if (!command) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    io.err(
      group.length
        ? `Unknown command "${argv.slice(0, 2).join(' ')}". Try: ${group.map((c) => c.name).join(', ')}.`
        : `Unknown command "${argv[0]}". Run \`broadsheet --help\` for the list.`,
    );
    return 2;
  }
  const rest = argv.slice(command.name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(helpFor(command));
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${(error as Error).message.replace(/\. To specify.*$/s, '.')}\nUsage: ${command.usage}`);
    return 2;
  }
  const [min, max] = command.positionals ?? [0, 0];
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    io.err(
      `${parsed.positionals.length < min ? 'Missing' : 'Unexpected'} argument.\nUsage: ${command.usage}`,
    );
    return 2;
  }
  try {
    return (
      (await command.run(
        {
          values: parsed.values as Record<string, string | boolean | undefined>,
          positionals: parsed.positionals,
        },
        io,
      )) ?? 0
    );
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    io.err(`broadsheet ${command.name} failed: ${(error as Error).message}`);
    return 1;
  }
}

/** The real process's streams and environment. */
export const processIo: CommandIo = {
  env: process.env,
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  isTty: Boolean(process.stdout.isTTY),
};
