import { ApiProperty } from '@nestjs/swagger';

export type CertificateStatus = 'valid' | 'expired' | 'revoked' | 'pending';

export class CertificateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '7KQ2-M9TX-4HBC' }) code: string;
  @ApiProperty() holderName: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The name in Latin letters, used where the certificate is in English',
  })
  holderNameLatin: string | null;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ type: String, nullable: true }) courseTitleEn: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The final quiz score (percent), if the course has one' })
  score: number | null;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({
    enum: ['valid', 'expired', 'revoked', 'pending'],
    description: 'pending: the PDF and credential are still being made',
  })
  status: CertificateStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revocationReason: string | null;
  @ApiProperty() verifyUrl: string;
}

/** One page of the certificates of staff an HR officer or administrator manages. */
export class CertificatePageView {
  @ApiProperty({ type: [CertificateView] }) items: CertificateView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

/** What anyone may learn from a code: no personal data beyond the holder's name. */
export class VerificationView {
  @ApiProperty({ enum: ['valid', 'expired', 'revoked'] }) status: 'valid' | 'expired' | 'revoked';
  @ApiProperty() code: string;
  @ApiProperty() holderName: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The name in Latin letters, used where the certificate is in English',
  })
  holderNameLatin: string | null;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ type: String, nullable: true }) courseTitleEn: string | null;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revocationReason: string | null;
  @ApiProperty() issuer: string;
}
