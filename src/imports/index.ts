/** The public face of the import parsers: format detection, the two parsers, conversions and record types. */
export { detectFormat, type ImportFormat } from './detect-format.js';
export { parseGhost } from './ghost-parser.js';
export { ImportFormatError } from './import-format-error.js';
export type * from './import-records.js';
export {
  type ArticleStatusMapping,
  type CommentStatusMapping,
  mapGhostStatus,
  mapWordPressCommentApproval,
  mapWordPressStatus,
} from './import-status.js';
export { type ConvertedEditorContent, lexicalToHtml } from './lexical-to-html.js';
export { mobiledocToHtml } from './mobiledoc-to-html.js';
export {
  type ConvertedShortcodes,
  type ConvertedWordPressContent,
  convertShortcodes,
  convertWordPressContent,
  type GalleryImage,
  resolveGalleries,
  stripBlockComments,
  wpautop,
} from './wordpress-content.js';
export { parseWxr } from './wxr-parser.js';
