/**
 * Downloads one image named in an import file (`--fetch-media`) into the media directory, where the media
 * routes serve it, with a timeout and a size limit. Only http(s) URLs from the file are ever requested.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileStem, isSafeMediaPath } from '../media/media.js';
import { mediaFileName, mimeTypeFor } from './import-plan.js';

export const MEDIA_FETCH_TIMEOUT_MS = 15_000;
// Larger than any image a newsroom uploads; a bigger file is more likely a video we should not pull silently.
export const MAX_MEDIA_BYTES = 50 * 1024 * 1024;

// The image types the media routes serve, by MIME type.
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/** A downloaded file: where it went under the media directory and what it is. */
export interface FetchedMedia {
  storagePath: string;
  absolutePath: string;
  byteSize: number;
  mimeType: string;
}

/** The outcome of one download: the file, or why there is none. */
export type MediaFetchResult = { ok: true; media: FetchedMedia } | { ok: false; reason: string };

/** Downloads the image at `url` to `<mediaDir>/<yyyy>/<mm>/<name>-<random>.<ext>`; never throws. */
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
  const declaredType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  const mimeType = EXTENSIONS[declaredType] ? declaredType : mimeTypeFor(mediaFileName(url));
  const extension = EXTENSIONS[mimeType];
  if (!extension) {
    await response.body.cancel();
    return { ok: false, reason: `not an image type Broadsheet serves (${declaredType || 'unknown type'})` };
  }

  const storagePath = freeStoragePath(mediaDir, mediaFileName(url), extension, options.uploadedAt ?? null);
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
  return { ok: true, media: { storagePath, absolutePath, byteSize, mimeType } };
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

// Filed by upload month like uploads, with a random part: the media routes cache a name forever.
function freeStoragePath(
  mediaDir: string,
  fileName: string,
  extension: string,
  uploadedAt: string | null,
): string {
  const date = uploadedAt ? new Date(uploadedAt) : new Date();
  const folder = `${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  for (;;) {
    const candidate = `${folder}/${fileStem(fileName)}-${randomBytes(3).toString('hex')}.${extension}`;
    if (isSafeMediaPath(candidate) && !existsSync(join(mediaDir, candidate))) return candidate;
  }
}
