/**
 * The OpenAPI 3.1 document of /api/v1, generated from the very route
 * definitions Fastify validates with: every route registered under the prefix
 * is recorded as it is added, and its schemas become the document's.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Permission } from '../http/route-permissions.js';
import type { ApiAccess } from './api-token.js';

declare module 'fastify' {
  interface FastifySchema {
    /** One line for the reference. */
    summary?: string;
    description?: string;
    /** The reference's section. */
    tags?: string[];
  }
}

/** A route as the document needs it. */
export interface RecordedRoute {
  method: string;
  url: string;
  permission: Permission | undefined;
  apiAccess: ApiAccess | undefined;
  schema: {
    summary?: string;
    description?: string;
    tags?: string[];
    params?: unknown;
    querystring?: unknown;
    body?: unknown;
    response?: Record<string, unknown>;
  };
}

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** Records every route registered on `api` whose URL starts with `prefix`; call before registering them. */
export function recordRoutes(api: FastifyInstance, prefix: string): RecordedRoute[] {
  const routes: RecordedRoute[] = [];
  api.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith(prefix)) return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
      (m) => m !== 'HEAD' && m !== 'OPTIONS',
    );
    const config = (route.config ?? {}) as { permission?: Permission; apiAccess?: ApiAccess };
    for (const method of methods) {
      routes.push({
        method: String(method).toLowerCase(),
        url: route.url,
        permission: config.permission,
        apiAccess: config.apiAccess,
        schema: (route.schema ?? {}) as RecordedRoute['schema'],
      });
    }
  });
  return routes;
}

// TypeBox keeps its own markers on symbol keys; a JSON round trip leaves plain JSON Schema.
function plain(schema: unknown): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

const PROBLEM: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: {
      type: 'string',
      description:
        'Stable: invalid, bad_request, unauthenticated, forbidden, insufficient_scope, csrf, not_found, conflict, rate_limited, internal.',
    },
    detail: { type: 'string' },
    instance: { type: 'string' },
    field: { type: 'string', description: 'The first field at fault (validation errors).' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function parameters(schema: unknown, where: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return [];
  const s = plain(schema);
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function operation(route: RecordedRoute): Record<string, unknown> {
  const { schema } = route;
  const isToken = route.permission === 'api-token';
  const responses: Record<string, unknown> = {};
  for (const [status, body] of Object.entries(schema.response ?? {})) {
    responses[status] = {
      description: status.startsWith('2') ? 'Success.' : 'See the problem details.',
      content: { 'application/json': { schema: plain(body) } },
    };
  }
  if (route.method === 'delete') responses['204'] = { description: 'Done; no content.' };
  if (route.method === 'get' && !isToken) responses['304'] = { description: 'Not modified (If-None-Match).' };
  if (schema.querystring || schema.body || schema.params)
    responses['400'] = problem('A parameter is invalid.');
  if (schema.body) responses['422'] = problem('The input breaks a newsroom rule; `field` names it.');
  if (isToken) {
    responses['401'] = problem('No token, or an unknown or revoked one.');
    responses['403'] = problem(
      'The token is content-only (`insufficient_scope`) or its role may not do this.',
    );
  }
  if (schema.params) responses['404'] = problem('Nothing published (or nothing at all) has that slug or id.');
  if (isToken && ['patch', 'post'].includes(route.method)) responses['409'] = problem('Someone saved first.');
  responses['429'] = problem('Rate limited; see Retry-After and the RateLimit headers.');
  const op: Record<string, unknown> = {
    operationId: `${route.method}${route.url
      .replace(/^\/api\/v1/, '')
      .replace(/:(\w+)/g, 'By-$1')
      .split(/[/-]/)
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('')}`,
    summary: schema.summary ?? `${route.method.toUpperCase()} ${route.url}`,
    ...(schema.description ? { description: schema.description } : {}),
    tags: schema.tags ?? ['Other'],
    parameters: [...parameters(schema.params, 'path'), ...parameters(schema.querystring, 'query')],
    responses,
    security: isToken ? [{ bearerToken: [] }, { newsroomSession: [], csrfHeader: [] }] : [],
  };
  if (isToken) op['x-broadsheet-access'] = route.apiAccess;
  if (schema.body) {
    op.requestBody = { required: true, content: { 'application/json': { schema: plain(schema.body) } } };
  }
  return op;
}

/** The OpenAPI 3.1 document for `routes`. */
export function buildOpenApiDocument(
  routes: RecordedRoute[],
  info: { title: string; version: string; serverUrl: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const sorted = [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  for (const route of sorted) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: info.title,
      version: info.version,
      description:
        'Published content is public (no key needed; a content token raises the rate limit). Admin routes take an admin-scope token as `Authorization: Bearer bsk_…`, or the newsroom session cookie with its `X-CSRF-Token` header. Errors are RFC 9457 problem details with a stable `code`.',
    },
    servers: [{ url: info.serverUrl }],
    tags: [
      { name: 'Content', description: 'Published articles and pages.' },
      { name: 'Taxonomy', description: 'Categories, tags and authors with published work.' },
      { name: 'Comments', description: 'Approved comments (names and words; never emails).' },
      { name: 'Admin', description: 'Changes, with an admin token or the newsroom session.' },
      { name: 'Reference', description: 'This document.' },
    ],
    paths,
    components: {
      schemas: { Problem: PROBLEM },
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (`broadsheet token add`, or the newsroom).',
        },
        newsroomSession: { type: 'apiKey', in: 'cookie', name: 'bs_session' },
        csrfHeader: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
    },
  };
}
