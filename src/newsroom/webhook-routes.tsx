/** The webhooks screen (admins): subscriptions, subscribing a URL (its signing secret shown once), removing, the delivery log. */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_EVENTS, type Webhook } from '../api/webhook.js';
import { Invalid, NotFound } from '../errors.js';
import { viewerOf } from '../http/newsroom-plugin.js';
import { formatDateTime } from '../views/format.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';
import { type NewsroomDeps, redirectAfterPost, sendPage } from './newsroom-context.js';
import { ActionButton, CsrfField, ErrorSummary, ShownOnce, TextField } from './newsroom-layout.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const WebhookBody = Type.Object({
  name: Type.String({ default: '', maxLength: 500 }),
  url: Type.String({ default: '', maxLength: 2000 }),
  // A single ticked box arrives as a string; Fastify's validator turns it into a one-item list.
  events: Type.Array(Type.String({ maxLength: 100 }), { default: [], maxItems: 20 }),
});
type WebhookForm = Static<typeof WebhookBody>;

/** What each event means to the person ticking it. */
const EVENT_LABELS: Record<(typeof WEBHOOK_EVENTS)[number], string> = {
  'article.published': 'an article is published',
  'article.updated': 'a published article is changed',
  'article.unpublished': 'an article is unpublished',
  'comment.approved': 'a comment appears on the site',
};

/** The panel on the answer page after subscribing: the only time anyone sees the signing secret. */
function SecretShownOnce(props: { created: { webhook: Webhook; secret: string } }): SafeHtml {
  const { webhook, secret } = props.created;
  return (
    <ShownOnce
      id="secret-heading"
      heading={`Signing secret of “${webhook.name}”`}
      why="Give it to the receiver so it can check that deliveries come from this site; if it is lost, delete the webhook and create another."
      secret={secret}
      hint={`Each delivery carries ${SIGNATURE_HEADER}: sha256=HMAC-SHA256(secret, timestamp + "." + body) and the timestamp in ${TIMESTAMP_HEADER}.`}
    />
  );
}

function EventChoices(props: { chosen: string[]; error?: string }): SafeHtml {
  return (
    <fieldset id="field-events" class={props.error ? 'has-error' : undefined}>
      <legend>Send when</legend>
      {props.error ? <span class="field-error">{props.error}</span> : null}
      {WEBHOOK_EVENTS.map((event) => (
        <p class="field checkbox">
          <input
            type="checkbox"
            id={`event-${event}`}
            name="events"
            value={event}
            checked={props.chosen.includes(event)}
          />
          <label for={`event-${event}`}>
            {EVENT_LABELS[event]} (<code>{event}</code>)
          </label>
        </p>
      ))}
    </fieldset>
  );
}

