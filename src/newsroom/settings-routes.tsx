/** The site settings screen (admins): identity, language and time zone, comment policies, "See also" placement, feeds. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Invalid } from '../errors.js';
import { viewerOf } from '../http/newsroom-plugin.js';
import { validateSettings } from '../site/settings.js';
import { Fragment, h } from '../views/jsx.js';
import { type NewsroomDeps, redirectAfterPost, sendPage } from './newsroom-context.js';
import { CsrfField, ErrorSummary, SelectField, TextField } from './newsroom-layout.js';
import { settingsFromForm, settingsToForm } from './settings-form.js';

const TIME_ZONES: string[] = Intl.supportedValuesOf('timeZone');

/** Registers the settings routes. */
export function registerSettingsRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { ctx } = deps;
  const permission = { permission: 'administer' as const };

  async function settingsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    form: Record<string, string>,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const viewer = viewerOf(request);
    const number = (name: string, label: string, hint?: string) => (
      <TextField
        name={name}
        label={label}
        type="number"
        value={form[name]}
        error={errors[name]}
        hint={hint}
      />
    );
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Settings', current: '/newsroom/settings', status },
      <>
        <h1>Site settings</h1>
        <ErrorSummary errors={errors} />
        <form method="post" action="/newsroom/settings" class="settings">
          <CsrfField token={viewer.csrfToken} />
          <fieldset>
            <legend>Identity</legend>
            <TextField name="title" label="Site title" value={form.title} error={errors.title} required />
            <TextField name="tagline" label="Tagline" value={form.tagline} error={errors.tagline} />
            <TextField
              name="logoUrl"
              label="Logo address"
              value={form.logoUrl}
              error={errors.logoUrl}
              hint="Upload the logo in the media library and paste its address (/media/…)."
            />
            <TextField
              name="url"
              label="Site address"
              value={form.url}
              error={errors.url}
              hint="e.g. https://news.example.org — used in feeds, sitemaps and emails."
            />
          </fieldset>
          <fieldset>
            <legend>Language and time</legend>
            <TextField
              name="language"
              label="Language"
              value={form.language}
              error={errors.language}
              hint="A tag such as en or fr."
            />
            <SelectField
              name="timezone"
              label="Time zone"
              value={form.timezone ?? 'UTC'}
              error={errors.timezone}
              options={TIME_ZONES.map((z) => ({ value: z, label: z }))}
            />
            <SelectField
              name="permalinkPattern"
              label="Article addresses"
              value={form.permalinkPattern ?? '/{slug}/'}
              options={[
                { value: '/{slug}/', label: '/headline-slug/' },
                { value: '/{yyyy}/{mm}/{slug}/', label: '/2024/04/headline-slug/' },
              ]}
            />
            {number('postsPerPage', 'Articles per archive page')}
          </fieldset>
          <fieldset>
            <legend>Comments</legend>
            <SelectField
              name="commentPolicy"
              label="New comments"
              value={form.commentPolicy ?? 'hold-first-time'}
              error={errors.commentPolicy}
              options={[
                { value: 'approve-all', label: 'Publish at once' },
                { value: 'hold-first-time', label: 'Hold a commenter’s first comment for moderation' },
                { value: 'hold-all', label: 'Hold every comment for moderation' },
              ]}
            />
            {number('commentMaxLinks', 'Hold comments with more links than', 'WordPress holds at 2.')}
            {number('commentCloseAfterDays', 'Close comments after (days)', '0: never.')}
            {number('commentThreadDepth', 'Reply depth')}
            {number('commentsPerPage', 'Comments per page')}
            <p class="field">
              <label for="field-commentBlocklist">Blocked words, addresses and names</label>
              <span class="hint" id="field-commentBlocklist-hint">
                One per line.
              </span>
              <textarea
                id="field-commentBlocklist"
                name="commentBlocklist"
                rows={5}
                aria-describedby="field-commentBlocklist-hint"
              >
                {form.commentBlocklist ?? ''}
              </textarea>
            </p>
            <SelectField
              name="commentBlocklistAction"
              label="A comment matching the list is"
              value={form.commentBlocklistAction ?? 'hold'}
              options={[
                { value: 'hold', label: 'held for moderation' },
                { value: 'spam', label: 'marked as spam' },
              ]}
            />
            {number('commentIpRetentionDays', 'Keep commenters’ IP addresses for (days)')}
            {number(
              'commentMinSecondsToSubmit',
              'Refuse comments sent faster than (seconds)',
              'Bots fill forms instantly.',
            )}
          </fieldset>
          <fieldset>
            <legend>“See also”</legend>
            {number('seeAlsoAfterParagraph', 'Place “See also” after paragraph')}
            {number('seeAlsoMinParagraphs', 'Only in articles with at least this many paragraphs')}
            {number('relatedListSize', 'Related articles listed at the end')}
          </fieldset>
          <fieldset>
            <legend>Feeds</legend>
            <p class="field checkbox">
              <input
                type="checkbox"
                id="field-feedFullText"
                name="feedFullText"
                value="1"
                checked={form.feedFullText === '1'}
              />
              <label for="field-feedFullText">Full text in feeds (otherwise the excerpt)</label>
            </p>
            {number('feedItems', 'Articles in each feed')}
          </fieldset>
          <p>
            <button type="submit" class="primary">
              Save settings
            </button>
          </p>
        </form>
      </>,
    );
  }

  app.get('/settings', { config: permission }, async (request, reply) =>
    settingsPage(request, reply, settingsToForm(await ctx.settings())),
  );

  app.post('/settings', { config: permission }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const update = settingsFromForm(body);
    try {
      validateSettings(update);
    } catch (error) {
      if (error instanceof Invalid) {
        const typed = Object.fromEntries(
          Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        return settingsPage(
          request,
          reply,
          { ...settingsToForm(await ctx.settings()), ...typed },
          error.fields,
          422,
        );
      }
      throw error;
    }
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await ctx.stores.settings.save(update, trx);
      await ctx.stores.events.record('settings.changed', {}, trx);
    });
    ctx.invalidateSettings();
    return redirectAfterPost(reply, '/newsroom/settings', 'settings-saved');
  });
}
