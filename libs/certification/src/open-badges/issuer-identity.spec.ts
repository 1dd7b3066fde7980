import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import { didDocument, didWeb, ed25519Multibase } from './issuer-identity';

it('derives did:web from the public URL: port percent-encoded, path segments after colons', () => {
  expect(didWeb('https://training.example.gov.mn')).toBe('did:web:training.example.gov.mn');
  expect(didWeb('http://127.0.0.1:3000')).toBe('did:web:127.0.0.1%3A3000');
  expect(didWeb('https://gov.mn/training/lms')).toBe('did:web:gov.mn:training:lms');
});

it('lists an Ed25519 key as a Multikey (z6Mk…) and a P-256 key as a JsonWebKey, each able to assert', () => {
  const ed = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as JWK;
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as JWK;
  const document = didDocument('https://training.example.gov.mn', [
    { ...ed, kid: 'ed-kid', alg: 'EdDSA', use: 'sig' },
    { ...ec, kid: 'ec-kid', alg: 'ES256', use: 'sig' },
  ]);
  expect(ed25519Multibase(ed)).toMatch(/^z6Mk/);
  expect(document.verificationMethod).toEqual([
    {
      id: 'did:web:training.example.gov.mn#ed-kid',
      type: 'Multikey',
      controller: 'did:web:training.example.gov.mn',
      publicKeyMultibase: ed25519Multibase(ed),
    },
    {
      id: 'did:web:training.example.gov.mn#ec-kid',
      type: 'JsonWebKey',
      controller: 'did:web:training.example.gov.mn',
      publicKeyJwk: { ...ec, alg: 'ES256' },
    },
  ]);
  expect(document.assertionMethod).toEqual([
    'did:web:training.example.gov.mn#ed-kid',
    'did:web:training.example.gov.mn#ec-kid',
  ]);
});
