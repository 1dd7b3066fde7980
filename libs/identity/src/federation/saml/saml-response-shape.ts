// A single linear pass over a posted SAML response before any XML library sees it. The libraries
// behind node-saml are not linear on every input (xmldom on thousands of comments, the XPath that
// looks for a Signature among an element's children on thousands of siblings: seconds of CPU for a
// 100 KiB post, with the event loop blocked), so a shape no IdP sends is refused first, cheaply.

/** Far above a real login response (tens of elements; a few hundred with many group attributes). */
export const SAML_MAX_ELEMENTS = 2000;
export const SAML_MAX_DEPTH = 30;
/** The Response and the Assertion hold a handful of children each (Issuer, Signature, Subject, …). */
export const SAML_MAX_TOP_CHILDREN = 50;

/** Why this XML is not the shape of a SAML response, or null when it may be read. */
export function samlShapeProblem(xml: string): string | null {
  let elements = 0;
  // children[d]: how many children the open element at depth d has (only depths 0 and 1 are bounded).
  const children: number[] = [];
  let depth = 0;
  let i = xml.indexOf('<');
  while (i !== -1) {
    const next = xml[i + 1];
    if (next === '?') {
      // Only the XML declaration, at the very start.
      if (elements > 0 || xml.slice(0, i).trim() || !xml.startsWith('<?xml', i)) return 'a processing instruction';
      const end = xml.indexOf('?>', i);
      if (end === -1) return 'an unfinished XML declaration';
      i = xml.indexOf('<', end + 2);
      continue;
    }
    if (next === '!') {
      if (xml.startsWith('<![CDATA[', i)) {
        const end = xml.indexOf(']]>', i);
        if (end === -1) return 'an unfinished CDATA section';
        i = xml.indexOf('<', end + 3);
        continue;
      }
      // A DTD could declare entities; a comment is how the 2018 NameID truncation attacks were built.
      return xml.startsWith('<!--', i) ? 'an XML comment' : 'a DTD';
    }
    const end = tagEnd(xml, i);
    if (end === -1) return 'an unfinished tag';
    if (next === '/') {
      depth--;
      if (depth < 0) return 'an end tag without its start';
    } else {
      if (++elements > SAML_MAX_ELEMENTS) return `over ${SAML_MAX_ELEMENTS} elements`;
      if (depth > 0 && depth <= 2 && ++children[depth - 1] > SAML_MAX_TOP_CHILDREN)
        return `an element near the root with over ${SAML_MAX_TOP_CHILDREN} children`;
      if (xml[end - 1] !== '/') {
        children[depth] = 0;
        if (++depth > SAML_MAX_DEPTH) return `elements nested over ${SAML_MAX_DEPTH} deep`;
      }
    }
    i = xml.indexOf('<', end + 1);
  }
  return elements ? null : 'no element at all';
}

/** The `>` closing the tag that opens at `start`, skipping quoted attribute values (which may hold `>`). */
function tagEnd(xml: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
    else if (c === '<') return -1;
  }
  return -1;
}
