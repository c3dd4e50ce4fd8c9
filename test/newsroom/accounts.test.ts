import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { watchPasswordWork } from '../support/password-work.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { addUser, anonymous, csrfIn, get, post, signedIn, signIn, TEST_PASSWORD } from './newsroom-client.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

let ipCounter = 0;
/** A fresh client address, so the per-address back-off of one test does not leak into another. */
const freshIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

async function tryPassword(t: TestApp, email: string, password: string, ip: string) {
  const browser = anonymous(ip);
  browser.csrf = csrfIn((await get(t.app, browser, '/newsroom/sign-in')).body);
  const response = await post(t.app, browser, '/newsroom/sign-in', { email, password });
  return { response, browser };
}

describe('newsroom accounts', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  before(async () => {
    smtp = await startSmtpSink();
    t = await buildTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Newsroom <newsroom@example.com>' } });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('anonymous requests to any newsroom page go to sign-in, remembering where they were going', async () => {
    for (const url of [
      '/newsroom/',
      '/newsroom/articles?view=draft',
      '/newsroom/settings',
      '/newsroom/no-such-page',
    ]) {
      const response = await get(t.app, anonymous(), url);
      assert.equal(response.statusCode, 303, url);
      assert.match(String(response.headers.location), /^\/newsroom\/sign-in/);
    }
    const response = await get(t.app, anonymous(), '/newsroom/articles?view=draft');
    assert.equal(
      response.headers.location,
      `/newsroom/sign-in?next=${encodeURIComponent('/newsroom/articles?view=draft')}`,
    );
    const json = await get(t.app, anonymous(), '/newsroom/articles', { accept: 'application/json' });
    assert.equal(json.statusCode, 401);
  });

  test('the sign-in form has email, password and a CSRF token', async () => {
    const browser = anonymous();
    const page = await get(t.app, browser, '/newsroom/sign-in');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="email"/);
    assert.match(page.body, /name="password"/);
    assert.ok(csrfIn(page.body));
    assert.ok(browser.cookies.has('bs_csrf'));
    assert.equal(page.headers['cache-control'], 'private, no-store');
  });

  test('signing in sets an HttpOnly, SameSite=Lax bs_session cookie whose token is stored only as its SHA-256', async () => {
    const user = await addUser(t.ctx, 'author');
    const { response, browser } = await tryPassword(t, user.email, TEST_PASSWORD, freshIp());
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/newsroom/');
    const setCookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('bs_session='))!;
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.match(setCookie, /Path=\//);
    assert.doesNotMatch(setCookie, /Secure/);
    const token = browser.cookies.get('bs_session')!;
    const rows = await t.ctx.db.kysely
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    assert.deepEqual(
      rows.map((r) => r.id),
      [createHash('sha256').update(token).digest('hex')],
    );
    assert.equal((await get(t.app, browser, '/newsroom/')).statusCode, 200);
  });

  test('a wrong password and an unknown email get the same answer, after the same password work', async () => {
    const user = await addUser(t.ctx, 'author');
    const work = watchPasswordWork();
    try {
      const wrong = await tryPassword(t, user.email, 'not the password', freshIp());
      const wrongWork = work.take();
      const unknown = await tryPassword(t, 'nobody@example.com', 'not the password', freshIp());
      const unknownWork = work.take();
      const message = (body: string) => /class="error-summary"[\s\S]*?<p>([^<]+)<\/p>/.exec(body)?.[1];
      assert.equal(wrong.response.statusCode, 422);
      assert.equal(unknown.response.statusCode, 422);
      assert.ok(message(wrong.response.body));
      assert.equal(message(wrong.response.body), message(unknown.response.body));
      // One derivation at the stored hash's cost each; an early return for unknown emails would show as none.
      assert.equal(wrongWork.length, 1);
      assert.deepEqual(unknownWork, wrongWork);
    } finally {
      work.stop();
    }
  });

  test('signing in again rotates the session; the old token stops working', async () => {
    const user = await addUser(t.ctx, 'editor');
    const { browser, response } = await tryPassword(t, user.email, TEST_PASSWORD, freshIp());
    assert.equal(response.statusCode, 303);
    const first = browser.cookies.get('bs_session')!;
    assert.equal(
      (await get(t.app, browser, '/newsroom/sign-in')).statusCode,
      303,
      'a signed-in visitor is sent on',
    );
    const again = await post(t.app, browser, '/newsroom/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    assert.equal(again.statusCode, 303);
    assert.notEqual(browser.cookies.get('bs_session'), first);
    assert.equal((await get(t.app, browser, '/newsroom/')).statusCode, 200);
    const stale = anonymous();
    stale.cookies.set('bs_session', first);
    assert.equal((await get(t.app, stale, '/newsroom/')).statusCode, 303);
  });

  test('state-changing requests need the CSRF token of the session and a same-site origin', async () => {
    const { browser } = await signedIn(t.app, t.ctx, 'admin');
    const missing = await post(t.app, browser, '/newsroom/sign-out', { _csrf: '' });
    assert.equal(missing.statusCode, 403);
    const wrong = await post(t.app, browser, '/newsroom/sign-out', { _csrf: 'forged' });
    assert.equal(wrong.statusCode, 403);
    const crossSite = await post(
      t.app,
      browser,
      '/newsroom/sign-out',
      {},
      { origin: 'https://evil.example' },
    );
    assert.equal(crossSite.statusCode, 403);
    // An anonymous form's token (bs_csrf) is not accepted for a signed-in action.
    const anon = anonymous();
    const anonToken = csrfIn((await get(t.app, anon, '/newsroom/sign-in')).body);
    browser.cookies.set('bs_csrf', anon.cookies.get('bs_csrf')!);
    assert.equal((await post(t.app, browser, '/newsroom/sign-out', { _csrf: anonToken })).statusCode, 403);
    assert.equal((await get(t.app, browser, '/newsroom/')).statusCode, 200, 'still signed in');
    // The sign-in form itself needs its token too.
    const noCookie = await post(t.app, anonymous(), '/newsroom/sign-in', {
      email: 'a@b.c',
      password: 'x',
      _csrf: anonToken,
    });
    assert.equal(noCookie.statusCode, 403);
  });

  test('sign out ends the session; sign out everywhere ends them all', async () => {
    const user = await addUser(t.ctx, 'author');
    const one = await signIn(t.app, user.email, TEST_PASSWORD, anonymous(freshIp()));
    const out = await post(t.app, one, '/newsroom/sign-out');
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/newsroom/sign-in?done=signed-out');
    assert.equal((await get(t.app, one, '/newsroom/')).statusCode, 303);

    const laptop = await signIn(t.app, user.email, TEST_PASSWORD, anonymous(freshIp()));
    const phone = await signIn(t.app, user.email, TEST_PASSWORD, anonymous(freshIp()));
    assert.equal((await post(t.app, laptop, '/newsroom/sign-out-everywhere')).statusCode, 303);
    assert.equal((await get(t.app, phone, '/newsroom/')).statusCode, 303);
    assert.equal((await get(t.app, laptop, '/newsroom/')).statusCode, 303);
  });

  test('repeated failures for one account back off exponentially, even for the right password', async () => {
    const user = await addUser(t.ctx, 'author');
    for (let i = 0; i < 5; i++) {
      const { response } = await tryPassword(t, user.email, `guess ${i}`, freshIp());
      assert.equal(response.statusCode, 422);
    }
    const { response } = await tryPassword(t, user.email, TEST_PASSWORD, freshIp());
    assert.equal(response.statusCode, 429);
    assert.ok(Number(response.headers['retry-after']) > 0);
    assert.match(response.body, /Too many failed attempts/);
    // Another account is unaffected.
    const other = await addUser(t.ctx, 'author');
    assert.equal((await tryPassword(t, other.email, TEST_PASSWORD, freshIp())).response.statusCode, 303);
  });

  test('an email without an account backs off the same way (locking reveals nothing)', async () => {
    const key = `email:${createHash('sha256').update('ghost@example.com').digest('hex')}`;
    const now = new Date().toISOString();
    await t.ctx.db.kysely
      .insertInto('sign_in_failures')
      .values(Array.from({ length: 4 }, () => ({ key, failed_at: now })))
      .execute();
    assert.equal((await tryPassword(t, 'ghost@example.com', 'guess', freshIp())).response.statusCode, 422);
    assert.equal((await tryPassword(t, 'Ghost@Example.com', 'guess', freshIp())).response.statusCode, 429);
  });

  test('repeated failures from one address back off across accounts', async () => {
    const ip = freshIp();
    // Nineteen earlier failures from this address (spraying many accounts), then one more for real.
    const now = new Date().toISOString();
    await t.ctx.db.kysely
      .insertInto('sign_in_failures')
      .values(Array.from({ length: 19 }, () => ({ key: `ip:${ip}`, failed_at: now })))
      .execute();
    assert.equal((await tryPassword(t, 'spray@example.com', 'password1', ip)).response.statusCode, 422);
    const user = await addUser(t.ctx, 'author');
    assert.equal((await tryPassword(t, user.email, TEST_PASSWORD, ip)).response.statusCode, 429);
    assert.equal((await tryPassword(t, user.email, TEST_PASSWORD, freshIp())).response.statusCode, 303);
  });

  test('changing the password needs the current one and signs out other devices', async () => {
    const user = await addUser(t.ctx, 'author');
    const here = await signIn(t.app, user.email, TEST_PASSWORD, anonymous(freshIp()));
    const elsewhere = await signIn(t.app, user.email, TEST_PASSWORD, anonymous(freshIp()));
    const bad = await post(t.app, here, '/newsroom/account/password', {
      currentPassword: 'wrong',
      newPassword: 'a brand new password',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /current password is not right/);
    const short = await post(t.app, here, '/newsroom/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    assert.equal(short.statusCode, 422);
    const ok = await post(t.app, here, '/newsroom/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new password',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal((await get(t.app, here, '/newsroom/')).statusCode, 200);
    assert.equal((await get(t.app, elsewhere, '/newsroom/')).statusCode, 303);
    await signIn(t.app, user.email, 'a brand new password', anonymous(freshIp()));
  });

  test('a password reset link arrives by email, works once, and signs out every session', async () => {
    const user = await addUser(t.ctx, 'editor');
    const session = await signIn(t.app, user.email, TEST_PASSWORD, anonymous(freshIp()));
    const sentBefore = smtp.messages.length;

    const forgot = anonymous(freshIp());
    forgot.csrf = csrfIn((await get(t.app, forgot, '/newsroom/forgot-password')).body);
    const unknown = await post(t.app, forgot, '/newsroom/forgot-password', { email: 'nobody@example.com' });
    const known = await post(t.app, forgot, '/newsroom/forgot-password', { email: user.email.toUpperCase() });
    assert.equal(unknown.statusCode, 200);
    assert.equal(known.statusCode, 200);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/, '');
    assert.equal(strip(unknown.body), strip(known.body), 'the same page whether or not the account exists');

    const mail = await smtp.waitFor(sentBefore + 1);
    assert.deepEqual(mail.to, [user.email]);
    assert.match(mail.raw, /From: Newsroom <newsroom@example.com>/);
    const link = /http:\/\/[^\s]+\/newsroom\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
    assert.ok(link, mail.text);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(smtp.messages.length, sentBefore + 1, 'no mail for the unknown address');

    const browser = anonymous(freshIp());
    const form = await get(t.app, browser, `/newsroom/reset-password?token=${link[1]}`);
    assert.equal(form.statusCode, 200);
    browser.csrf = csrfIn(form.body);
    const tooShort = await post(t.app, browser, '/newsroom/reset-password', {
      token: link[1]!,
      password: 'short',
    });
    assert.equal(tooShort.statusCode, 422);
    const reset = await post(t.app, browser, '/newsroom/reset-password', {
      token: link[1]!,
      password: 'reset password 2024',
    });
    assert.equal(reset.statusCode, 303);
    assert.equal(reset.headers.location, '/newsroom/sign-in?done=password-reset');
    assert.equal((await get(t.app, session, '/newsroom/')).statusCode, 303, 'old sessions end');
    assert.equal((await tryPassword(t, user.email, TEST_PASSWORD, freshIp())).response.statusCode, 422);
    await signIn(t.app, user.email, 'reset password 2024', anonymous(freshIp()));
    const reused = await post(t.app, browser, '/newsroom/reset-password', {
      token: link[1]!,
      password: 'another password 1',
    });
    assert.equal(reused.statusCode, 404);
    assert.equal(
      (await get(t.app, anonymous(), `/newsroom/reset-password?token=${link[1]}`)).statusCode,
      404,
    );
  });

  test('an admin invites by email; the invitee chooses a password and is signed in with the role', async () => {
    const { browser: admin } = await signedIn(t.app, t.ctx, 'admin');
    const sentBefore = smtp.messages.length;
    const invalid = await post(t.app, admin, '/newsroom/users/invite', {
      email: 'not-an-email',
      name: '',
      role: 'author',
    });
    assert.equal(invalid.statusCode, 422);
    const invited = await post(t.app, admin, '/newsroom/users/invite', {
      email: 'new.reporter@example.com',
      name: 'New Reporter',
      role: 'author',
    });
    assert.equal(invited.statusCode, 303);
    const mail = await smtp.waitFor(sentBefore + 1);
    assert.deepEqual(mail.to, ['new.reporter@example.com']);
    const token = /accept-invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    assert.ok(token, mail.text);
    assert.match((await get(t.app, admin, '/newsroom/users')).body, /new.reporter@example.com/);

    const invitee = anonymous(freshIp());
    const page = await get(t.app, invitee, `/newsroom/accept-invitation?token=${token}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /invited as <strong>author<\/strong>/);
    invitee.csrf = csrfIn(page.body);
    const accepted = await post(t.app, invitee, '/newsroom/accept-invitation', {
      token: token!,
      name: 'Nia Reporter',
      password: 'my own password 1',
    });
    assert.equal(accepted.statusCode, 303);
    const dashboard = await get(t.app, invitee, '/newsroom/');
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /Nia Reporter/);
    const user = await t.ctx.stores.users.findUserByEmail('new.reporter@example.com');
    assert.equal(user?.role, 'author');
    assert.ok(user?.authorId, 'a byline profile is created');
    const again = await post(t.app, invitee, '/newsroom/accept-invitation', {
      token: token!,
      name: 'X',
      password: 'my own password 2',
    });
    assert.equal(again.statusCode, 404);
  });

  test('a deactivated account is signed out and cannot sign in; the last admin cannot be removed', async () => {
    const { browser: admin, user: adminUser } = await signedIn(t.app, t.ctx, 'admin');
    const user = await addUser(t.ctx, 'editor');
    const theirs = await signIn(t.app, user.email, TEST_PASSWORD, anonymous(freshIp()));
    assert.equal((await post(t.app, admin, `/newsroom/users/${user.id}/deactivate`)).statusCode, 303);
    assert.equal((await get(t.app, theirs, '/newsroom/')).statusCode, 303);
    assert.equal((await tryPassword(t, user.email, TEST_PASSWORD, freshIp())).response.statusCode, 422);
    assert.equal((await post(t.app, admin, `/newsroom/users/${user.id}/reactivate`)).statusCode, 303);
    await signIn(t.app, user.email, TEST_PASSWORD, anonymous(freshIp()));
    assert.equal(
      (await post(t.app, admin, `/newsroom/users/${user.id}/role`, { role: 'contributor' })).statusCode,
      303,
    );
    assert.equal((await t.ctx.stores.users.findUserById(user.id))?.role, 'contributor');

    for (const other of await t.ctx.stores.users.listUsers()) {
      if (other.role === 'admin' && other.id !== adminUser.id)
        await t.ctx.stores.users.updateUser(other.id, { deactivatedAt: new Date().toISOString() });
    }
    const refused = await post(t.app, admin, `/newsroom/users/${adminUser.id}/role`, { role: 'editor' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /only admin/);
    assert.equal((await post(t.app, admin, `/newsroom/users/${adminUser.id}/deactivate`)).statusCode, 409);
  });

  test('after sign-in only newsroom paths are followed (no open redirect)', async () => {
    const user = await addUser(t.ctx, 'author');
    const browser = anonymous(freshIp());
    browser.csrf = csrfIn((await get(t.app, browser, '/newsroom/sign-in')).body);
    for (const next of ['https://evil.example/', '//evil.example/newsroom/', '/newsroom/\\evil']) {
      const response = await post(t.app, browser, '/newsroom/sign-in', {
        email: user.email,
        password: TEST_PASSWORD,
        next,
      });
      assert.equal(response.headers.location, '/newsroom/', next);
    }
    const ok = await post(t.app, browser, '/newsroom/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
      next: '/newsroom/articles?view=draft',
    });
    assert.equal(ok.headers.location, '/newsroom/articles?view=draft');
  });
});

describe('newsroom cookies on an https site', () => {
  test('the session cookie is Secure when SITE_URL is https', async () => {
    const t = await buildTestApp({ env: { SITE_URL: 'https://news.example.org' } });
    try {
      const user = await addUser(t.ctx, 'author');
      const browser = anonymous();
      browser.csrf = csrfIn((await get(t.app, browser, '/newsroom/sign-in')).body);
      const response = await post(t.app, browser, '/newsroom/sign-in', {
        email: user.email,
        password: TEST_PASSWORD,
      });
      const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('bs_session='))!;
      assert.match(cookie, /; Secure/);
    } finally {
      await t.close();
    }
  });
});
