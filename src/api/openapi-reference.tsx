/** The readable reference page of /api/v1, rendered from the OpenAPI document (no script; works anywhere). */
import { Fragment, h, type SafeHtml } from '../views/jsx.js';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is JSON of any shape; the page reads what it finds
type Doc = Record<string, any>;

function typeOf(schema: Doc | undefined): string {
  if (!schema) return '';
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return (schema.enum as string[]).map((v) => JSON.stringify(v)).join(' | ');
  if (schema.anyOf) return (schema.anyOf as Doc[]).map(typeOf).join(' | ');
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`;
  if (schema.type === 'object') return 'object';
  const bounds = [
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
    schema.maxLength !== undefined ? `≤ ${schema.maxLength} chars` : '',
    schema.format ?? '',
  ].filter(Boolean);
  return `${schema.type ?? 'any'}${bounds.length ? ` (${bounds.join(', ')})` : ''}`;
}

function Fields(props: { schema: Doc | undefined }): SafeHtml {
  const properties = (props.schema?.properties ?? {}) as Record<string, Doc>;
  const required = new Set((props.schema?.required ?? []) as string[]);
  const names = Object.keys(properties);
  if (names.length === 0) return <Fragment />;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => (
          <tr>
            <td>
              <code>{name}</code>
              {required.has(name) ? ' (required)' : ''}
            </td>
            <td>
              <code>{typeOf(properties[name])}</code>
            </td>
            <td>
              {properties[name]!.description ?? ''}
              {properties[name]!.default !== undefined
                ? ` Default ${JSON.stringify(properties[name]!.default)}.`
                : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The whole reference page. */
export function OpenApiReference(props: { doc: Doc; siteTitle: string }): SafeHtml {
  const { doc } = props;
  const operations: { path: string; method: string; op: Doc }[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Doc>>)) {
    for (const [method, op] of Object.entries(methods)) operations.push({ path, method, op });
  }
  const tags = (doc.tags as { name: string; description: string }[]).filter((t) =>
    operations.some((o) => (o.op.tags as string[]).includes(t.name)),
  );
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc.info.title} – ${props.siteTitle}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <main id="main" class="api-reference">
          <h1>{doc.info.title}</h1>
          <p>{doc.info.description}</p>
          <p>
            Machine-readable: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>. Base URL:{' '}
            <code>{doc.servers[0].url}</code>.
          </p>
          <nav aria-label="Sections">
            <ul>
              {tags.map((t) => (
                <li>
                  <a href={`#${t.name.toLowerCase()}`}>{t.name}</a>
                </li>
              ))}
            </ul>
          </nav>
          {tags.map((t) => (
            <section id={t.name.toLowerCase()}>
              <h2>{t.name}</h2>
              <p>{t.description}</p>
              {operations
                .filter((o) => (o.op.tags as string[]).includes(t.name))
                .map(({ path, method, op }) => (
                  <article id={op.operationId}>
                    <h3>
                      <code>
                        {method.toUpperCase()} {path}
                      </code>{' '}
                      – {op.summary}
                    </h3>
                    {op.description ? <p>{op.description}</p> : null}
                    {op.security.length ? (
                      <p>
                        Needs an admin token or the newsroom session; access:{' '}
                        <code>{op['x-broadsheet-access']}</code>.
                      </p>
                    ) : (
                      <p>Public.</p>
                    )}
                    {(op.parameters as Doc[]).length ? (
                      <Fields
                        schema={{
                          properties: Object.fromEntries(
                            (op.parameters as Doc[]).map((p) => [
                              `${p.name}${p.in === 'path' ? ' (path)' : ''}`,
                              { ...p.schema, description: p.description },
                            ]),
                          ),
                          required: (op.parameters as Doc[])
                            .filter((p) => p.required)
                            .map((p) => `${p.name}${p.in === 'path' ? ' (path)' : ''}`),
                        }}
                      />
                    ) : null}
                    {op.requestBody ? (
                      <>
                        <h4>Body (JSON)</h4>
                        <Fields schema={op.requestBody.content['application/json'].schema} />
                      </>
                    ) : null}
                    <p>
                      Answers:{' '}
                      {Object.entries(op.responses as Record<string, Doc>)
                        .map(([code, r]) => `${code} ${r.description}`)
                        .join(' · ')}
                    </p>
                  </article>
                ))}
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}
