/** The users screen (admins): everyone with their role, invitations by email link, role changes, deactivation. */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Invalid } from '../errors.js';
import { viewerOf } from '../http/newsroom-plugin.js';
import { ROLES } from '../users/user.js';
import { formatDate } from '../views/format.js';
import { Fragment, h } from '../views/jsx.js';
import { type NewsroomDeps, redirectAfterPost, sendPage } from './newsroom-context.js';
import { ActionButton, CsrfField, ErrorSummary, SelectField, TextField } from './newsroom-layout.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const InviteBody = Type.Object({
  email: Type.String({ default: '', maxLength: 320 }),
  name: Type.String({ default: '', maxLength: 200 }),
  role: Type.String({ default: 'contributor', maxLength: 20 }),
});
const RoleBody = Type.Object({ role: Type.String({ default: '', maxLength: 20 }) });

const ROLE_HELP: Record<string, string> = {
  contributor: 'writes their own drafts and submits them for review',
  author: 'writes and publishes their own articles',
  editor: 'edits and publishes everyone’s articles, moderates comments, manages categories and tags',
  admin: 'everything, including users and settings',
};

/** Registers the user management routes. */
export function registerUserRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { ctx, accounts } = deps;
  const permission = { permission: 'administer' as const };

  async function usersPage(
    request: FastifyRequest,
    reply: FastifyReply,
    invite: Partial<Static<typeof InviteBody>> = {},
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const viewer = viewerOf(request);
    const settings = await ctx.settings();
    const [users, invitations] = await Promise.all([
      ctx.stores.users.listUsers(),
      accounts.listInvitations(),
    ]);
    const roleOptions = ROLES.map((r) => ({ value: r, label: r }));
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Users', current: '/newsroom/users', status, bodyClass: 'newsroom wide' },
      <>
        <h1>Users</h1>
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr class={u.deactivatedAt ? 'inactive' : undefined}>
                <td>
                  {u.displayName}
                  {u.id === viewer.user.id ? ' (you)' : ''}
                </td>
                <td>{u.email}</td>
                <td>
                  <form method="post" action={`/newsroom/users/${u.id}/role`} class="inline">
                    <CsrfField token={viewer.csrfToken} />
                    <label for={`role-${u.id}`} class="visually-hidden">
                      Role of {u.displayName}
                    </label>
                    <select id={`role-${u.id}`} name="role">
                      {ROLES.map((r) => (
                        <option value={r} selected={r === u.role}>
                          {r}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit">Change</button>
                  </form>
                </td>
                <td>{formatDate(u.createdAt, settings.timezone)}</td>
                <td>
                  {u.deactivatedAt ? (
                    <>
                      Deactivated{' '}
                      <ActionButton
                        action={`/newsroom/users/${u.id}/reactivate`}
                        label="Reactivate"
                        csrfToken={viewer.csrfToken}
                      />
                    </>
                  ) : (
                    <ActionButton
                      action={`/newsroom/users/${u.id}/deactivate`}
                      label="Deactivate"
                      className="danger"
                      csrfToken={viewer.csrfToken}
                      confirm={`Deactivate ${u.displayName}? They are signed out and cannot sign in; their bylines stay.`}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <section class="card-form" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite someone</h2>
          <p>They get an email with a link to choose their password (valid for a week).</p>
          <ErrorSummary errors={errors} />
          <form method="post" action="/newsroom/users/invite">
            <CsrfField token={viewer.csrfToken} />
            <TextField name="name" label="Name" value={invite.name} error={errors.name} required />
            <TextField
              name="email"
              label="Email"
              type="email"
              value={invite.email}
              error={errors.email}
              required
            />
            <SelectField
              name="role"
              label="Role"
              value={invite.role ?? 'contributor'}
              error={errors.role}
              options={roleOptions}
            />
            <ul class="hint">
              {ROLES.map((r) => (
                <li>
                  <strong>{r}</strong>: {ROLE_HELP[r]}
                </li>
              ))}
            </ul>
            <p>
              <button type="submit">Send invitation</button>
            </p>
          </form>
          {invitations.length ? (
            <>
              <h3>Open invitations</h3>
              <ul class="plain">
                {invitations.map((i) => (
                  <li>
                    {i.displayName} &lt;{i.email}&gt; as {i.role}, until{' '}
                    {formatDate(i.expiresAt, settings.timezone)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </>,
    );
  }

  app.get('/users', { config: permission }, async (request, reply) => usersPage(request, reply));

  app.post<{ Body: Static<typeof InviteBody> }>(
    '/users/invite',
    { config: permission, schema: { body: InviteBody } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const settings = await ctx.settings();
      const base = settings.url || ctx.config.siteUrl || `${request.protocol}://${request.host}`;
      try {
        await accounts.invite(request.body, viewer.user, base);
      } catch (error) {
        if (error instanceof Invalid) return usersPage(request, reply, request.body, error.fields, 422);
        throw error;
      }
      return redirectAfterPost(reply, '/newsroom/users', 'invited');
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof RoleBody> }>(
    '/users/:id/role',
    { config: permission, schema: { params: IdParams, body: RoleBody } },
    async (request, reply) => {
      await accounts.changeRole(request.params.id, request.body.role);
      return redirectAfterPost(reply, '/newsroom/users', 'role-changed');
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/users/:id/deactivate',
    { config: permission, schema: { params: IdParams } },
    async (request, reply) => {
      await accounts.deactivate(request.params.id);
      return redirectAfterPost(reply, '/newsroom/users', 'deactivated');
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/users/:id/reactivate',
    { config: permission, schema: { params: IdParams } },
    async (request, reply) => {
      await accounts.reactivate(request.params.id);
      return redirectAfterPost(reply, '/newsroom/users', 'reactivated');
    },
  );
}
