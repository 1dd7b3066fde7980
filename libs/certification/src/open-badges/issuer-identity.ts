// Who issues credentials here, as verifiers resolve it: a did:web DID derived from PUBLIC_URL (its
// DID document lists every signing key ever used), and the OB 3.0 Profile that names the issuer.
import type { JWK } from 'jose';
import bs58 from 'bs58';
import { CREDENTIALS_V2_CONTEXT, OPEN_BADGES_CONTEXT } from '../linked-data/document-loader';

/** did:web of the public URL: the port percent-encoded, path segments after colons (DID Web method §3.2). */
export function didWeb(publicUrl: string): string {
  const url = new URL(publicUrl);
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', encodeURIComponent(url.host), ...path].join(':');
}

/** A key's DID URL: the DID and the key's thumbprint (its kid) as fragment, stable for the key's life. */
export function verificationMethodId(did: string, kid: string): string {
  return `${did}#${kid}`;
}

export function issuerProfileUrl(publicUrl: string): string {
  return `${publicUrl}/api/v1/credentials/issuer`;
}

/** Where one public key is served as a JWK: the kid of the VC-JWT header, which OB 3.0 wants dereferenceable over HTTP. */
export function publicKeyUrl(publicUrl: string, kid: string): string {
  return `${publicUrl}/api/v1/credentials/keys/${encodeURIComponent(kid)}`;
}

export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url: string;
}

export function issuerProfile(publicUrl: string, issuerName: string): IssuerProfile {
  return { id: didWeb(publicUrl), type: ['Profile'], name: issuerName, url: publicUrl };
}

/** The Profile as a JSON-LD document of its own, for the URL the DID document points to. */
export function issuerProfileDocument(publicUrl: string, issuerName: string) {
  return { '@context': [CREDENTIALS_V2_CONTEXT, OPEN_BADGES_CONTEXT], ...issuerProfile(publicUrl, issuerName) };
}

/** Multikey's form of an Ed25519 public key: base58btc of the multicodec prefix 0xed01 and the 32 key bytes. */
export function ed25519Multibase(jwk: JWK): string {
  return `z${bs58.encode(Buffer.concat([Buffer.from([0xed, 0x01]), Buffer.from(jwk.x!, 'base64url')]))}`;
}

function verificationMethod(did: string, jwk: JWK) {
  const id = verificationMethodId(did, jwk.kid!);
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519')
    return { id, type: 'Multikey', controller: did, publicKeyMultibase: ed25519Multibase(jwk) };
  const { kid: _kid, use: _use, ...publicKeyJwk } = jwk;
  return { id, type: 'JsonWebKey', controller: did, publicKeyJwk };
}

/** The DID document: every key as a verification method, all of them able to assert credentials. */
export function didDocument(publicUrl: string, keys: JWK[]) {
  const did = didWeb(publicUrl);
  const methods = keys.map((jwk) => verificationMethod(did, jwk));
  return {
    '@context': [
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
      'https://w3id.org/security/jwk/v1',
    ],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
    service: [{ id: `${did}#issuer-profile`, type: 'IssuerProfile', serviceEndpoint: issuerProfileUrl(publicUrl) }],
  };
}
