/**
 * Routes of signing in and out, password change and reset, and accepting an
 * invitation. Sign-in forms are public (with their own CSRF cookie); the rest
 * require a session.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Invalid, NotFound, RateLimited } from '../errors.js';
import { anonymousCsrfToken } from '../http/csrf.js';
import { viewerOf } from '../http/newsroom-plugin.js';
import { MIN_PASSWORD_LENGTH } from '../users/user-service.js';
import { Fragment, h } from '../views/jsx.js';
import { SIGN_IN_FAILED } from './account-service.js';
import { type NewsroomDeps, redirectAfterPost, sendPage } from './newsroom-context.js';
import { ActionButton, CsrfField, ErrorSummary, TextField } from './newsroom-layout.js';

const SignInBody = Type.Object({
  email: Type.String({ maxLength: 320, default: '' }),
  password: Type.String({ maxLength: 1000, default: '' }),
  next: Type.String({ maxLength: 2000, default: '' }),
});
const EmailBody = Type.Object({ email: Type.String({ maxLength: 320, default: '' }) });
const TokenQuery = Type.Object({ token: Type.String({ maxLength: 200, default: '' }) });
const ResetBody = Type.Object({
  token: Type.String({ maxLength: 200, default: '' }),
  password: Type.String({ maxLength: 1000, default: '' }),
});
const AcceptBody = Type.Object({
  token: Type.String({ maxLength: 200, default: '' }),
  name: Type.String({ maxLength: 200, default: '' }),
  password: Type.String({ maxLength: 1000, default: '' }),
});
const PasswordBody = Type.Object({
  currentPassword: Type.String({ maxLength: 1000, default: '' }),
  newPassword: Type.String({ maxLength: 1000, default: '' }),
});

/** Only a newsroom path may be the target after signing in (no open redirect). */
export function safeNext(next: string | undefined): string {
  if (next && /^\/newsroom\/[^\\]*$/.test(next) && !next.startsWith('//')) return next;
  return '/newsroom/';
}

function baseUrl(deps: NewsroomDeps, request: FastifyRequest): Promise<string> {
  return deps.ctx.settings().then((settings) => {
    const configured = settings.url || deps.ctx.config.siteUrl;
    return configured || `${request.protocol}://${request.host}`;
  });
}

