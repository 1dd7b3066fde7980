// What a certificate is drawn from, for the rendering specs: a Mongolian holder at the tax
// department, a bilingual course and issuer.
import type { CertificateArtwork } from '../../libs/certification/src/rendering/certificate-pdf';

export function sampleArtwork(
  holderName: string,
  code: string,
  overrides: Partial<CertificateArtwork> = {},
): CertificateArtwork {
  return {
    holderName,
    courseTitle: 'Төрийн албаны ёс зүй',
    courseTitleEn: 'Civil service ethics',
    agencyName: 'Татварын ерөнхий газар',
    agencyNameEn: 'General Department of Taxation',
    issuedAt: new Date('2026-03-02T04:00:00Z'),
    expiresAt: new Date('2028-03-02T04:00:00Z'),
    code,
    verifyUrl: `https://chadavkhi.example.mn/verify/${code}`,
    issuerName: 'Төрийн албаны зөвлөл · Civil Service Council',
    score: 92,
    ...overrides,
  };
}
