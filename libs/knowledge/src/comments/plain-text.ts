// Comments are plain text, whoever shows them: the page escapes them, but an API consumer may not.
import sanitizeHtml from 'sanitize-html';
import { decodeEntities } from '@chadavkhi/platform';

const STRIP_MARKUP: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'discard' };
const MAX_STRIP_ROUNDS = 5;

/**
 * Markup and control characters out, plain text in: what is stored is what anyone typed, minus
 * tags, and it stays inert wherever it is inserted. Decoding the entities sanitize-html writes can
 * bring back a tag (typed as &lt;img …&gt;, or split as <<b>img …>), so stripping repeats until
 * nothing changes; whatever is left that could still open a tag gets a space after its "<".
 */
export function plainText(input: string): string {
  let text = input;
  for (let round = 0; round < MAX_STRIP_ROUNDS; round++) {
    const stripped = decodeEntities(sanitizeHtml(text, STRIP_MARKUP));
    if (stripped === text) break;
    text = stripped;
  }
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/<(?=[A-Za-z!/?])/g, '< ') // last, so nothing removed after it can bring a "<" next to a letter
    .trim();
}
