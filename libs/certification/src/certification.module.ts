import { Module } from '@nestjs/common';
import { AssessmentModule } from '@chadavkhi/assessment';
import { CertificateIssuerService } from './certificates/certificate-issuer.service';
import { CertificateRecertificationService } from './certificates/certificate-recertification.service';
import { CertificatesController } from './certificates/certificates.controller';
import { CertificatesService } from './certificates/certificates.service';
import { CertificatePdfRenderer } from './rendering/certificate-pdf-renderer';
import { SigningKeyProvider } from './signing/signing-key.provider';
import { CredentialStatusController } from './status-list/credential-status.controller';

/** Certificates: reading, verifying, revoking (HTTP), and issuing (used by the worker). */
@Module({
  imports: [AssessmentModule],
  controllers: [CertificatesController, CredentialStatusController],
  providers: [
    CertificatesService,
    CertificateIssuerService,
    CertificateRecertificationService,
    SigningKeyProvider,
    CertificatePdfRenderer,
  ],
  exports: [CertificatesService, CertificateIssuerService, CertificateRecertificationService, SigningKeyProvider],
})
export class CertificationModule {}
