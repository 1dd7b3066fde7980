import { newCertificateCode, normaliseCertificateCode } from './certificate-code';

it('makes distinct typeable codes with 60 random bits', () => {
  const codes = new Set(Array.from({ length: 2000 }, newCertificateCode));
  expect(codes.size).toBe(2000);
  for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
});

it('accepts what people type', () => {
  expect(normaliseCertificateCode('ab12 cd34 ef56')).toBe('AB12-CD34-EF56');
  expect(normaliseCertificateCode('ab12-cdo4-ef5l')).toBe('AB12-CD04-EF51');
  expect(normaliseCertificateCode('too-short')).toBeUndefined();
  expect(normaliseCertificateCode('AB12-CD34-EF5U')).toBeUndefined();
});
