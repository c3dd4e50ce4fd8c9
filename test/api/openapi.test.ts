import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { HTTPMethods } from 'fastify';
import { buildTestApp, type TestApp } from '../support/test-app.js';

type Operation = {
  operationId: string;
  summary: string;
  security: unknown[];
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  'x-broadsheet-access'?: string;
};

describe('the OpenAPI 3.1 document and reference page', () => {
  let t: TestApp;
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    // biome-ignore lint/suspicious/noExplicitAny: schemas are JSON of any shape
    components: Record<string, any>;
  };
  before(async () => {
    t = await buildTestApp();
    doc = (await t.app.inject('/api/v1/openapi.json')).json();
  });
  after(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );

  test('is OpenAPI 3.1 with problem details and both ways of authenticating', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.components.schemas.Problem.required, ['type', 'title', 'status', 'code']);
    assert.equal(doc.components.securitySchemes.bearerToken.scheme, 'bearer');
    assert.equal(doc.components.securitySchemes.newsroomSession.name, 'bs_session');
  });

  test('documents every endpoint family, each operation being a route the app really serves', () => {
    const listed = operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    for (const expected of [
      'GET /api/v1/articles',
      'GET /api/v1/articles/{slug}',
      'GET /api/v1/articles/{slug}/related',
      'GET /api/v1/articles/{slug}/comments',
      'GET /api/v1/pages/{slug}',
      'GET /api/v1/categories',
      'GET /api/v1/tags/{slug}',
      'GET /api/v1/authors',
      'GET /api/v1/comments',
      'GET /api/v1/search',
      'POST /api/v1/admin/articles',
      'PATCH /api/v1/admin/articles/{id}',
      'POST /api/v1/admin/articles/{id}/publish',
      'POST /api/v1/admin/articles/{id}/schedule',
      'POST /api/v1/admin/articles/{id}/unpublish',
      'POST /api/v1/admin/media',
      'GET /api/v1/admin/comments',
      'POST /api/v1/admin/comments/{id}/approve',
      'POST /api/v1/admin/categories',
      'POST /api/v1/admin/tags',
      'POST /api/v1/admin/tokens',
      'DELETE /api/v1/admin/tokens/{id}',
      'POST /api/v1/admin/webhooks',
      'GET /api/v1/admin/webhooks/{id}/deliveries',
      'PUT /api/v1/admin/cors',
    ]) {
      assert.ok(listed.includes(expected), `${expected} is documented`);
    }
    for (const { path, method } of operations()) {
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      assert.ok(
        t.app.hasRoute({ method: method.toUpperCase() as HTTPMethods, url }),
        `${method} ${path} is served`,
      );
    }
    assert.equal(
      new Set(operations().map(({ op }) => op.operationId)).size,
      operations().length,
      'unique ids',
    );
  });

  test('parameters, bodies and responses come from the route schemas', () => {
    const list = doc.paths['/api/v1/articles']!.get!;
    const perPage = list.parameters.find((p) => p.name === 'per_page')!;
    assert.deepEqual([perPage.in, perPage.schema.maximum, perPage.schema.default], ['query', 100, 20]);
    assert.ok(list.responses['200']!.content!['application/json']!.schema.properties);
    assert.ok(list.responses['304']);
    const create = doc.paths['/api/v1/admin/articles']!.post!;
    assert.deepEqual(create.requestBody!.content['application/json']!.schema.required, ['headline']);
    for (const { path, op } of operations()) {
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        const param = op.parameters.find((p) => `{${p.name}}` === name);
        assert.ok(param?.in === 'path' && param.required, `${path} declares ${name}`);
      }
      assert.ok(op.responses['429'], `${path} documents rate limiting`);
    }
  });

  test('admin operations need a token or the session and state their access; content ones are public', () => {
    for (const { path, op } of operations()) {
      if (path.startsWith('/api/v1/admin/')) {
        assert.ok(op.security.length > 0, path);
        assert.ok(op['x-broadsheet-access'], path);
        assert.ok(op.responses['401'] && op.responses['403'], path);
      } else {
        assert.deepEqual(op.security, [], path);
      }
    }
  });

  test('the reference page lists every operation, without scripts or inline styles', async () => {
    const page = await t.app.inject('/api/v1/docs');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    for (const { op } of operations())
      assert.ok(page.body.includes(`id="${op.operationId}"`), op.operationId);
    assert.ok(!/<script|style=/.test(page.body));
  });
});
