import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import bs58 from 'bs58';
import { addDataIntegrityProof, canonicalForm } from './data-integrity-proof';

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:6a9a4b1e-6c0b-4a55-9a53-0f8d8a4c2b11',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:web:training.example.gov.mn', type: ['Profile'], name: 'Төрийн албаны зөвлөл' },
  validFrom: '2026-03-02T04:00:00Z',
  name: 'Төрийн албаны ёс зүй',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://training.example.gov.mn/api/v1/credentials/achievements/c/v/1',
      type: ['Achievement'],
      name: 'Төрийн албаны ёс зүй',
      description: 'Ёс зүйн үндэс',
      criteria: { narrative: 'Completed' },
    },
  },
};

it('canonicalises with RDFC-1.0 to the same N-Quads whatever the order of the members', async () => {
  const { name, ...rest } = credential;
  const reordered = { name, ...rest };
  const nquads = await canonicalForm(credential);
  expect(await canonicalForm(reordered)).toBe(nquads);
  expect(nquads).toContain(
    '<urn:uuid:6a9a4b1e-6c0b-4a55-9a53-0f8d8a4c2b11> <https://www.w3.org/2018/credentials#issuer> <did:web:training.example.gov.mn> .',
  );
  expect(nquads).toContain('"2026-03-02T04:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>');
});

it('refuses a term the contexts do not define, rather than signing a document without it', async () => {
  await expect(canonicalForm({ ...credential, nickname: 'x' })).rejects.toThrow();
});

it('refuses a context it has no copy of', async () => {
  await expect(canonicalForm({ ...credential, '@context': ['https://example.org/ctx'] })).rejects.toThrow(
    /Dereferencing a URL did not result in a valid JSON-LD object.*example\.org\/ctx/,
  );
});

it('signs SHA-256(canonical proof options) then SHA-256(canonical document) with Ed25519, as eddsa-rdfc-2022 says', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const created = new Date('2026-03-02T04:00:00.123Z');
  const signed = await addDataIntegrityProof(credential, {
    verificationMethod: 'did:web:training.example.gov.mn#key-1',
    privateKey,
    created,
  });
  const [proof] = signed.proof;
  expect(proof).toEqual({
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: '2026-03-02T04:00:00Z',
    verificationMethod: 'did:web:training.example.gov.mn#key-1',
    proofPurpose: 'assertionMethod',
    proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]+$/),
  });
  const { proofValue, ...options } = proof;
  const sha256 = (text: string) => createHash('sha256').update(text).digest();
  const data = Buffer.concat([
    sha256(await canonicalForm({ '@context': credential['@context'], ...options })),
    sha256(await canonicalForm(credential)),
  ]);
  const signature = Buffer.from(bs58.decode(proofValue.slice(1)));
  expect(verify(null, data, publicKey, signature)).toBe(true);
  const tampered = Buffer.concat([data.subarray(0, 32), sha256(await canonicalForm({ ...credential, name: 'Other' }))]);
  expect(verify(null, tampered, publicKey, signature)).toBe(false);
});
