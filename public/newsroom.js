// Broadsheet newsroom: progressive enhancement only. Every page works without this file;
// it adds autosave (server + this browser), live preview, a Markdown toolbar and drag-and-drop upload.
(() => {
  'use strict';

  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

  for (const el of document.querySelectorAll('.js-only')) el.hidden = false;

  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }

  function time(date) {
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  async function upload(url, file, altText) {
    const body = new FormData();
    body.append('altText', altText || '');
    body.append('file', file);
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { accept: 'application/json', 'x-csrf-token': csrf },
      credentials: 'same-origin',
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(json.detail || json.title || `Upload failed (${response.status}).`);
    return json;
  }

  // Media library: dropping a file on the upload form fills its file input.
  for (const form of document.querySelectorAll('form[data-dropzone-form]')) {
    const zone = form.querySelector('.dropzone');
    const input = form.querySelector('input[type="file"]');
    if (!zone || !input) continue;
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('dragging');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('dragging');
      if (event.dataTransfer?.files.length) input.files = event.dataTransfer.files;
    });
  }

  const form = document.getElementById('article-form');
  if (!form) return;

  const body = form.querySelector('#field-bodySource');
  const headline = form.querySelector('#field-headline');
  const slug = form.querySelector('#field-slug');
  const versionField = form.querySelector('input[name="version"]');
  const status = form.querySelector('.autosave-status');
  const key = `broadsheet:autosave:${form.dataset.articleKey}`;
  const params = new URLSearchParams(location.search);
  const SKIP = new Set(['_csrf', 'version', 'intent']);

  function fields() {
    const out = {};
    for (const el of form.elements) {
      if (!el.name || SKIP.has(el.name)) continue;
      if (el.type === 'checkbox') out[el.name] = el.checked;
      else if (el.type !== 'submit' && el.type !== 'button' && el.type !== 'file') out[el.name] = el.value;
    }
    return out;
  }

  function fill(values) {
    for (const [name, value] of Object.entries(values)) {
      const el = form.elements.namedItem(name);
      if (!el || el instanceof RadioNodeList) continue;
      if (el.type === 'checkbox') el.checked = value === true;
      else el.value = value;
    }
  }

  function same(a, b) {
    const norm = (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : v);
    return Object.keys({ ...a, ...b }).every((k) => norm(a[k] ?? '') === norm(b[k] ?? ''));
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  function readLocal(name) {
    try {
      return JSON.parse(localStorage.getItem(name) || 'null');
    } catch {
      return null;
    }
  }

  // Reaching a page by a successful save (?done=…) means the copy written as the form was sent is saved.
  // Only that copy goes: text typed after the page loaded (then reloaded) is still offered back.
  if (params.has('done')) {
    if (readLocal(key)?.submitted) localStorage.removeItem(key);
    if (params.get('done') === 'created' && readLocal('broadsheet:autosave:new')?.submitted)
      localStorage.removeItem('broadsheet:autosave:new');
  }

  const stored = readLocal(key);
  const banner = document.querySelector('.local-restore');
  if (stored?.fields && !same(stored.fields, fields()) && banner) {
    banner.hidden = false;
    banner.querySelector('[data-restore-local]')?.addEventListener('click', () => {
      fill(stored.fields);
      banner.hidden = true;
      dirty = true;
      say('Restored the text kept in this browser. Save to keep it.');
      refreshPreview();
    });
    banner.querySelector('[data-discard-local]')?.addEventListener('click', () => {
      localStorage.removeItem(key);
      banner.hidden = true;
    });
  }

  let dirty = false;
  let submitting = false;
  let localTimer = 0;

  function keepLocally(submitted = false) {
    try {
      localStorage.setItem(
        key,
        JSON.stringify({
          fields: fields(),
          version: Number(versionField?.value || 0),
          savedAt: new Date().toISOString(),
          submitted,
        }),
      );
    } catch {
      // Storage full or disabled: the server autosave still runs.
    }
  }

  async function autosave() {
    if (!dirty || submitting) return;
    dirty = false;
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        credentials: 'same-origin',
        body: JSON.stringify({ version: Number(versionField?.value || 0) || null, fields: fields() }),
      });
      if (response.status === 401) {
        dirty = true;
        say('Your session has ended. Your text is kept in this browser: sign in again, then come back to restore it.');
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const json = await response.json();
      say(`Draft copy autosaved at ${time(new Date(json.savedAt))}.`);
    } catch {
      dirty = true;
      say('Could not autosave to the server; your text is kept in this browser.');
    }
  }

  form.addEventListener('input', () => {
    dirty = true;
    clearTimeout(localTimer);
    localTimer = setTimeout(keepLocally, 300);
  });
  form.addEventListener('change', () => {
    dirty = true;
    keepLocally();
  });
  setInterval(autosave, 5000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      keepLocally();
      autosave();
    }
  });
  form.addEventListener('submit', () => {
    keepLocally(true);
    submitting = true;
  });
  window.addEventListener('beforeunload', (event) => {
    if (submitting) return;
    keepLocally();
    if (dirty) event.preventDefault();
  });

  // Slug follows the headline on a new article until someone edits the slug.
  if (slug && headline && form.dataset.articleKey === 'new') {
    let touched = slug.value !== '';
    slug.addEventListener('input', () => {
      touched = slug.value !== '';
    });
    headline.addEventListener('input', () => {
      if (touched) return;
      slug.value = headline.value
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/['’]/g, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 80)
        .replace(/-+$/g, '');
    });
  }

  // Live preview, rendered by the server with the same Markdown and sanitizer as the site.
  const preview = document.getElementById('live-preview');
  const toggle = form.querySelector('[data-toggle-preview]');
  let previewTimer = 0;
  async function refreshPreview() {
    if (!preview || preview.hidden || !body) return;
    try {
      const response = await fetch(form.dataset.previewUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        credentials: 'same-origin',
        body: JSON.stringify({ bodySource: body.value }),
      });
      if (response.ok) preview.innerHTML = (await response.json()).html;
    } catch {
      // The preview is a convenience; the next keystroke retries.
    }
  }
  toggle?.addEventListener('click', () => {
    const on = preview.hidden;
    preview.hidden = !on;
    toggle.setAttribute('aria-pressed', String(on));
    body.closest('.body-editor')?.classList.toggle('previewing', on);
    refreshPreview();
  });
  body?.addEventListener('input', () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 300);
  });

  function replaceSelection(transform) {
    const start = body.selectionStart;
    const end = body.selectionEnd;
    const selected = body.value.slice(start, end);
    const { text, cursor } = transform(selected);
    body.setRangeText(text, start, end, 'end');
    if (cursor !== undefined) body.setSelectionRange(start + cursor, start + cursor);
    body.focus();
    body.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function prefixLines(prefix) {
    // Extend the selection to whole lines so every line gets the prefix.
    const start = body.value.lastIndexOf('\n', body.selectionStart - 1) + 1;
    body.setSelectionRange(start, body.selectionEnd);
    replaceSelection((s) => ({ text: (s || '').split('\n').map((line) => `${prefix}${line}`).join('\n') }));
  }

  const imageInput = document.getElementById('body-image');
  const imageAlt = document.getElementById('body-image-alt');
  const uploadStatus = form.querySelector('.upload-status');
  const featuredSelect = form.querySelector('#field-featuredMediaId');

  async function insertImages(files) {
    for (const file of files) {
      if (uploadStatus) uploadStatus.textContent = `Uploading ${file.name}…`;
      try {
        const item = await upload(form.dataset.uploadUrl, file, imageAlt?.value);
        replaceSelection(() => ({ text: `\n${item.markdown}\n` }));
        if (featuredSelect && !featuredSelect.querySelector(`option[value="${item.id}"]`)) {
          featuredSelect.add(new Option(`${item.fileName}${item.altText ? ` – ${item.altText}` : ''}`, String(item.id)));
        }
        if (uploadStatus)
          uploadStatus.textContent = item.altText
            ? `Inserted ${file.name}.`
            : `Inserted ${file.name}. Write its alt text between the brackets before publishing.`;
      } catch (error) {
        if (uploadStatus) uploadStatus.textContent = error.message;
      }
    }
  }

  imageInput?.addEventListener('change', () => {
    if (imageInput.files?.length) insertImages([...imageInput.files]).then(() => (imageInput.value = ''));
  });

  if (body?.dataset.dropzone) {
    body.addEventListener('dragover', (event) => {
      if ([...(event.dataTransfer?.types ?? [])].includes('Files')) {
        event.preventDefault();
        body.classList.add('dragging');
      }
    });
    body.addEventListener('dragleave', () => body.classList.remove('dragging'));
    body.addEventListener('drop', (event) => {
      const files = [...(event.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith('image/'));
      body.classList.remove('dragging');
      if (files.length === 0) return;
      event.preventDefault();
      insertImages(files);
    });
  }

  const ACTIONS = {
    bold: () => replaceSelection((s) => ({ text: `**${s || 'bold text'}**` })),
    italic: () => replaceSelection((s) => ({ text: `*${s || 'italic text'}*` })),
    link: () => replaceSelection((s) => ({ text: `[${s || 'link text'}](https://)`, cursor: (s || 'link text').length + 3 })),
    heading: () => prefixLines('## '),
    quote: () => prefixLines('> '),
    list: () => prefixLines('- '),
    image: () => (imageInput ? imageInput.click() : replaceSelection((s) => ({ text: `![${s || 'alt text'}](/media/…)` }))),
  };
  for (const button of form.querySelectorAll('[data-md]')) {
    button.addEventListener('click', () => ACTIONS[button.dataset.md]?.());
  }
})();
