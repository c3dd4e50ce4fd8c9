/** The API tokens screen (admins): every token with its use, creating one (its key shown once), revoking. */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiToken } from '../api/api-token.js';
import { Invalid } from '../errors.js';
import { viewerOf } from '../http/newsroom-plugin.js';
import { ROLES } from '../users/user.js';
import { formatDateTime } from '../views/format.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';
import { type NewsroomDeps, redirectAfterPost, sendPage } from './newsroom-context.js';
import {
  ActionButton,
  CsrfField,
  ErrorSummary,
  SelectField,
  ShownOnce,
  TextField,
} from './newsroom-layout.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
// Limits well above the token rules' own, so an over-long name gets validateNewToken's message, not a bare 400.
const TokenBody = Type.Object({
  name: Type.String({ default: '', maxLength: 1000 }),
  scope: Type.String({ default: 'content', maxLength: 40 }),
  role: Type.String({ default: '', maxLength: 40 }),
});
type TokenForm = Static<typeof TokenBody>;

/** The panel on the answer page after creating a token: the only time anyone sees its key. */
function KeyShownOnce(props: { created: { token: ApiToken; key: string } }): SafeHtml {
  const { token, key } = props.created;
  return (
    <ShownOnce
      id="key-heading"
      heading={`Key of “${token.name}”`}
      why="Only a fingerprint of it is kept, so nobody can look it up later; if it is lost, revoke the token and create another."
      secret={key}
      hint={
        token.scope === 'content'
          ? 'Send it as Authorization: Bearer <key>, or as ?key=<key> to the Ghost Content API.'
          : 'Send it as Authorization: Bearer <key> to /api/v1/admin/…'
      }
    />
  );
}

function TokenRows(props: { tokens: ApiToken[]; timezone: string; csrfToken: string }): SafeHtml {
  const when = (iso: string | null) => (iso ? formatDateTime(iso, props.timezone) : 'never');
  if (props.tokens.length === 0) return <p>No API tokens yet.</p>;
  return (
    <table class="list">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Scope</th>
          <th scope="col">Role</th>
          <th scope="col">Key</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {props.tokens.map((t) => (
          <tr class={t.revokedAt ? 'inactive' : undefined}>
            <td>{t.name}</td>
            <td>{t.scope}</td>
            <td>{t.role ?? '—'}</td>
            <td>
              <code>{t.keyHint}</code>
            </td>
            <td>{when(t.createdAt)}</td>
            <td>{when(t.lastUsedAt)}</td>
            <td>
              {t.revokedAt ? (
                `Revoked ${when(t.revokedAt)}`
              ) : (
                <ActionButton
                  action={`/newsroom/api-tokens/${t.id}/revoke`}
                  label="Revoke"
                  className="danger"
                  csrfToken={props.csrfToken}
                  confirm={`Revoke “${t.name}”? Programs using its key are refused at once.`}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Registers the API token routes. */
export function registerApiTokenRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { ctx, tokens } = deps;
  const permission = { permission: 'administer' as const };

  async function tokensPage(
    request: FastifyRequest,
    reply: FastifyReply,
    page: {
      form?: Partial<TokenForm>;
      errors?: Record<string, string>;
      created?: { token: ApiToken; key: string };
      status?: number;
    } = {},
  ) {
    const viewer = viewerOf(request);
    const settings = await ctx.settings();
    const form = page.form ?? {};
    const errors = page.errors ?? {};
    return sendPage(
      deps,
      request,
      reply,
      {
        title: 'API tokens',
        current: '/newsroom/api-tokens',
        status: page.status,
        bodyClass: 'newsroom wide',
      },
      <>
        <h1>API tokens</h1>
        {page.created ? <KeyShownOnce created={page.created} /> : null}
        <p>
          Programs use a token to read or write through the API: a content token reads published articles (for
          a separate front end or an app); an admin token also writes, with the rights of its role.
        </p>
        <TokenRows
          tokens={await tokens.listTokens()}
          timezone={settings.timezone}
          csrfToken={viewer.csrfToken}
        />
        <section class="card-form" aria-labelledby="new-token-heading">
          <h2 id="new-token-heading">New token</h2>
          <ErrorSummary errors={errors} />
          <form method="post" action="/newsroom/api-tokens">
            <CsrfField token={viewer.csrfToken} />
            <TextField
              name="name"
              label="Name"
              value={form.name}
              error={errors.name}
              hint="What will use it, such as “Mobile app”."
              required
            />
            <SelectField
              name="scope"
              label="Scope"
              value={form.scope ?? 'content'}
              error={errors.scope}
              options={[
                { value: 'content', label: 'content: reads published content' },
                { value: 'admin', label: 'admin: also writes, as its role' },
              ]}
            />
            <SelectField
              name="role"
              label="Role (admin tokens only)"
              value={form.role ?? ''}
              error={errors.role}
              hint="Leave it on the default for a content token."
              options={[
                { value: '', label: 'default (none for content, editor for admin)' },
                ...ROLES.map((r) => ({ value: r, label: r })),
              ]}
            />
            <p class="hint">
              The token acts for you: articles it writes are yours, and it stops working if your account is
              deactivated.
            </p>
            <p>
              <button type="submit" class="primary">
                Create token
              </button>
            </p>
          </form>
        </section>
      </>,
    );
  }

  app.get('/api-tokens', { config: permission }, async (request, reply) => tokensPage(request, reply));

  app.post<{ Body: TokenForm }>(
    '/api-tokens',
    { config: permission, schema: { body: TokenBody } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { name, scope, role } = request.body;
      let created: { token: ApiToken; key: string };
      try {
        // The same owner the JSON admin API gives a token made with a newsroom session.
        created = await tokens.createToken({ name, scope, role: role || undefined, userId: viewer.user.id });
      } catch (error) {
        if (error instanceof Invalid)
          return tokensPage(request, reply, { form: request.body, errors: error.fields, status: 422 });
        throw error;
      }
      // Answered here rather than after a redirect: the key must not travel in a URL or wait in a session.
      return tokensPage(request, reply, { created, status: 201 });
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/api-tokens/:id/revoke',
    { config: permission, schema: { params: IdParams } },
    async (request, reply) => {
      await tokens.revokeToken(request.params.id);
      return redirectAfterPost(reply, '/newsroom/api-tokens', 'token-revoked');
    },
  );
}