/** Registers the webhook routes. */
export function registerWebhookRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { ctx, webhooks } = deps;
  const permission = { permission: 'administer' as const };

  async function webhooksPage(
    request: FastifyRequest,
    reply: FastifyReply,
    page: {
      form?: Partial<WebhookForm>;
      errors?: Record<string, string>;
      created?: { webhook: Webhook; secret: string };
      status?: number;
    } = {},
  ) {
    const viewer = viewerOf(request);
    const { timezone } = await ctx.settings();
    const form = page.form ?? {};
    const errors = page.errors ?? {};
    const list = await webhooks.listWebhooks();
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Webhooks', current: '/newsroom/webhooks', status: page.status, bodyClass: 'newsroom wide' },
      <>
        <h1>Webhooks</h1>
        {page.created ? <SecretShownOnce created={page.created} /> : null}
        <p>
          A webhook tells another system at once when something happens here, with a signed POST to its
          address. A delivery that fails is tried again later.
        </p>
        {list.length === 0 ? (
          <p>No webhooks yet.</p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Address</th>
                <th scope="col">Events</th>
                <th scope="col">Active</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((w) => (
                <tr class={w.active ? undefined : 'inactive'}>
                  <td>
                    <a href={`/newsroom/webhooks/${w.id}`}>{w.name}</a>
                  </td>
                  <td>
                    <code>{w.url}</code>
                  </td>
                  <td>{w.events.join(', ')}</td>
                  <td>{w.active ? 'yes' : 'no'}</td>
                  <td>{formatDateTime(w.createdAt, timezone)}</td>
                  <td>
                    <a href={`/newsroom/webhooks/${w.id}`}>Deliveries</a>{' '}
                    <ActionButton
                      action={`/newsroom/webhooks/${w.id}/delete`}
                      label="Delete"
                      className="danger"
                      csrfToken={viewer.csrfToken}
                      confirm={`Delete “${w.name}”? ${w.url} receives nothing more.`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <section class="card-form" aria-labelledby="new-webhook-heading">
          <h2 id="new-webhook-heading">New webhook</h2>
          <ErrorSummary errors={errors} />
          <form method="post" action="/newsroom/webhooks">
            <CsrfField token={viewer.csrfToken} />
            <TextField name="name" label="Name" value={form.name} error={errors.name} required />
            <TextField
              name="url"
              label="Address"
              type="url"
              value={form.url}
              error={errors.url}
              hint="The receiver’s http:// or https:// address."
              required
            />
            <EventChoices chosen={form.events ?? []} error={errors.events} />
            <p>
              <button type="submit" class="primary">
                Create webhook
              </button>
            </p>
          </form>
        </section>
      </>,
    );
  }

  app.get('/webhooks', { config: permission }, async (request, reply) => webhooksPage(request, reply));

  app.post<{ Body: WebhookForm }>(
    '/webhooks',
    { config: permission, schema: { body: WebhookBody } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      let created: { webhook: Webhook; secret: string };
      try {
        created = await webhooks.createWebhook({ ...request.body, createdBy: viewer.user.id });
      } catch (error) {
        if (error instanceof Invalid)
          return webhooksPage(request, reply, { form: request.body, errors: error.fields, status: 422 });
        throw error;
      }
      // Answered here rather than after a redirect: the secret must not travel in a URL or wait in a session.
      return webhooksPage(request, reply, { created, status: 201 });
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/webhooks/:id',
    { config: permission, schema: { params: IdParams } },
    async (request, reply) => {
      const { timezone } = await ctx.settings();
      const deliveries = await webhooks.deliveries(request.params.id);
      const webhook = (await webhooks.listWebhooks()).find((w) => w.id === request.params.id);
      if (!webhook) throw new NotFound('That webhook does not exist.');
      return sendPage(
        deps,
        request,
        reply,
        { title: `Webhook ${webhook.name}`, current: '/newsroom/webhooks', bodyClass: 'newsroom wide' },
        <>
          <p>
            <a href="/newsroom/webhooks">← Webhooks</a>
          </p>
          <h1>{webhook.name}</h1>
          <p>
            <code>{webhook.url}</code> for {webhook.events.join(', ')}
          </p>
          <h2>Recent deliveries</h2>
          {deliveries.length === 0 ? (
            <p>Nothing has been sent yet.</p>
          ) : (
            <table class="list">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">Answer</th>
                  <th scope="col">Time taken</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr class={d.ok ? undefined : 'failed'}>
                    <td>{formatDateTime(d.createdAt, timezone)}</td>
                    <td>
                      {d.eventKind} #{d.eventId}
                    </td>
                    <td>{d.attempt}</td>
                    <td>
                      {d.ok
                        ? `delivered (${d.statusCode})`
                        : `failed: ${d.error ?? d.statusCode ?? 'no answer'}`}
                    </td>
                    <td>{d.durationMs} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>,
      );
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/webhooks/:id/delete',
    { config: permission, schema: { params: IdParams } },
    async (request, reply) => {
      await webhooks.deleteWebhook(request.params.id);
      return redirectAfterPost(reply, '/newsroom/webhooks', 'webhook-deleted');
    },
  );
}
