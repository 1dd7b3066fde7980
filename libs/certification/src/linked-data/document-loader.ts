// The JSON-LD document loader the Data Integrity proofs are made with: the contexts our credentials
// name, read from the vendored copies (see contexts/README.md). Anything else is refused, so
// canonicalisation never reaches the network and a credential cannot name a context we did not review.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CREDENTIALS_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OPEN_BADGES_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const files: Record<string, string> = {
  [CREDENTIALS_V2_CONTEXT]: 'credentials-v2.json',
  [OPEN_BADGES_CONTEXT]: 'ob-3.0.3.json',
};

const contexts = new Map<string, unknown>();

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export async function staticDocumentLoader(url: string): Promise<RemoteDocument> {
  const file = files[url];
  if (!file) throw new Error(`No vendored JSON-LD context for ${url}`);
  if (!contexts.has(url)) contexts.set(url, JSON.parse(readFileSync(join(__dirname, 'contexts', file), 'utf8')));
  return { contextUrl: null, documentUrl: url, document: contexts.get(url) };
}
