import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export type CertificateStatus = 'valid' | 'expired' | 'revoked' | 'pending';

export class CertificateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '7KQ2-M9TX-4HBC' }) code: string;
  @ApiProperty() holderName: string;
  @ApiPropertyOptional({
    nullable: true,
    description: 'The name in Latin letters, used where the certificate is in English',
  })
  holderNameLatin: string | null;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() courseTitle: string;
  @ApiPropertyOptional({ nullable: true }) courseTitleEn: string | null;
  @ApiPropertyOptional({ nullable: true }) score: number | null;
  @ApiProperty() issuedAt: string;
  @ApiPropertyOptional({ nullable: true }) expiresAt: string | null;
  @ApiProperty({
    enum: ['valid', 'expired', 'revoked', 'pending'],
    description: 'pending: the PDF and credential are still being made',
  })
  status: CertificateStatus;
  @ApiPropertyOptional({ nullable: true }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) revocationReason: string | null;
  @ApiProperty() verifyUrl: string;
}

/** What anyone may learn from a code: no personal data beyond the holder's name. */
export class VerificationView {
  @ApiProperty({ enum: ['valid', 'expired', 'revoked'] }) status: 'valid' | 'expired' | 'revoked';
  @ApiProperty() code: string;
  @ApiProperty() holderName: string;
  @ApiPropertyOptional({
    nullable: true,
    description: 'The name in Latin letters, used where the certificate is in English',
  })
  holderNameLatin: string | null;
  @ApiProperty() courseTitle: string;
  @ApiPropertyOptional({ nullable: true }) courseTitleEn: string | null;
  @ApiProperty() issuedAt: string;
  @ApiPropertyOptional({ nullable: true }) expiresAt: string | null;
  @ApiPropertyOptional({ nullable: true }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) revocationReason: string | null;
  @ApiProperty() issuer: string;
}
