/** The sub-commands of `broadsheet`. Each opens what it needs and closes it again. */
import { existsSync } from 'node:fs';
import { tokenAddCommand } from '../api/token-add-command.js';
import { Invalid } from '../errors.js';
import type { ExportFormat } from '../exports/export-site.js';
import { relatedRebuildCommand } from '../related/related-rebuild-command.js';
import { searchRebuildCommand } from '../search/search-rebuild-command.js';
import { CliError } from './cli-error.js';
import type { Command } from './command.js';
import { commandConfig, withContext } from './command-context.js';
import { parseWorkers, serve } from './serve.js';

const IMPORT_FORMATS = ['wxr', 'ghost', 'json'];
const EXPORT_FORMATS = ['json', 'wxr'];

export const COMMANDS: Command[] = [
  {
    name: 'serve',
    summary: 'Serve the site (and the newsroom) over HTTP.',
    usage: 'broadsheet serve [--port N] [--host H] [--workers N]',
    options: { port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' } },
    async run(args, io) {
      const env = { ...io.env };
      if (args.values.port !== undefined) env.PORT = String(args.values.port);
      if (args.values.host !== undefined) env.HOST = String(args.values.host);
      const cfg = commandConfig({ ...io, env });
      await serve(cfg, parseWorkers(args.values.workers), io);
      await new Promise(() => {});
      return 0;
    },
  },
  {
    name: 'migrate',
    summary: 'Bring the database schema up to date.',
    usage: 'broadsheet migrate',
    options: {},
    async run(_args, io) {
      const cfg = commandConfig(io);
      const { migrateToLatest, openDatabase } = await import('../db/database.js');
      const db = openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
      try {
        const results = await migrateToLatest(db);
        io.out(
          results.length
            ? results.map((r) => `applied ${r.migrationName}`).join('\n')
            : 'The database is up to date.',
        );
      } finally {
        await db.close();
      }
      return 0;
    },
  },
  {
    name: 'user add',
    summary: 'Add a newsroom account (prints a generated password when none is given).',
    usage: 'broadsheet user add --email E --name N --role admin|editor|author|contributor [--password P]',
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
    },
    async run(args, io) {
      for (const flag of ['email', 'name', 'role']) {
        if (typeof args.values[flag] !== 'string')
          throw new CliError(
            `Missing --${flag}. Usage: broadsheet user add --email E --name N --role R [--password P]`,
          );
      }
      return withContext(io, async (ctx) => {
        try {
          const { user, password } = await ctx.services.users.addUser({
            email: String(args.values.email),
            name: String(args.values.name),
            role: String(args.values.role),
            password: typeof args.values.password === 'string' ? args.values.password : undefined,
          });
          io.out(`Added ${user.role} ${user.displayName} <${user.email}>.`);
          if (args.values.password === undefined) io.out(`Password (shown once): ${password}`);
          return 0;
        } catch (error) {
          if (error instanceof Invalid) throw new CliError(Object.values(error.fields).join(' '));
          throw error;
        }
      });
    },
  },
  {
    name: 'import',
    summary: 'Import content from a WordPress (WXR) or Ghost export, or a Broadsheet JSON export.',
    usage: 'broadsheet import FILE [--format wxr|ghost|json] [--create-users] [--fetch-media]',
    options: {
      format: { type: 'string' },
      'create-users': { type: 'boolean' },
      'fetch-media': { type: 'boolean' },
    },
    positionals: [1, 1],
    async run(args, io) {
      const file = args.positionals[0]!;
      const format = args.values.format;
      if (format !== undefined && !IMPORT_FORMATS.includes(String(format))) {
        throw new CliError(`Unknown import format "${format}": use ${IMPORT_FORMATS.join(', ')}.`);
      }
      if (!existsSync(file)) throw new CliError(`No such file: ${file}`);
      const [
        { detectFileFormat, IMPORT_FORMAT_NAMES, importFile },
        { ImportFormatError },
        progressModule,
        summaryModule,
      ] = await Promise.all([
        import('../imports/import-command.js'),
        import('../imports/import-format-error.js'),
        import('../imports/import-progress.js'),
        import('../imports/import-summary.js'),
      ]);
      const { createProgressReporter } = progressModule;
      const { formatSummary } = summaryModule;
      const detected = format !== undefined ? IMPORT_FORMAT_NAMES[String(format)]! : detectFileFormat(file);
      if (!detected)
        throw new CliError(
          `Could not tell the format of ${file}: it is neither a WordPress WXR, a Ghost export nor a Broadsheet backup. Use --format to say which.`,
        );
      // The database is opened (and migrated) but never given demo content.
      return withContext(io, async (ctx) => {
        const progress = createProgressReporter({
          tty: io.isTty,
          write: (text) => process.stdout.write(text),
          line: io.out,
        });
        try {
          const summary = await importFile(ctx, file, detected, {
            createUsers: args.values['create-users'] === true,
            fetchMedia: args.values['fetch-media'] === true,
            onProgress: progress.update,
          });
          progress.done();
          for (const line of formatSummary(summary)) io.out(line);
          return 0;
        } catch (error) {
          progress.done();
          if (error instanceof ImportFormatError)
            throw new CliError(`${error.message}\nNothing was imported.`);
          throw error;
        }
      });
    },
  },
  {
    name: 'export',
    summary: 'Export the whole site as JSON (a private backup, with emails) or WordPress WXR.',
    usage: 'broadsheet export [--format json|wxr] [--output FILE]',
    options: { format: { type: 'string' }, output: { type: 'string' } },
    async run(args, io) {
      const format = String(args.values.format ?? 'json');
      if (!EXPORT_FORMATS.includes(format))
        throw new CliError(`Unknown export format "${format}": use ${EXPORT_FORMATS.join(' or ')}.`);
      const { exportSite, exportSiteToFile } = await import('../exports/export-site.js');
      return withContext(io, async (ctx) => {
        const options = { siteUrl: ctx.baseUrl(await ctx.settings()) };
        const output = args.values.output;
        // With no --output the export is the standard output, so messages go to standard error.
        const say = typeof output === 'string' ? io.out : io.err;
        const counts =
          typeof output === 'string'
            ? await exportSiteToFile(ctx.db, format as ExportFormat, output, options)
            : await exportSite(ctx.db, format as ExportFormat, process.stdout, options);
        const what = Object.entries(counts)
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', ');
        say(`Exported ${what}${typeof output === 'string' ? ` to ${output}` : ''}.`);
        if (format === 'json')
          say(
            'This is a private backup: it holds readers’ email and IP addresses. Keep it as safe as the database.',
          );
        return 0;
      });
    },
  },
  {
    name: 'backup',
    summary: 'Write a consistent online backup of the database to FILE (SQLite), safe while the site runs.',
    usage: 'broadsheet backup FILE',
    options: {},
    positionals: [1, 1],
    async run(args, io) {
      const cfg = commandConfig(io);
      const { backupDatabase } = await import('./backup.js');
      await backupDatabase(cfg, args.positionals[0]!);
      io.out(`Backup written to ${args.positionals[0]}.`);
      return 0;
    },
  },
  {
    name: 'restore',
    summary: 'Replace the database with a backup made by `broadsheet backup` (stop the server first).',
    usage: 'broadsheet restore FILE',
    options: {},
    positionals: [1, 1],
    async run(args, io) {
      const cfg = commandConfig(io);
      const { restoreDatabase } = await import('./backup.js');
      await restoreDatabase(cfg, args.positionals[0]!);
      io.out(`Restored from ${args.positionals[0]}.`);
      return 0;
    },
  },
  {
    name: 'seed-demo',
    summary: 'Fill an empty site with the demo newspaper and an admin account.',
    usage: 'broadsheet seed-demo',
    options: {},
    async run(_args, io) {
      const { isBrandNew, seedDemo } = await import('../demo/seed-demo.js');
      return withContext(io, async (ctx) => {
        if (!(await isBrandNew(ctx)))
          throw new CliError(
            'The site already has content or accounts; demo content goes only into an empty site.',
          );
        const admin = await seedDemo(ctx);
        io.out(`Demo site created. Admin: ${admin.email} / ${admin.password} (shown once).`);
        return 0;
      });
    },
  },
  tokenAddCommand,
  relatedRebuildCommand,
  searchRebuildCommand,
];