/** Registers the account routes on the newsroom context. */
export function registerAccountRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { accounts, sessions, ctx } = deps;

  function signInPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { email?: string; next?: string; error?: string; status?: number },
  ) {
    const token = anonymousCsrfToken(ctx.secret, request, reply, deps.secureCookies);
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Sign in', status: state.status, bodyClass: 'newsroom narrow' },
      <section class="card-form">
        <h1>Sign in to the newsroom</h1>
        {state.error ? <ErrorSummary errors={{}} message={state.error} /> : null}
        <form method="post" action="/newsroom/sign-in">
          <CsrfField token={token} />
          <input type="hidden" name="next" value={state.next ?? ''} />
          <TextField
            name="email"
            label="Email"
            type="email"
            value={state.email}
            autocomplete="username"
            required
          />
          <TextField
            name="password"
            label="Password"
            type="password"
            autocomplete="current-password"
            required
          />
          <p>
            <button type="submit">Sign in</button>
          </p>
        </form>
        <p>
          <a href="/newsroom/forgot-password">Forgot your password?</a>
        </p>
      </section>,
    );
  }

  app.get<{ Querystring: { next?: string } }>(
    '/sign-in',
    { config: { permission: 'public' } },
    async (request, reply) => {
      if (request.viewer) return reply.redirect(safeNext(request.query.next), 303);
      return signInPage(request, reply, { next: request.query.next });
    },
  );

  app.post<{ Body: Static<typeof SignInBody> }>(
    '/sign-in',
    { config: { permission: 'public' }, schema: { body: SignInBody } },
    async (request, reply) => {
      const { email, password, next } = request.body;
      try {
        const user = await accounts.signIn({ email, password, address: request.ip });
        await sessions.start(request, reply, user);
        return reply.redirect(safeNext(next), 303);
      } catch (error) {
        if (error instanceof RateLimited) {
          reply.header('retry-after', String(error.retryAfterSeconds));
          return signInPage(request, reply, { email, next, error: error.message, status: 429 });
        }
        if (error instanceof Invalid)
          return signInPage(request, reply, { email, next, error: SIGN_IN_FAILED, status: 422 });
        throw error;
      }
    },
  );

  app.post('/sign-out', { config: { permission: 'signed-in' } }, async (request, reply) => {
    await sessions.end(request, reply);
    return redirectAfterPost(reply, '/newsroom/sign-in', 'signed-out');
  });

  app.post('/sign-out-everywhere', { config: { permission: 'signed-in' } }, async (request, reply) => {
    await sessions.endAll(viewerOf(request).user.id);
    await sessions.end(request, reply);
    return redirectAfterPost(reply, '/newsroom/sign-in', 'signed-out-everywhere');
  });

  function accountPage(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const viewer = viewerOf(request);
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Your account', current: '/newsroom/account', status },
      <>
        <h1>Your account</h1>
        <p>
          {viewer.user.displayName} · {viewer.user.email} · {viewer.user.role}
        </p>
        <section class="card-form">
          <h2>Change your password</h2>
          <ErrorSummary errors={errors} />
          <form method="post" action="/newsroom/account/password">
            <CsrfField token={viewer.csrfToken} />
            <TextField
              name="currentPassword"
              label="Current password"
              type="password"
              autocomplete="current-password"
              error={errors.currentPassword}
              required
            />
            <TextField
              name="newPassword"
              label="New password"
              type="password"
              autocomplete="new-password"
              hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
              error={errors.newPassword}
              required
            />
            <p>
              <button type="submit">Change password</button>
            </p>
          </form>
        </section>
        <section>
          <h2>Devices</h2>
          <p>Signed in somewhere you no longer use? End every session, including this one.</p>
          <ActionButton
            action="/newsroom/sign-out-everywhere"
            label="Sign out everywhere"
            csrfToken={viewer.csrfToken}
          />
        </section>
      </>,
    );
  }

  app.get('/account', { config: { permission: 'signed-in' } }, async (request, reply) =>
    accountPage(request, reply),
  );

  app.post<{ Body: Static<typeof PasswordBody> }>(
    '/account/password',
    { config: { permission: 'signed-in' }, schema: { body: PasswordBody } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      try {
        await accounts.changePassword(
          viewer.user,
          request.body.currentPassword,
          request.body.newPassword,
          viewer.session.id,
        );
      } catch (error) {
        if (error instanceof Invalid) return accountPage(request, reply, error.fields, 422);
        throw error;
      }
      return redirectAfterPost(reply, '/newsroom/account', 'password-changed');
    },
  );

  function forgotPage(request: FastifyRequest, reply: FastifyReply, sent: boolean) {
    const token = anonymousCsrfToken(ctx.secret, request, reply, deps.secureCookies);
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Reset your password', bodyClass: 'newsroom narrow' },
      <section class="card-form">
        <h1>Reset your password</h1>
        {sent ? (
          <p role="status" class="notice">
            If that address belongs to an account, we have sent it a link to choose a new password. The link
            works once, within an hour.
          </p>
        ) : (
          <p>Give the email address of your account and we will send you a link to choose a new password.</p>
        )}
        <form method="post" action="/newsroom/forgot-password">
          <CsrfField token={token} />
          <TextField name="email" label="Email" type="email" autocomplete="username" required />
          <p>
            <button type="submit">Send the link</button>
          </p>
        </form>
        <p>
          <a href="/newsroom/sign-in">Back to sign in</a>
        </p>
      </section>,
    );
  }

  app.get('/forgot-password', { config: { permission: 'public' } }, async (request, reply) =>
    forgotPage(request, reply, false),
  );

  app.post<{ Body: Static<typeof EmailBody> }>(
    '/forgot-password',
    { config: { permission: 'public' }, schema: { body: EmailBody } },
    async (request, reply) => {
      // The answer is the same whether or not the account exists, and does not wait for the mail.
      await accounts.requestPasswordReset(request.body.email, await baseUrl(deps, request));
      return forgotPage(request, reply, true);
    },
  );

  function resetPage(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    error?: string,
    status = 200,
  ) {
    const csrf = anonymousCsrfToken(ctx.secret, request, reply, deps.secureCookies);
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Choose a new password', status, bodyClass: 'newsroom narrow' },
      <section class="card-form">
        <h1>Choose a new password</h1>
        <form method="post" action="/newsroom/reset-password">
          <CsrfField token={csrf} />
          <input type="hidden" name="token" value={token} />
          <TextField
            name="password"
            label="New password"
            type="password"
            autocomplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            error={error}
            required
          />
          <p>
            <button type="submit">Set password</button>
          </p>
        </form>
      </section>,
    );
  }

  function linkGonePage(request: FastifyRequest, reply: FastifyReply, message: string) {
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Link expired', status: 404, bodyClass: 'newsroom narrow' },
      <section class="card-form">
        <h1>This link no longer works</h1>
        <p>{message}</p>
        <p>
          <a href="/newsroom/forgot-password">Ask for a new password link</a>
        </p>
      </section>,
    );
  }

  app.get<{ Querystring: Static<typeof TokenQuery> }>(
    '/reset-password',
    { config: { permission: 'public' }, schema: { querystring: TokenQuery } },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer');
      if (!(await accounts.isPasswordResetUsable(request.query.token)))
        return linkGonePage(
          request,
          reply,
          'This reset link has expired or has been used. Ask for a new one.',
        );
      return resetPage(request, reply, request.query.token);
    },
  );

  app.post<{ Body: Static<typeof ResetBody> }>(
    '/reset-password',
    { config: { permission: 'public' }, schema: { body: ResetBody } },
    async (request, reply) => {
      try {
        await accounts.resetPassword(request.body.token, request.body.password);
      } catch (error) {
        if (error instanceof Invalid)
          return resetPage(request, reply, request.body.token, error.fields.password, 422);
        if (error instanceof NotFound) return linkGonePage(request, reply, error.message);
        throw error;
      }
      await sessions.end(request, reply);
      return redirectAfterPost(reply, '/newsroom/sign-in', 'password-reset');
    },
  );

  function acceptPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { token: string; email: string; name: string; role: string; error?: string; status?: number },
  ) {
    const csrf = anonymousCsrfToken(ctx.secret, request, reply, deps.secureCookies);
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Join the newsroom', status: state.status, bodyClass: 'newsroom narrow' },
      <section class="card-form">
        <h1>Join the newsroom</h1>
        <p>
          You are invited as <strong>{state.role}</strong> with the address {state.email}.
        </p>
        <form method="post" action="/newsroom/accept-invitation">
          <CsrfField token={csrf} />
          <input type="hidden" name="token" value={state.token} />
          <TextField name="name" label="Your name (as in bylines)" value={state.name} required />
          <TextField
            name="password"
            label="Choose a password"
            type="password"
            autocomplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            error={state.error}
            required
          />
          <p>
            <button type="submit">Create my account</button>
          </p>
        </form>
      </section>,
    );
  }

  app.get<{ Querystring: Static<typeof TokenQuery> }>(
    '/accept-invitation',
    { config: { permission: 'public' }, schema: { querystring: TokenQuery } },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer');
      const invitation = await accounts.findInvitation(request.query.token);
      if (!invitation)
        return linkGonePage(
          request,
          reply,
          'This invitation has expired or has been used. Ask for a new one.',
        );
      return acceptPage(request, reply, {
        token: request.query.token,
        email: invitation.email,
        name: invitation.displayName,
        role: invitation.role,
      });
    },
  );

  app.post<{ Body: Static<typeof AcceptBody> }>(
    '/accept-invitation',
    { config: { permission: 'public' }, schema: { body: AcceptBody } },
    async (request, reply) => {
      const { token, name, password } = request.body;
      const invitation = await accounts.findInvitation(token);
      if (!invitation)
        return linkGonePage(
          request,
          reply,
          'This invitation has expired or has been used. Ask for a new one.',
        );
      try {
        const user = await accounts.acceptInvitation(token, { name, password });
        await sessions.start(request, reply, user);
        return reply.redirect('/newsroom/', 303);
      } catch (error) {
        if (error instanceof Invalid)
          return acceptPage(request, reply, {
            token,
            email: invitation.email,
            name,
            role: invitation.role,
            error: Object.values(error.fields)[0],
            status: 422,
          });
        throw error;
      }
    },
  );
}
