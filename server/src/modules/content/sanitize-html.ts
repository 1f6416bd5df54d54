import sanitizeHtml from 'sanitize-html';

const IMAGE_SRC = /^(?:https?:\/\/[^\s/]+)?\/api\/uploads\/[0-9a-f]{64}$|^https?:\/\/\S+$/i;

// An allow-list, not a deny-list: anything not named here (script, iframe, on* handlers, style,
// javascript: URLs) is removed. Images and links only over http(s).
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'p', 'br', 'hr', 'blockquote', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup',
    'span', 'a', 'img', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'section',
  ],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // An image needs a source a reader can load: an http(s) URL (the operator page's editor inserts
  // its uploads as <origin>/api/uploads/<sha-256>), or an upload of ours by its path; anything
  // else (a bare file name, a data: or blob: URL pasted from elsewhere) is dropped with its tag.
  exclusiveFilter: (frame) => frame.tag === 'img' && !IMAGE_SRC.test(frame.attribs.src ?? ''),
};

/** Article HTML as readers may receive it: no script, no event handler, no foreign scheme. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** Whether sanitised HTML says anything: some text or an image (the editor's empty "<p><br></p>" does not). */
export function hasArticleContent(html: string): boolean {
  return /<img\s/i.test(html) || sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/&nbsp;|\s/g, '') !== '';
}
