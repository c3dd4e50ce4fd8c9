/**
 * Newsroom account use cases: sign in (constant-time, no user enumeration,
 * back-off per account and per address), password change and reset by
 * emailed one-time link, invitations, roles and deactivation.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Conflict, Invalid, NotFound, RateLimited } from '../errors.js';
import type { SessionStore } from '../http/session-store.js';
import type { Mailer } from '../jobs/mailer.js';
import { DUMMY_PASSWORD_HASH_PROMISE, hashPassword, verifyPassword } from '../users/password.js';
import { isPlausibleEmail, isRole, normaliseEmail, type Role, type User } from '../users/user.js';
import { MIN_PASSWORD_LENGTH, type UserService } from '../users/user-service.js';
import type { UserStore } from '../users/user-store.js';
import type { AccountStore, Invitation } from './account-store.js';
import {
  ACCOUNT_BACK_OFF,
  ADDRESS_BACK_OFF,
  FAILURE_WINDOW_MINUTES,
  secondsUntilAllowed,
} from './sign-in-throttle.js';

export const PASSWORD_RESET_MINUTES = 60;
export const INVITATION_DAYS = 7;
// One reset mail per account per this many minutes, so the form cannot be used to flood an inbox.
const RESET_MAIL_INTERVAL_MINUTES = 2;
const MAX_PASSWORD_LENGTH = 1000;

/** The one message for every failed sign-in, so it never tells whether the account exists. */
export const SIGN_IN_FAILED = 'That email and password do not match an active account.';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

function checkNewPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new Invalid({ [field]: `The password must have at least ${MIN_PASSWORD_LENGTH} characters.` });
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new Invalid({ [field]: `The password is limited to ${MAX_PASSWORD_LENGTH} characters.` });
}

