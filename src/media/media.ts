/** Media items: the types, and the pure rules of accepting an image and naming its responsive variants. */

/** The image formats accepted for upload, detected from the file's first bytes. */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif';

/** One stored rendition of an image. */
export interface MediaVariant {
  width: number;
  height: number;
  format: ImageFormat;
  /** Relative to the media directory, e.g. "2024/04/harbour-k3j9-640.webp". */
  path: string;
  bytes: number;
}

/** A media item as the newsroom shows it. */
export interface MediaItem {
  id: number;
  fileName: string;
  mimeType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  altText: string;
  caption: string;
  credit: string;
  /** The public URL of the stored original (or the remote source of an imported item). */
  url: string;
  storagePath: string | null;
  variants: MediaVariant[];
  uploadedBy: number | null;
  createdAt: string;
}

/** Uploads larger than this are refused before decoding. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/** Decoding bombs (a tiny file that unpacks to gigapixels) are refused above this. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Widths for `srcset`, chosen for phones, tablets, the article column and full-bleed at 2x. */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;

export const MIME_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

export const EXTENSIONS: Record<ImageFormat, string> = {
  jpeg: 'jpg',
  png: 'png',
  gif: 'gif',
  webp: 'webp',
  avif: 'avif',
};

/** The image format of `bytes` by its magic numbers, or null (the file name is never trusted). */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (bytes.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'gif';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  // ISO BMFF: a box of type "ftyp" whose major brand is AVIF.
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(8, 12))) return 'avif';
  return null;
}

/** The widths to render for an image `width` pixels wide: every standard width below it, and its own. */
export function variantWidths(width: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < width);
  const top = Math.min(width, VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]);
  if (!widths.includes(top)) widths.push(top);
  return widths;
}

/** A file-name stem from an uploaded name: lowercase words, no extension, never empty. */
export function fileStem(fileName: string): string {
  const stem = fileName
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return stem || 'image';
}

/** True when `path` is a media path we could have written (no traversal, no odd characters). */
export function isSafeMediaPath(path: string): boolean {
  return /^\d{4}\/\d{2}\/[a-z0-9][a-z0-9-]*\.(jpg|png|gif|webp|avif)$/.test(path);
}

/** The public URL of a stored media path. */
export function mediaUrl(path: string): string {
  return `/media/${path}`;
}

/** `srcset` values per format (`image/webp` → "… 320w, … 640w"), narrowest first. */
export function srcsets(variants: MediaVariant[]): Record<string, string> {
  const byFormat: Record<string, MediaVariant[]> = {};
  for (const v of variants) {
    const mime = MIME_TYPES[v.format];
    byFormat[mime] = [...(byFormat[mime] ?? []), v];
  }
  return Object.fromEntries(
    Object.entries(byFormat).map(([mime, list]) => [
      mime,
      list
        .sort((a, b) => a.width - b.width)
        .map((v) => `${mediaUrl(v.path)} ${v.width}w`)
        .join(', '),
    ]),
  );
}
