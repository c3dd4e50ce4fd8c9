/**
 * Media use cases: accept an upload (type by content, size and pixel limits),
 * re-encode it without metadata (so no EXIF location leaves the building),
 * write responsive variants in WebP, AVIF and the original format, and delete
 * only what no article uses.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Metadata, Sharp } from 'sharp';
import { Conflict, Invalid, NotFound } from '../errors.js';
import {
  detectImageFormat,
  EXTENSIONS,
  fileStem,
  type ImageFormat,
  MAX_INPUT_PIXELS,
  MAX_UPLOAD_BYTES,
  type MediaItem,
  type MediaVariant,
  MIME_TYPES,
  variantWidths,
} from './media.js';
import type { MediaStore } from './media-store.js';

const MAX_TEXT = 1000;

function encode(image: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: 82, mozjpeg: true });
    case 'png':
      return image.png({ compressionLevel: 9 });
    case 'webp':
      return image.webp({ quality: 80 });
    // effort 2: AVIF's default effort takes seconds per variant on an upload request.
    case 'avif':
      return image.avif({ quality: 55, effort: 2 });
    case 'gif':
      return image.gif();
  }
}

/** Media use cases. */
export function createMediaService(deps: { store: MediaStore; mediaDir: string }) {
  const { store, mediaDir } = deps;

  async function write(path: string, data: Buffer): Promise<void> {
    const full = join(mediaDir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, data, { flag: 'wx' });
  }

  return {
    /** The directory files are stored in and served from. */
    mediaDir,

    /** The item `id`, or undefined. */
    find(id: number): Promise<MediaItem | undefined> {
      return store.findById(id);
    },

    /** A page of the library, newest first, optionally searched. */
    list(search: string, limit: number, offset: number): Promise<{ items: MediaItem[]; total: number }> {
      return store.list(search, limit, offset);
    },

    /** The articles using the item. */
    async usesOf(id: number): Promise<{ articleId: number; headline: string }[]> {
      const item = await store.findById(id);
      return item ? store.usesOf(item) : [];
    },

    /** Stores an uploaded image with its variants; `altText` may be added later but is required before publishing. */
    async upload(input: {
      data: Buffer;
      fileName: string;
      altText?: string;
      caption?: string;
      credit?: string;
      uploadedBy: number | null;
    }): Promise<MediaItem> {
      if (input.data.length === 0) throw new Invalid({ file: 'Choose an image to upload.' });
      if (input.data.length > MAX_UPLOAD_BYTES)
        throw new Invalid({ file: `Images are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.` });
      const format = detectImageFormat(input.data);
      if (!format)
        throw new Invalid({
          file: 'That file is not a JPEG, PNG, GIF, WebP or AVIF image (whatever its name says).',
        });
      // Loaded with the first upload: libvips costs each process about 18 MB, and most never resize.
      const { default: sharp } = await import('sharp');
      let metadata: Metadata;
      try {
        metadata = await sharp(input.data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
      } catch {
        throw new Invalid({ file: 'That image could not be read; it may be damaged.' });
      }
      if (!metadata.width || !metadata.height) throw new Invalid({ file: 'That image has no size.' });
      if (metadata.width * metadata.height > MAX_INPUT_PIXELS)
        throw new Invalid({ file: 'That image has too many pixels (50 megapixels at most).' });
      // Orientations 5–8 are stored sideways: after auto-rotation width and height swap.
      const swapped = (metadata.orientation ?? 1) >= 5;
      const width = swapped ? metadata.height : metadata.width;
      const height = swapped ? metadata.width : metadata.height;
      const animated = format === 'gif' && (metadata.pages ?? 1) > 1;

      const now = new Date();
      const folder = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
      const base = `${folder}/${fileStem(input.fileName)}-${randomBytes(4).toString('hex')}`;
      const written: string[] = [];
      try {
        // Re-encoding without .withMetadata() drops EXIF (GPS position, camera serial), XMP and IPTC.
        const source = () => sharp(input.data, { limitInputPixels: MAX_INPUT_PIXELS, animated }).rotate();
        const originalPath = `${base}.${EXTENSIONS[format]}`;
        const original = animated ? input.data : await encode(source(), format).toBuffer();
        await write(originalPath, original);
        written.push(originalPath);

        const variants: MediaVariant[] = [];
        if (!animated) {
          const formats: ImageFormat[] = [
            ...new Set<ImageFormat>(['webp', 'avif', format === 'gif' ? 'png' : format]),
          ];
          for (const w of variantWidths(width)) {
            const h = Math.max(1, Math.round((height * w) / width));
            for (const f of formats) {
              const path = `${base}-${w}.${EXTENSIONS[f]}`;
              const data = await encode(
                source().resize({ width: w, withoutEnlargement: true }),
                f,
              ).toBuffer();
              await write(path, data);
              written.push(path);
              variants.push({ width: w, height: h, format: f, path, bytes: data.length });
            }
          }
        }
        return await store.insert({
          fileName: input.fileName.slice(0, 255) || 'image',
          mimeType: MIME_TYPES[format],
          byteSize: original.length,
          width,
          height,
          altText: (input.altText ?? '').trim().slice(0, MAX_TEXT),
          caption: (input.caption ?? '').trim().slice(0, MAX_TEXT),
          credit: (input.credit ?? '').trim().slice(0, MAX_TEXT),
          storagePath: originalPath,
          variants,
          uploadedBy: input.uploadedBy,
        });
      } catch (error) {
        await Promise.all(written.map((path) => rm(join(mediaDir, path), { force: true })));
        if (error instanceof Invalid) throw error;
        if ((error as Error).message?.includes('pixel limit'))
          throw new Invalid({ file: 'That image has too many pixels (50 megapixels at most).' });
        throw error;
      }
    },

    /** Saves the alt text, caption and credit. */
    async describe(
      id: number,
      details: { altText: string; caption: string; credit: string },
    ): Promise<MediaItem> {
      const item = await store.findById(id);
      if (!item) throw new NotFound('That media item does not exist.');
      await store.updateDetails(id, {
        altText: details.altText.trim().slice(0, MAX_TEXT),
        caption: details.caption.trim().slice(0, MAX_TEXT),
        credit: details.credit.trim().slice(0, MAX_TEXT),
      });
      return (await store.findById(id))!;
    },

    /** Deletes the item and its files; refuses (Conflict, naming the articles) while anything uses it. */
    async remove(id: number): Promise<void> {
      const item = await store.findById(id);
      if (!item) throw new NotFound('That media item does not exist.');
      const uses = await store.usesOf(item);
      if (uses.length > 0) {
        throw new Conflict(
          `This image is used by ${uses.length === 1 ? 'an article' : `${uses.length} articles`}: ${uses
            .map((u) => `“${u.headline}”`)
            .join(', ')}. Remove it from ${uses.length === 1 ? 'that article' : 'them'} first.`,
          { uses },
        );
      }
      await store.delete(id);
      const paths = [item.storagePath, ...item.variants.map((v) => v.path)].filter((p): p is string => !!p);
      await Promise.all(paths.map((path) => rm(join(mediaDir, path), { force: true })));
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
