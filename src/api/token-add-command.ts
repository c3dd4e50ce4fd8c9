/** `broadsheet token add`: creates an API token for a script and prints its key, once. */
import { CliError } from '../cli/cli-error.js';
import type { Command } from '../cli/command.js';
import { withContext } from '../cli/command-context.js';
import { Invalid } from '../errors.js';
import { createApiTokenService } from './api-token-service.js';
import { createApiTokenStore } from './api-token-store.js';

const USAGE = 'broadsheet token add --name N --scope content|admin [--role admin|editor|author|contributor]';

/** The command's definition, listed in src/cli/commands.ts. */
export const tokenAddCommand: Command = {
  name: 'token add',
  summary:
    'Create an API token (content: read published content; admin: write, as a role) and print its key once.',
  usage: USAGE,
  options: { name: { type: 'string' }, scope: { type: 'string' }, role: { type: 'string' } },
  async run(args, io) {
    for (const flag of ['name', 'scope']) {
      if (typeof args.values[flag] !== 'string') throw new CliError(`Missing --${flag}. Usage: ${USAGE}`);
    }
    return withContext(io, async (ctx) => {
      try {
        const service = createApiTokenService(createApiTokenStore(ctx.db.kysely));
        const { token, key } = await service.createToken({
          name: String(args.values.name),
          scope: String(args.values.scope),
          role: typeof args.values.role === 'string' ? args.values.role : undefined,
        });
        io.out(
          `Created ${token.scope} token "${token.name}"${token.role ? ` acting as ${token.role}` : ''} (id ${token.id}).`,
        );
        io.out(`Key (shown once; store it now): ${key}`);
        io.out(
          token.scope === 'content'
            ? 'Use it as Authorization: Bearer <key>, or as ?key=<key> with the Ghost Content API.'
            : 'Use it as Authorization: Bearer <key> with /api/v1/admin/…',
        );
        return 0;
      } catch (error) {
        if (error instanceof Invalid) throw new CliError(Object.values(error.fields).join(' '));
        throw error;
      }
    });
  },
};
