/**
 * Downloads one media file named in an import file (`--fetch-media`) into the media directory, with a
 * timeout and a size limit. Only http(s) URLs from the file are ever requested.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { mediaFileName, mimeTypeFor } from './import-plan.js';

export const MEDIA_FETCH_TIMEOUT_MS = 15_000;
// Larger than any image a newsroom uploads; a bigger file is more likely a video we should not pull silently.
export const MAX_MEDIA_BYTES = 50 * 1024 * 1024;

/** A downloaded file: where it went under the media directory and what it is. */
export interface FetchedMedia {
  storagePath: string;
  absolutePath: string;
  byteSize: number;
  mimeType: string;
}

/** The outcome of one download: the file, or why there is none. */
export type MediaFetchResult = { ok: true; media: FetchedMedia } | { ok: false; reason: string };

/** Downloads `url` to `<mediaDir>/imported/<yyyy>/<mm>/<name>` (name made unique); never throws. */
export async function fetchMediaFile(
  url: string,
  mediaDir: string,
  options: { timeoutMs?: number; maxBytes?: number; uploadedAt?: string | null } = {},
): Promise<MediaFetchResult> {
  const maxBytes = options.maxBytes ?? MAX_MEDIA_BYTES;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `${parsed.protocol} URLs are not fetched` };
  }
  let response: Response;
  try {
    response = await fetch(parsed, {
      signal: AbortSignal.timeout(options.timeoutMs ?? MEDIA_FETCH_TIMEOUT_MS),
      redirect: 'follow',
    });
  } catch (error) {
    const name = (error as Error).name;
    return { ok: false, reason: name === 'TimeoutError' ? 'timed out' : 'unreachable' };
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return { ok: false, reason: `HTTP ${response.status}` };
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body.cancel();
    return { ok: false, reason: `larger than ${sizeText(maxBytes)}` };
  }

  const storagePath = freeStoragePath(mediaDir, mediaFileName(url), options.uploadedAt ?? null);
  const absolutePath = join(mediaDir, storagePath);
  mkdirSync(dirname(absolutePath), { recursive: true });
  const out = createWriteStream(absolutePath);
  let byteSize = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      byteSize += chunk.byteLength;
      // A server may send more than it declared, or declare nothing.
      if (byteSize > maxBytes) throw new Error(`larger than ${sizeText(maxBytes)}`);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
  } catch (error) {
    out.destroy();
    // The file may still be opening: remove it only once the stream has let go, or it reappears.
    await finished(out).catch(() => {});
    rmSync(absolutePath, { force: true });
    const name = (error as Error).name;
    return { ok: false, reason: name === 'TimeoutError' ? 'timed out' : (error as Error).message };
  }
  const declaredType = response.headers.get('content-type')?.split(';')[0]?.trim();
  const mimeType =
    declaredType && declaredType !== 'application/octet-stream' ? declaredType : mimeTypeFor(storagePath);
  return { ok: true, media: { storagePath, absolutePath, byteSize, mimeType } };
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

// Files are filed by upload month, as WordPress does, and never overwrite one another.
function freeStoragePath(mediaDir: string, fileName: string, uploadedAt: string | null): string {
  const date = uploadedAt ? new Date(uploadedAt) : new Date();
  const folder = `imported/${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  const safe = fileName.replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '') || 'file';
  const dot = safe.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
  for (let n = 1; ; n++) {
    const candidate = `${folder}/${n === 1 ? stem : `${stem}-${n}`}${extension}`;
    if (!existsSync(join(mediaDir, candidate))) return candidate;
  }
}
