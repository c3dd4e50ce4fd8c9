/** What one-off commands stand on: the configuration (its errors as one-line CLI errors) and an opened context. */
import type { AppContext, Log } from '../app.js';
import { type Config, ConfigError, loadConfig } from '../config/config.js';
import { CliError } from './cli-error.js';
import type { CommandIo } from './command.js';

const quietLog: Log = { info() {}, warn() {}, error() {} };

/** The configuration from the command's environment and working directory. */
export function commandConfig(io: Pick<CommandIo, 'env' | 'cwd'>): Config {
  try {
    return loadConfig(io.env, io.cwd);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/** Opens a context (migrating the database, never adding demo content), runs `fn`, and closes the database. */
export async function withContext<T>(
  io: Pick<CommandIo, 'env' | 'cwd'>,
  fn: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  const config = commandConfig(io);
  // Loaded when a command runs, so `broadsheet serve`'s primary does not load the whole app with the list.
  const { createContext } = await import('../app.js');
  const ctx = await createContext(config, quietLog);
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}
