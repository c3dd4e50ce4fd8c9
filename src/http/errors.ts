/**
 * Maps errors to responses in one place: JSON requests get RFC 9457 problem
 * details with a stable `code`; HTML requests get a readable page. Forms that
 * must re-render with the person's input catch `Invalid` in their own route.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Invalid, RateLimited } from '../errors.js';

/** True when the client asked for JSON rather than a page. */
export function wantsJson(request: FastifyRequest): boolean {
  const url = request.url;
  if (url.startsWith('/api/') || url.startsWith('/ghost/api/') || url.startsWith('/wp-json/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** The problem-details body for an error. */
export function problemDetails(error: DomainError, instance: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: `https://broadsheet.invalid/problems/${error.code}`,
    title: error.message,
    status: error.status,
    code: error.code,
    detail: error.message,
    instance,
  };
  if (error instanceof Invalid) {
    body.errors = Object.entries(error.fields).map(([field, message]) => ({ field, message }));
    body.field = Object.keys(error.fields)[0];
  }
  return body;
}

/** Renders an error page; given by the site so errors look like the site. */
export type ErrorPageRenderer = (
  request: FastifyRequest,
  status: number,
  message: string,
) => Promise<string> | string;

/** Sends a DomainError (or any error) as JSON or a page. */
export async function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  renderPage: ErrorPageRenderer,
): Promise<FastifyReply> {
  let domain: DomainError;
  if (error instanceof DomainError) {
    domain = error;
  } else {
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message =
      status === 413
        ? 'That request is too large.'
        : status === 415
          ? 'That content type is not accepted here.'
          : fastifyError.validation
            ? `Invalid request: ${fastifyError.message}`
            : status < 500
              ? fastifyError.message
              : 'Something went wrong on our side. Nothing you sent was lost; please try again.';
    domain = new DomainError(
      status === 400 ? 'bad_request' : status >= 500 ? 'internal' : 'error',
      message,
      status,
    );
    if (fastifyError.validation) {
      const field =
        String(fastifyError.validation[0]?.instancePath ?? '').replace(/^\//, '') ||
        String((fastifyError.validation[0]?.params as { missingProperty?: string })?.missingProperty ?? '');
      domain = new Invalid({ [field || 'request']: fastifyError.message });
      (domain as { status: number }).status = 400;
    }
  }
  if (domain instanceof RateLimited) reply.header('retry-after', String(domain.retryAfterSeconds));
  reply.code(domain.status);
  if (wantsJson(request)) {
    return reply.type('application/problem+json; charset=utf-8').send(problemDetails(domain, request.url));
  }
  return reply
    .type('text/html; charset=utf-8')
    .send(await renderPage(request, domain.status, domain.message));
}
