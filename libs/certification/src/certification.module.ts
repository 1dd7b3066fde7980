import { Module } from '@nestjs/common';
import { AssessmentModule } from '@chadavkhi/assessment';
import { CertificateIssuerService } from './certificates/certificate-issuer.service';
import { CertificatesController } from './certificates/certificates.controller';
import { CertificatesService } from './certificates/certificates.service';
import { SigningKeyProvider } from './signing/signing-key.provider';
import { CredentialStatusController } from './status-list/credential-status.controller';

/** Certificates: reading, verifying, revoking (HTTP), and issuing (used by the worker). */
@Module({
  imports: [AssessmentModule],
  controllers: [CertificatesController, CredentialStatusController],
  providers: [CertificatesService, CertificateIssuerService, SigningKeyProvider],
  exports: [CertificatesService, CertificateIssuerService, SigningKeyProvider],
})
export class CertificationModule {}
