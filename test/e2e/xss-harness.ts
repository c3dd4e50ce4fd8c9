/**
 * The XSS trap for Chromium: loads the published payload corpus, tags each payload's alert/prompt/confirm
 * call with its number, runs a canary HTTP server, and opens pages in a browser context where every way a
 * script could announce itself is recorded — the dialog functions, console calls, a canary request, a
 * `window.__xss` marker, a script loaded from another host — and every script-capable construct left in
 * the DOM (an `on…` attribute, a foreign <script>, a javascript: URL, srcdoc, <object>, <embed>, <base>,
 * a meta refresh) is listed even when nothing ran.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';

/** The corpus, one payload a line (see test/fixtures/SOURCES.md). */
export function loadPayloads(): string[] {
  return readFileSync(new URL('../fixtures/xss-payloads.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

// Payload numbers are offset so a tagged call cannot be confused with a payload's own `alert(1)`.
const ID_BASE = 700_000;

/** The payload with every recognisable alert/prompt/confirm call made to pass its number instead. */
export function tagPayload(payload: string, index: number): string {
  const id = String(ID_BASE + index);
  return payload
    .replace(/\b(alert|prompt|confirm)\s*\(([^()]*)\)/g, `$1(${id})`)
    .replace(/\b(alert|prompt|confirm)\s*`[^`]*`/g, `$1(${id})`);
}

/** The payload number carried by a trapped call's argument, or null. */
export function payloadIdOf(detail: string): number | null {
  const match = /\b7\d{5}\b/.exec(detail);
  return match ? Number(match[0]) - ID_BASE : null;
}

/** Something a payload made happen (or left behind). */
export interface Signal {
  kind: string;
  detail: string;
  url: string;
  /** The payload it is attributed to: by its number when it carried one, else the page's payloads. */
  ids: number[];
}

/** A tiny HTTP server counting requests to /hit; a payload that reaches it ran. */
export async function startCanary(): Promise<{ origin: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(204, { 'access-control-allow-origin': '*' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function trapScript(canaryOrigin: string): string {
  // Runs in every frame before any of the page's scripts.
  return `(() => {
    const canary = ${JSON.stringify(canaryOrigin)};
    const report = (kind, detail, beacon) => {
      if (kind !== 'csp-violation') window.__xss = (window.__xss || 0) + 1;
      try { window.__xssReport(kind, String(detail)); } catch {}
      if (beacon) { try { new Image().src = canary + '/hit?kind=' + kind + '&d=' + encodeURIComponent(String(detail)); } catch {} }
    };
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      const trapped = function (arg) { report(name, arg, true); return name === 'confirm' ? false : name === 'prompt' ? null : undefined; };
      try { Object.defineProperty(window, name, { value: trapped, writable: false, configurable: false }); } catch {}
    }
    for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']) {
      const original = console[name];
      console[name] = function (...args) { report('console', args.map(String).join(' '), true); return original.apply(console, args); };
    }
    const scriptUrl = (value) => /^[\\s\\u0000-\\u001f]*(javascript|vbscript|livescript):/i.test(String(value || '').replace(/[\\t\\n\\r]/g, ''));
    // Following a javascript: link or form is exactly what must be harmless, so those are let through;
    // anything else would leave the page being checked.
    addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const link = target && target.closest('a[href], area[href]');
      if (link && !scriptUrl(link.getAttribute('href'))) event.preventDefault();
      const button = target && target.closest('button, input[type=submit], input[type=image]');
      if (button && !link && !scriptUrl(button.getAttribute('formaction')) && !scriptUrl(button.form && button.form.getAttribute('action'))) event.preventDefault();
    }, true);
    addEventListener('submit', (event) => {
      if (!scriptUrl(event.target.getAttribute('action'))) event.preventDefault();
    }, true);
    document.addEventListener('securitypolicyviolation', (event) => {
      if (String(event.blockedURI).startsWith(canary)) return;
      report('csp-violation', event.violatedDirective + ' ' + event.blockedURI + ' ' + (event.sample || ''), false);
    }, true);
  })();`;
}

// Runs in the page after load: lists what could run script, then fires the events payloads wait for.
const SCAN_AND_POKE = `async (appOrigin) => {
  const found = [];
  // The browser's own reading of the URL: javascript%26colon; is a relative path, java&#9;script: is not.
  const scriptUrl = (value) => {
    let url;
    try { url = new URL(String(value || ''), document.baseURI); } catch { return false; }
    return ['javascript:', 'vbscript:', 'livescript:'].includes(url.protocol) || (url.protocol === 'data:' && !/^data:image\\/(png|gif|jpe?g|webp|avif)[;,]/i.test(url.href));
  };
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName;
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(tag + '[' + name + ']');
      else if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'dynsrc', 'lowsrc'].includes(name) && scriptUrl(attr.value)) found.push(tag + '[' + name + '=' + attr.value.slice(0, 60) + ']');
      else if (name === 'srcdoc') found.push(tag + '[srcdoc]');
    }
    if (tag === 'script') {
      const src = el.getAttribute('src');
      const ours = src ? new URL(src, location.href).origin === appOrigin && /^\\/(assets|newsroom\\/assets)\\//.test(new URL(src, location.href).pathname) : false;
      let json = false;
      if (!src && el.getAttribute('type') === 'application/ld+json') { try { JSON.parse(el.textContent); json = true; } catch {} }
      if (!ours && !json) found.push('script:' + (src || el.textContent.slice(0, 60)));
    }
    if (['object', 'embed', 'applet', 'base', 'frameset'].includes(tag)) found.push(tag);
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') || '')) found.push('meta refresh');
    // An empty <iframe> is about:blank; one with an address must be an allowlisted player.
    if (tag === 'iframe' && el.getAttribute('src') && !/^https:\\/\\/(www\\.youtube(-nocookie)?\\.com|player\\.vimeo\\.com|w\\.soundcloud\\.com|open\\.spotify\\.com)\\//.test(el.getAttribute('src'))) found.push('iframe[src=' + el.getAttribute('src').slice(0, 60) + ']');
  }
  // Handlers left in the DOM are listed above whatever fires; these are the events payloads wait for.
  const types = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'click', 'dblclick', 'contextmenu',
    'pointerover', 'pointerenter', 'pointerdown', 'focus', 'focusin', 'blur', 'keydown', 'keyup', 'input', 'change',
    'copy', 'paste', 'dragstart', 'drop', 'wheel', 'scroll', 'animationstart', 'transitionend', 'toggle', 'error',
    'load', 'play'];
  for (const el of [...document.querySelectorAll('body *')]) {
    for (const type of types) {
      const event = type.startsWith('mouse') || type === 'click' || type === 'dblclick' || type === 'contextmenu'
        ? new MouseEvent(type, { bubbles: true, cancelable: true, view: window })
        : new Event(type, { bubbles: true, cancelable: true });
      try { el.dispatchEvent(event); } catch {}
    }
    try { if (typeof el.focus === 'function') el.focus(); } catch {}
  }
  for (const type of ['hashchange', 'resize', 'scroll', 'beforeprint', 'afterprint', 'pageshow', 'message']) {
    try { window.dispatchEvent(new Event(type)); } catch {}
  }
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { found, marker: window.__xss || 0 };
}`;

// Posts a form from the current page, the way a browser submits one (textareas keep newlines).
const SUBMIT_FORM = `(action, fields) => {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = action;
  for (const [name, value] of Object.entries(fields)) {
    const field = document.createElement('textarea');
    field.name = name;
    field.value = value;
    form.append(field);
  }
  document.documentElement.append(form);
  HTMLFormElement.prototype.submit.call(form);
}`;

/** One page to open: a GET, or a POST of a form (navigated to as a browser submitting it would). */
export interface Visit {
  url: string;
  form?: Record<string, string>;
  /** The payloads placed on this page, for signals that carry no number. */
  ids: number[];
  label: string;
}

/** What one pass over a list of pages found. */
export interface PassResult {
  pages: number;
  signals: Signal[];
  /** Script-capable constructs found in the DOM, attributed like signals. */
  constructs: Signal[];
  /** CSP violations (only possible while CSP is on): something the sanitizer let through that CSP stopped. */
  blockedByCsp: Signal[];
  failures: string[];
}

/**
 * Chromium flags for the harness: every request to another host goes to a closed local port (refused
 * at once, so nothing leaves the machine and no page waits on the network); loopback goes direct.
 */
export const HARNESS_BROWSER_ARGS = ['--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=127.0.0.1'];

// CSP violations that mean script (or something that loads it) tried to run; others (an http image) do not.
const SCRIPT_DIRECTIVES =
  /^(script-src|default-src|object-src|frame-src|child-src|base-uri|form-action|trusted-types|require-trusted-types-for)/;

/** Opens every visit in `browser` with the trap installed, `concurrency` pages at a time. */
export async function runPass(
  browser: Browser,
  options: {
    appOrigin: string;
    canaryOrigin: string;
    /** Ignore the page's CSP (as if the header were not sent), to test escaping and sanitizing alone. */
    stripCsp: boolean;
    visits: Visit[];
    concurrency: number;
    cookies?: { name: string; value: string }[];
  },
): Promise<PassResult> {
  const { appOrigin, canaryOrigin, stripCsp } = options;
  const result: PassResult = { pages: 0, signals: [], constructs: [], blockedByCsp: [], failures: [] };
  const context: BrowserContext = await browser.newContext({ bypassCSP: stripCsp });
  if (options.cookies?.length) {
    await context.addCookies(options.cookies.map((c) => ({ ...c, url: appOrigin })));
  }
  const current = new Map<Page, Visit>();
  const visitOf = (page: Page | null | undefined): Visit | undefined =>
    page ? current.get(page) : undefined;
  const attribute = (detail: string, visit: Visit | undefined): number[] => {
    const id = payloadIdOf(detail);
    return id !== null ? [id] : (visit?.ids ?? []);
  };
  const record = (kind: string, detail: string, visit: Visit | undefined) => {
    const signal = { kind, detail, url: visit?.label ?? '?', ids: attribute(detail, visit) };
    if (kind !== 'csp-violation') result.signals.push(signal);
    else if (SCRIPT_DIRECTIVES.test(detail)) result.blockedByCsp.push(signal);
  };

  await context.exposeBinding('__xssReport', (source, kind: string, detail: string) =>
    record(kind, detail, visitOf(source.page)),
  );
  await context.addInitScript(trapScript(canaryOrigin));
  // Watching requests (rather than routing them) costs the browser nothing per request.
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(`${appOrigin}/`) || url.startsWith('data:') || url.startsWith('about:')) return;
    const page = request.frame().page();
    if (url.startsWith(canaryOrigin)) record('canary-request', decodeURIComponent(url), visitOf(page));
    // A script or frame from another host would have been an attacker's.
    else if (['script', 'document'].includes(request.resourceType()))
      record(`foreign-${request.resourceType()}`, url, visitOf(page));
  });

  async function open(page: Page, visit: Visit): Promise<void> {
    const url = `${appOrigin}${visit.url}`;
    if (!visit.form) {
      const response = await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
      if (!response) throw new Error('no response');
      return;
    }
    // A form post, as a browser sends it: a real navigation whose answer is the page to check.
    await Promise.all([
      page.waitForNavigation({ url, waitUntil: 'load', timeout: 20_000 }),
      page.evaluate(`(${SUBMIT_FORM})(${JSON.stringify(url)}, ${JSON.stringify(visit.form)})`),
    ]);
  }

  const queue = [...options.visits];
  async function worker(): Promise<void> {
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      record('dialog', `${dialog.type()} ${dialog.message()}`, visitOf(page));
      dialog.dismiss().catch(() => {});
    });
    for (let visit = queue.shift(); visit; visit = queue.shift()) {
      current.set(page, visit);
      try {
        await open(page, visit);
        for (const frame of page.frames()) {
          const scan = await (frame as Frame)
            .evaluate(`(${SCAN_AND_POKE})(${JSON.stringify(appOrigin)})`)
            .catch((error: Error) => {
              // A frame that went away (a payload's iframe navigating) is fine; a broken scan is not.
              if (!/detached|destroyed|navigat/i.test(error.message)) throw error;
              return null;
            });
          if (!scan) continue;
          const { found, marker } = scan as { found: string[]; marker: number };
          for (const construct of found)
            result.constructs.push({
              kind: 'construct',
              detail: construct,
              url: visit.label,
              ids: visit.ids,
            });
          if (marker > 0 && !result.signals.some((s) => s.url === visit.label))
            record('marker', `window.__xss=${marker}`, visit);
        }
        result.pages += 1;
      } catch (error) {
        result.failures.push(`${visit.label}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    // Late signals (timers) still belong to the last visit.
    await page.waitForTimeout(50);
    current.delete(page);
    await page.close();
  }
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  await context.close();
  return result;
}

/** The distinct payload numbers among `signals`. */
export function payloadsIn(signals: Signal[]): Set<number> {
  return new Set(signals.flatMap((s) => s.ids));
}
