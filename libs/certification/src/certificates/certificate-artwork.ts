// What a certificate's PDF shows, from what the certificate states: drawn once when it is issued,
// and again — stamped as revoked — whenever a revoked certificate's PDF is asked for, so a printout
// made after the revocation cannot pass for a valid one.
import type { CertificateArtwork } from '../rendering/certificate-pdf';
import type { IssueFacts } from './certificates.repository';

export function certificateArtwork(
  f: IssueFacts,
  config: { publicUrl: string; CERT_ISSUER_NAME: string },
  revokedAt: Date | null = null,
): CertificateArtwork {
  return {
    holderName: f.holder_name,
    holderNameLatin: f.holder_name_latin,
    courseTitle: f.course_title,
    courseTitleEn: f.course_title_en,
    agencyName: f.agency_name_mn,
    agencyNameEn: f.agency_name_en,
    issuedAt: new Date(f.issued_at),
    expiresAt: f.expires_at ? new Date(f.expires_at) : null,
    code: f.code,
    verifyUrl: `${config.publicUrl}/verify/${f.code}`,
    issuerName: config.CERT_ISSUER_NAME,
    score: f.score === null ? null : Number(f.score),
    revokedAt,
  };
}
