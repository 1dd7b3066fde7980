// Markdown written by users (lessons, knowledge documents) → HTML that is safe to show: markdown-it with raw HTML off, then sanitize-html as
// a second fence (no scripts, no event handlers, only http(s)/mailto links, images only from the sources imageSource allows).
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

/** A knowledge document's own attachment: a plain read of a stored file (typed, sandboxed), so a document may show its images. */
const ATTACHMENT_PATH = /^\/api\/v1\/knowledge\/documents\/[0-9a-f-]{36}\/attachments\/[0-9a-f-]{36}$/;
const INLINE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/;
const SITE = 'https://site.invalid';

/**
 * Where an image may come from, as the browser will ask for it, or undefined to show its alt text
 * instead. The browser fetches an image with the reader's cookie, so a same-site source must be a
 * GET that changes nothing: the static files under /assets/ and document attachments, never another
 * /api route or page (a lesson image of /api/v1/agencies/:id/staff.csv made an admin's browser
 * export staff data). Inline data: images are self-contained. Images on other sites are not
 * allowed: the page's CSP (img-src 'self' data:) would not show them, and their host would learn
 * who read what.
 */
export function imageSource(src: string | undefined): string | undefined {
  if (!src) return undefined;
  if (INLINE_IMAGE.test(src)) return src;
  if (!src.startsWith('/') || src.startsWith('//') || /[\\\s]|%5c/i.test(src)) return undefined;
  let url: URL;
  try {
    url = new URL(src, SITE); // resolves "..", "%2e%2e" and the like as the browser will
  } catch {
    return undefined;
  }
  const path = url.pathname;
  return url.origin === SITE && !url.search && (path.startsWith('/assets/') || ATTACHMENT_PATH.test(path))
    ? path
    : undefined;
}

// An image from a source imageSource refuses is shown as its alt text.
const renderImage = markdown.renderer.rules.image!;
markdown.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = imageSource(String(token.attrGet('src') ?? ''));
  if (!src) return markdown.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
  token.attrSet('src', src);
  return renderImage(tokens, idx, options, env, self);
};

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    's',
    'del',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
  exclusiveFilter: (frame) => frame.tag === 'img' && imageSource(frame.attribs.src) !== frame.attribs.src,
};
POLICY.allowedAttributes = { ...POLICY.allowedAttributes, a: ['href', 'title', 'rel', 'target'] };

export function renderSafeMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), POLICY);
}

/** The words of a Markdown text without markup, for search indexes and snippets. */
export function markdownToText(source: string): string {
  const html = markdown.render(source).replace(/<\/(p|h[1-6]|li|tr|blockquote|pre)>/g, '$&\n');
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text)
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Undoes the five entities sanitize-html writes, so plain text stays plain (it is escaped again on output). */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|#39|#x27);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]!,
  );
}
