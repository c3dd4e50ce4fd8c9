/**
 * The small typed set of domain errors. Each has a stable `code`; `http/errors.ts`
 * maps them to a page, a re-rendered form or RFC 9457 problem details.
 */

/** Base class: a failure the person can understand and act on. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing does not exist, or this viewer may not know it exists. */
export class NotFound extends DomainError {
  constructor(message = 'Not found.') {
    super('not_found', message, 404);
  }
}

/** One or more fields are wrong; `fields` maps field name → message. */
export class Invalid extends DomainError {
  constructor(
    readonly fields: Record<string, string>,
    message = Object.values(fields)[0] ?? 'Invalid input.',
  ) {
    super('invalid', message, 422);
  }
}

/** Signed in, but this role may not do this. */
export class Forbidden extends DomainError {
  constructor(message = 'You do not have permission to do that.') {
    super('forbidden', message, 403);
  }
}

/** The state changed underneath the request (e.g. two editors saving one article). */
export class Conflict extends DomainError {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super('conflict', message, 409);
  }
}

/** Too many attempts; try again after `retryAfterSeconds`. */
export class RateLimited extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many attempts. Please wait ${retryAfterSeconds} seconds and try again.`,
  ) {
    super('rate_limited', message, 429);
  }
}
