/** A tiny newsroom client over `app.inject`: signs in like a browser (cookies, CSRF tokens) and posts forms. */
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/app.js';
import { hashPassword } from '../../src/users/password.js';
import type { Role, User } from '../../src/users/user.js';

/** A signed-in (or anonymous) browser. */
export interface Browser {
  cookies: Map<string, string>;
  csrf: string;
  /** The client address the app sees (back-off is per address). */
  ip: string;
}

/** The value of the hidden `_csrf` field or csrf-token meta in `html`. */
export function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html) ?? /name="csrf-token" content="([^"]+)"/.exec(html);
  assert.ok(match, 'no CSRF token on the page');
  return match[1]!;
}

function cookieHeader(browser: Browser): string {
  return [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

function keepCookies(browser: Browser, response: LightMyRequestResponse): void {
  for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
    const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
    if (expired) browser.cookies.delete(c.name);
    else browser.cookies.set(c.name, c.value);
  }
}

/** A fresh anonymous browser. */
export function anonymous(ip = '127.0.0.1'): Browser {
  return { cookies: new Map(), csrf: '', ip };
}

/** GET with the browser's cookies. */
export async function get(
  app: FastifyInstance,
  browser: Browser,
  url: string,
  headers: Record<string, string> = {},
) {
  const response = await app.inject({
    method: 'GET',
    url,
    headers: { cookie: cookieHeader(browser), ...headers },
  });
  keepCookies(browser, response);
  return response;
}

/** POST a urlencoded form (with the browser's CSRF token unless `_csrf` is given). */
export async function post(
  app: FastifyInstance,
  browser: Browser,
  url: string,
  fields: Record<string, string | string[]> = {},
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  if (!('_csrf' in fields)) body.append('_csrf', browser.csrf);
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
  const response = await app.inject({
    method: 'POST',
    url,
    remoteAddress: browser.ip,
    payload: body.toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookieHeader(browser),
      ...headers,
    },
  });
  keepCookies(browser, response);
  return response;
}

/** POST JSON with the CSRF header, as newsroom.js does. */
export async function postJson(app: FastifyInstance, browser: Browser, url: string, json: unknown) {
  const response = await app.inject({
    method: 'POST',
    url,
    remoteAddress: browser.ip,
    payload: JSON.stringify(json),
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-csrf-token': browser.csrf,
      cookie: cookieHeader(browser),
    },
  });
  keepCookies(browser, response);
  return response;
}

/** Signs in through the real form; returns the browser, or throws with the response. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password: string,
  browser: Browser = anonymous(),
): Promise<Browser> {
  const page = await get(app, browser, '/newsroom/sign-in');
  browser.csrf = csrfIn(page.body);
  const response = await post(app, browser, '/newsroom/sign-in', { email, password });
  assert.equal(
    response.statusCode,
    303,
    `sign-in failed: ${response.statusCode} ${response.body.slice(0, 300)}`,
  );
  const dashboard = await get(app, browser, '/newsroom/');
  assert.equal(dashboard.statusCode, 200);
  browser.csrf = csrfIn(dashboard.body);
  return browser;
}

export const TEST_PASSWORD = 'correct horse battery staple';
let counter = 0;

// scrypt is deliberately slow; hashing the shared test password once keeps test files quick.
let passwordHash: Promise<string> | null = null;

/** Adds a user of `role` (with an author profile) whose password is TEST_PASSWORD, and returns it. */
export async function addUser(ctx: AppContext, role: Role, name = `${role} ${++counter}`): Promise<User> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const unique = `${Date.now().toString(36)}-${++counter}`;
  const author = await ctx.stores.users.insertAuthor({
    name,
    slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${unique}`,
  });
  return ctx.stores.users.insertUser({
    email: `${name.toLowerCase().replace(/\W+/g, '.')}.${unique}@example.com`,
    displayName: name,
    role,
    passwordHash: await passwordHash,
    authorId: author.id,
  });
}

/** Adds a user of `role` and signs them in. */
export async function signedIn(
  app: FastifyInstance,
  ctx: AppContext,
  role: Role,
): Promise<{ user: User; browser: Browser }> {
  const user = await addUser(ctx, role);
  return { user, browser: await signIn(app, user.email, TEST_PASSWORD) };
}
