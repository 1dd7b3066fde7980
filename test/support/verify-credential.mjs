// What an outside verifier does with our credentials, using libraries the product does not sign
// with: Digital Bazaar's vc + eddsa-rdfc-2022 (Data Integrity), vc-bitstring-status-list (status),
// jsonwebtoken (VC-JWT, ES256 only) and ajv (1EdTech's JSON Schema, draft 2019-09). Run as a child
// process by the Open Badges test (these are ES modules). Reads one request as JSON from the file
// named by argv[2] and prints the result as JSON.
//
// The document loader resolves only: the contexts from this test's own copies (credentials v2 from
// @digitalbazaar/credentials-context, OB 3.0.3 from test/fixtures/open-badges/), did:web DIDs of
// the test server, and URLs of the test server over HTTP. did:web mandates https; the test server
// speaks plain http on 127.0.0.1, so did:web:127.0.0.1%3A<port> is resolved at http://127.0.0.1:<port>/.well-known/did.json.
import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contexts as credentialContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import jwt from 'jsonwebtoken';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/open-badges');
const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const server = new URL(request.serverUrl);

const contexts = new Map([
  ['https://www.w3.org/ns/credentials/v2', credentialContexts.get('https://www.w3.org/ns/credentials/v2')],
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    JSON.parse(readFileSync(join(fixtures, 'context-3.0.3.json'), 'utf8')),
  ],
]);

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/** did:web:<host> → http://<host>/.well-known/did.json (http only because the test server is local). */
function didWebUrl(did) {
  const [host, ...path] = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  if (host !== server.host) throw new Error(`Not the test server's DID: ${did}`);
  return path.length ? `http://${host}/${path.join('/')}/did.json` : `http://${host}/.well-known/did.json`;
}

async function documentLoader(url) {
  if (contexts.has(url)) return { contextUrl: null, documentUrl: url, document: contexts.get(url) };
  if (url.startsWith('did:web:')) {
    const [did, fragment] = url.split('#');
    const didDocument = await fetchJson(didWebUrl(did));
    if (didDocument.id !== did) throw new Error(`DID document ${didDocument.id} is not ${did}`);
    if (!fragment) return { contextUrl: null, documentUrl: url, document: didDocument };
    const method = didDocument.verificationMethod.find((m) => m.id === url);
    if (!method) throw new Error(`No verification method ${url}`);
    return { contextUrl: null, documentUrl: url, document: { '@context': didDocument['@context'], ...method } };
  }
  if (new URL(url).origin === server.origin)
    return { contextUrl: null, documentUrl: url, document: await fetchJson(url) };
  throw new Error(`The verifier's document loader does not resolve ${url}`);
}

const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

const errorText = (error) =>
  error &&
  [error.message, ...(error.errors ?? []).map(errorText), error.cause && errorText(error.cause)]
    .filter(Boolean)
    .join('; ');

async function verifyCredential({ credential }) {
  const result = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    checkStatus: (options) =>
      checkStatus({ ...options, verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true }),
  });
  return { verified: result.verified, error: errorText(result.error) };
}

async function credentialStatus({ credential }) {
  const result = await checkStatus({
    credential,
    documentLoader,
    suite,
    verifyBitstringStatusListCredential: true,
    verifyMatchingIssuers: true,
  });
  return { verified: result.verified, revoked: result.results?.[0]?.status, error: errorText(result.error) };
}

async function verifyJwt({ token }) {
  const { header } = jwt.decode(token, { complete: true });
  if (new URL(header.kid).origin !== server.origin) throw new Error(`kid ${header.kid} is not on the test server`);
  const response = await fetch(header.kid);
  const key = createPublicKey({ key: await response.json(), format: 'jwk' });
  try {
    return {
      verified: true,
      header,
      contentType: response.headers.get('content-type'),
      payload: jwt.verify(token, key, { algorithms: ['ES256'] }),
    };
  } catch (error) {
    return { verified: false, header, error: error.message };
  }
}

function validateSchema({ credential }) {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(join(fixtures, 'ob_v3p0_achievementcredential_schema.json'), 'utf8')),
  );
  return { valid: validate(credential), errors: validate.errors ?? [] };
}

const commands = { verifyCredential, credentialStatus, verifyJwt, validateSchema };
process.stdout.write(JSON.stringify(await commands[request.command](request)));