/** Account use cases. */
export function createAccountService(deps: {
  accounts: AccountStore;
  users: UserStore;
  userService: UserService;
  sessions: SessionStore;
  mailer: Mailer;
  siteName: () => Promise<string>;
  log: { warn(obj: unknown, msg?: string): void };
}) {
  const { accounts, users } = deps;

  function sendInBackground(to: string, subject: string, text: string): Promise<void> {
    // Not awaited by callers: a reply that waited for SMTP would reveal which addresses have accounts.
    return deps.mailer.send({ to, subject, text }).catch((error) => {
      deps.log.warn({ err: error, to }, 'could not send mail');
    });
  }

  async function activeAdminCount(): Promise<number> {
    return (await users.listUsers()).filter((u) => u.role === 'admin' && !u.deactivatedAt).length;
  }

  return {
    /** Checks email and password; returns the user, or throws Invalid (one message for every failure) or RateLimited. */
    async signIn(input: { email: string; password: string; address: string }): Promise<User> {
      const now = new Date();
      const email = normaliseEmail(input.email);
      const accountKey = `email:${sha256(email)}`;
      const addressKey = `ip:${input.address}`;
      const since = new Date(now.getTime() - FAILURE_WINDOW_MINUTES * 60_000).toISOString();
      const wait = Math.max(
        secondsUntilAllowed(await accounts.failuresSince(accountKey, since), now, ACCOUNT_BACK_OFF),
        secondsUntilAllowed(await accounts.failuresSince(addressKey, since), now, ADDRESS_BACK_OFF),
      );
      if (wait > 0)
        throw new RateLimited(wait, `Too many failed attempts. Wait ${wait} seconds before trying again.`);

      const user = email ? await users.findUserByEmail(email) : undefined;
      // An unknown email spends the same scrypt time on a dummy hash as a known one.
      const hash = user?.passwordHash ?? (await DUMMY_PASSWORD_HASH_PROMISE);
      const matches = await verifyPassword(input.password.slice(0, MAX_PASSWORD_LENGTH), hash);
      if (!user?.passwordHash || user.deactivatedAt || !matches) {
        await accounts.recordFailure([accountKey, addressKey], now.toISOString());
        throw new Invalid({ email: SIGN_IN_FAILED }, SIGN_IN_FAILED);
      }
      await accounts.clearFailures(accountKey);
      // Housekeeping rides on sign-ins (rare, and already slow by design) rather than needing a job.
      await accounts.deleteFailuresBefore(since);
      await deps.sessions.deleteExpired(now.toISOString());
      const { passwordHash: _hash, failedSignIns: _failed, lockedUntil: _locked, ...plain } = user;
      return plain;
    },

    /** Changes the signed-in user's own password and ends their other sessions. */
    async changePassword(
      user: Pick<User, 'id' | 'email'>,
      current: string,
      next: string,
      keepSessionId: string,
    ): Promise<void> {
      const stored = await users.findUserByEmail(user.email);
      if (!stored?.passwordHash || !(await verifyPassword(current, stored.passwordHash)))
        throw new Invalid({ currentPassword: 'Your current password is not right.' });
      checkNewPassword(next, 'newPassword');
      await users.updateUser(user.id, { passwordHash: await hashPassword(next) });
      await deps.sessions.deleteForUser(user.id, keepSessionId);
    },

    /**
     * Emails a one-time reset link when `email` belongs to an active account.
     * Says nothing either way; the returned promise settles when the mail is handed over.
     */
    async requestPasswordReset(email: string, baseUrl: string): Promise<{ sent: Promise<void> }> {
      const user = await users.findUserByEmail(normaliseEmail(email));
      if (!user || user.deactivatedAt) return { sent: Promise.resolve() };
      const now = new Date();
      const recent = new Date(now.getTime() - RESET_MAIL_INTERVAL_MINUTES * 60_000).toISOString();
      if (await accounts.latestPasswordResetSince(user.id, recent)) return { sent: Promise.resolve() };
      const token = newLinkToken();
      await accounts.insertPasswordReset({
        tokenHash: sha256(token),
        userId: user.id,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_MINUTES * 60_000).toISOString(),
      });
      const site = await deps.siteName();
      const link = `${baseUrl}/newsroom/reset-password?token=${token}`;
      const sent = sendInBackground(
        user.email,
        `Reset your ${site} newsroom password`,
        `Someone (hopefully you) asked to reset the password of ${user.email} in the ${site} newsroom.\n\n` +
          `Choose a new password here (the link works once, for ${PASSWORD_RESET_MINUTES} minutes):\n${link}\n\n` +
          'If you did not ask, ignore this email; your password stays as it is.\n',
      );
      return { sent };
    },

    /** True when `token` is a usable reset link. */
    async isPasswordResetUsable(token: string): Promise<boolean> {
      return (await accounts.findUsablePasswordReset(sha256(token), new Date().toISOString())) !== undefined;
    },

    /** Sets a new password through a reset link (once), ending every session of the account. */
    async resetPassword(token: string, password: string): Promise<void> {
      const now = new Date().toISOString();
      const hash = sha256(token);
      const userId = await accounts.findUsablePasswordReset(hash, now);
      if (userId === undefined)
        throw new NotFound('This reset link has expired or has been used. Ask for a new one.');
      checkNewPassword(password);
      if (!(await accounts.usePasswordReset(hash, now)))
        throw new NotFound('This reset link has expired or has been used. Ask for a new one.');
      await users.updateUser(userId, { passwordHash: await hashPassword(password) });
      await accounts.expirePasswordResets(userId, now);
      await deps.sessions.deleteForUser(userId);
    },

    /** Invites someone by email to join with `role`. */
    async invite(
      input: { email: string; name: string; role: string },
      invitedBy: Pick<User, 'id' | 'displayName'>,
      baseUrl: string,
    ): Promise<{ sent: Promise<void> }> {
      const errors: Record<string, string> = {};
      const email = normaliseEmail(input.email);
      if (!isPlausibleEmail(email)) errors.email = `"${input.email}" is not a valid email address.`;
      if (input.name.trim() === '') errors.name = 'A name is required.';
      if (!isRole(input.role)) errors.role = 'Choose one of the roles offered.';
      if (!errors.email && (await users.findUserByEmail(email)))
        errors.email = `${email} already has an account.`;
      if (Object.keys(errors).length > 0) throw new Invalid(errors);
      const token = newLinkToken();
      const now = new Date();
      await accounts.insertInvitation({
        tokenHash: sha256(token),
        email,
        displayName: input.name.trim(),
        role: input.role as Role,
        invitedBy: invitedBy.id,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86400_000).toISOString(),
      });
      const site = await deps.siteName();
      const link = `${baseUrl}/newsroom/accept-invitation?token=${token}`;
      const sent = sendInBackground(
        email,
        `You are invited to the ${site} newsroom`,
        `${invitedBy.displayName} invited you to join the ${site} newsroom as ${input.role}.\n\n` +
          `Choose your password here (the link works once, for ${INVITATION_DAYS} days):\n${link}\n`,
      );
      return { sent };
    },

    /** Invitations not yet accepted and not expired, newest first. */
    listInvitations(): Promise<Invitation[]> {
      return accounts.listOpenInvitations(new Date().toISOString());
    },

    /** The open invitation behind `token`, or undefined. */
    async findInvitation(token: string): Promise<Invitation | undefined> {
      return accounts.findOpenInvitation(sha256(token), new Date().toISOString());
    },

    /** Accepts an invitation: creates the account with the chosen password. */
    async acceptInvitation(token: string, input: { name: string; password: string }): Promise<User> {
      const invitation = await accounts.findOpenInvitation(sha256(token), new Date().toISOString());
      if (!invitation) throw new NotFound('This invitation has expired or has been used. Ask for a new one.');
      checkNewPassword(input.password);
      if (!(await accounts.acceptInvitation(invitation.id, new Date().toISOString())))
        throw new NotFound('This invitation has already been used.');
      const { user } = await deps.userService.addUser({
        email: invitation.email,
        name: input.name.trim() || invitation.displayName,
        role: invitation.role,
        password: input.password,
      });
      return user;
    },

    /** Changes someone's role; the last active admin cannot be demoted. */
    async changeRole(userId: number, role: string): Promise<void> {
      if (!isRole(role)) throw new Invalid({ role: 'Choose one of the roles offered.' });
      const user = await users.findUserById(userId);
      if (!user) throw new NotFound('That user does not exist.');
      if (user.role === 'admin' && role !== 'admin' && !user.deactivatedAt && (await activeAdminCount()) <= 1)
        throw new Conflict('This is the only admin; make someone else an admin first.');
      await users.updateUser(userId, { role });
    },

    /** Deactivates an account (it keeps its bylines and history) and ends its sessions. */
    async deactivate(userId: number): Promise<void> {
      const user = await users.findUserById(userId);
      if (!user) throw new NotFound('That user does not exist.');
      if (user.role === 'admin' && !user.deactivatedAt && (await activeAdminCount()) <= 1)
        throw new Conflict('This is the only admin; make someone else an admin first.');
      await users.updateUser(userId, { deactivatedAt: new Date().toISOString() });
      await deps.sessions.deleteForUser(userId);
    },

    /** Lets a deactivated account sign in again. */
    async reactivate(userId: number): Promise<void> {
      if (!(await users.findUserById(userId))) throw new NotFound('That user does not exist.');
      await users.updateUser(userId, { deactivatedAt: null });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
