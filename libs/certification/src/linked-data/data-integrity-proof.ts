// The eddsa-rdfc-2022 cryptosuite of W3C's Data Integrity EdDSA Cryptosuites v1.0 (§3.3), create
// proof only: both the proof options and the document are canonicalised with RDFC-1.0, each hashed
// with SHA-256, and the proof options' hash followed by the document's is signed with Ed25519. The
// proofValue is the signature in multibase base58btc ("z…").
import { createHash, KeyObject, sign } from 'node:crypto';
import bs58 from 'bs58';
import * as jsonld from 'jsonld';
import { dateTimeToSecond } from './date-time';
import { staticDocumentLoader } from './document-loader';

export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

export interface ProofOptions {
  /** The DID URL of the Ed25519 key, as the issuer's DID document lists it under assertionMethod. */
  verificationMethod: string;
  privateKey: KeyObject;
  created: Date;
}

type Unsecured = { '@context': unknown[] } & Record<string, unknown>;

/** jsonld 9's canonize options (its published types still describe version 1). */
interface CanonizeOptions {
  format: 'application/n-quads';
  safe: boolean;
  documentLoader: typeof staticDocumentLoader;
  canonizeOptions: { algorithm: 'RDFC-1.0' };
}
const canonize = jsonld.canonize as unknown as (document: object, options: CanonizeOptions) => Promise<string>;

/** RDFC-1.0 canonical N-Quads of a JSON-LD document, its contexts read only from the vendored copies. */
export function canonicalForm(document: object): Promise<string> {
  return canonize(document, {
    format: 'application/n-quads',
    // safe mode: a term the contexts do not define fails canonicalisation instead of being signed as nothing
    safe: true,
    documentLoader: staticDocumentLoader,
    canonizeOptions: { algorithm: 'RDFC-1.0' },
  });
}

/** The document with a `proof` holding its one proof (an array: OB 3.0's schema wants one). */
export async function addDataIntegrityProof<T extends Unsecured>(
  document: T,
  options: ProofOptions,
): Promise<T & { proof: DataIntegrityProof[] }> {
  const proofConfig = {
    type: 'DataIntegrityProof' as const,
    cryptosuite: 'eddsa-rdfc-2022' as const,
    created: dateTimeToSecond(options.created),
    verificationMethod: options.verificationMethod,
    proofPurpose: 'assertionMethod' as const,
  };
  const [proofHash, documentHash] = await Promise.all([
    canonicalForm({ '@context': document['@context'], ...proofConfig }).then(sha256),
    canonicalForm(document).then(sha256),
  ]);
  const signature = sign(null, Buffer.concat([proofHash, documentHash]), options.privateKey);
  const proofValue = `z${bs58.encode(signature)}`;
  return { ...document, proof: [{ ...proofConfig, proofValue }] };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
