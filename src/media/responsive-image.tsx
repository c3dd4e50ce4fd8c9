/**
 * An image with its responsive renditions: AVIF and WebP sources first, the original format as the
 * fallback, so each browser downloads the smallest file it can show at the width the layout gives it.
 */
import { h, type SafeHtml } from '../views/jsx.js';
import { type MediaItem, MIME_TYPES, srcsets } from './media.js';

// Modern formats first: a browser takes the first <source> whose type it supports.
const SOURCE_ORDER = [MIME_TYPES.avif, MIME_TYPES.webp];

/** The article column is at most about 45rem wide; narrower screens use the full width. */
export const ARTICLE_IMAGE_SIZES = '(min-width: 48rem) 45rem, 100vw';

export function ResponsiveImage(props: {
  src: string;
  alt: string;
  /** The stored item behind `src`, when it is one of ours; without it the plain image is shown. */
  media: Pick<MediaItem, 'width' | 'height' | 'variants' | 'mimeType'> | null;
  sizes: string;
  loading?: 'lazy' | 'eager';
  class?: string;
}): SafeHtml {
  const { media } = props;
  const sets = media ? srcsets(media.variants) : {};
  const fallback = media
    ? sets[media.mimeType === MIME_TYPES.gif ? MIME_TYPES.png : media.mimeType]
    : undefined;
  const img = (
    <img
      class={props.class}
      src={props.src}
      srcset={fallback}
      sizes={fallback ? props.sizes : undefined}
      width={media?.width ?? undefined}
      height={media?.height ?? undefined}
      alt={props.alt}
      loading={props.loading}
      decoding="async"
    />
  );
  const sources = SOURCE_ORDER.filter((mime) => sets[mime]);
  if (sources.length === 0) return img;
  return (
    <picture>
      {sources.map((mime) => (
        <source type={mime} srcset={sets[mime]} sizes={props.sizes} />
      ))}
      {img}
    </picture>
  );
}
