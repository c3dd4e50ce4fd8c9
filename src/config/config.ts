/**
 * Typed, validated configuration from environment variables and an optional
 * JSON config file. Invalid configuration stops start-up with one sentence.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Everything the app needs to know about its surroundings. */
export interface Config {
  dataDir: string;
  databaseUrl: string | null;
  port: number;
  host: string;
  siteUrl: string | null;
  demo: boolean;
  pageCache: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: string;
  /** A secret for signing cookies and form tokens; generated and kept in the data dir when not set. */
  secret: string | null;
}

/** A configuration value that cannot be used, named so the operator can fix it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readConfigFile(path: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      'BROADSHEET_CONFIG',
      `BROADSHEET_CONFIG points to ${path}, which is not readable JSON (${(error as Error).message}).`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(
      'BROADSHEET_CONFIG',
      `BROADSHEET_CONFIG points to ${path}, which must hold a JSON object of variable names to values.`,
    );
  }
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

function parsePort(value: string, variable: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65535) {
    throw new ConfigError(variable, `${variable} must be a port number from 0 to 65535, not "${value}".`);
  }
  return port;
}

function parseFlag(value: string | undefined, variable: string, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  throw new ConfigError(variable, `${variable} must be 0 or 1, not "${value}".`);
}

function parseUrl(value: string, variable: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `${variable} must be a URL such as ${protocols[0]}//…, not "${value}".`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(
      variable,
      `${variable} must start with ${protocols.join(' or ')}//, not "${url.protocol}//".`,
    );
  }
  return value;
}

/**
 * Reads configuration from `env` (and the JSON file named by BROADSHEET_CONFIG,
 * or `broadsheet.config.json` in the working directory, whose values the
 * environment overrides).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const filePath =
    env.BROADSHEET_CONFIG ??
    (existsSync(resolve(cwd, 'broadsheet.config.json')) ? resolve(cwd, 'broadsheet.config.json') : null);
  if (env.BROADSHEET_CONFIG && !existsSync(env.BROADSHEET_CONFIG)) {
    throw new ConfigError(
      'BROADSHEET_CONFIG',
      `BROADSHEET_CONFIG points to ${env.BROADSHEET_CONFIG}, which does not exist.`,
    );
  }
  const values: Record<string, string | undefined> = {
    ...(filePath ? readConfigFile(filePath) : {}),
    ...env,
  };

  const databaseUrl = values.DATABASE_URL
    ? parseUrl(values.DATABASE_URL, 'DATABASE_URL', ['postgres:', 'postgresql:'])
    : null;
  const siteUrl = values.SITE_URL
    ? parseUrl(values.SITE_URL, 'SITE_URL', ['http:', 'https:']).replace(/\/+$/, '')
    : null;
  const smtpUrl = values.SMTP_URL ? parseUrl(values.SMTP_URL, 'SMTP_URL', ['smtp:', 'smtps:']) : null;
  const logLevel = values.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      'LOG_LEVEL',
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}".`,
    );
  }
  const host = values.HOST ?? '127.0.0.1';
  if (host.trim() === '') throw new ConfigError('HOST', 'HOST must not be empty.');
  const secret = values.BROADSHEET_SECRET ?? null;
  if (secret !== null && secret.length < 32) {
    throw new ConfigError('BROADSHEET_SECRET', 'BROADSHEET_SECRET must be at least 32 characters long.');
  }

  return {
    dataDir: resolve(cwd, values.BROADSHEET_DATA_DIR ?? './data'),
    databaseUrl,
    port: parsePort(values.PORT ?? '3000', 'PORT'),
    host,
    siteUrl,
    demo: parseFlag(values.BROADSHEET_DEMO, 'BROADSHEET_DEMO', true),
    pageCache: parseFlag(values.BROADSHEET_PAGE_CACHE, 'BROADSHEET_PAGE_CACHE', true),
    smtpUrl,
    mailFrom: values.MAIL_FROM ?? 'Broadsheet <no-reply@localhost>',
    logLevel,
    secret,
  };
}
