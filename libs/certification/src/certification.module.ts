import { Module } from '@nestjs/common';
import { AssessmentModule } from '@chadavkhi/assessment';
import { CertificateIssuerService } from './certificates/certificate-issuer.service';
import { CertificateRecertificationService } from './certificates/certificate-recertification.service';
import { CertificatesController } from './certificates/certificates.controller';
import { CertificatesRepository } from './certificates/certificates.repository';
import { CertificatesService } from './certificates/certificates.service';
import { CredentialSecuringService } from './open-badges/credential-securing.service';
import { IssuerDocumentsController } from './open-badges/issuer-documents.controller';
import { IssuerDocumentsService } from './open-badges/issuer-documents.service';
import { CertificatePdfRenderer } from './rendering/certificate-pdf-renderer';
import { SigningKeyProvider } from './signing/signing-key.provider';
import { SigningKeysRepository } from './signing/signing-keys.repository';
import { SigningKeysService } from './signing/signing-keys.service';
import { CredentialStatusController } from './status-list/credential-status.controller';
import { StatusListCredentialService } from './status-list/status-list-credential.service';

/** Certificates: reading, verifying, revoking (HTTP), and issuing (used by the worker). */
@Module({
  imports: [AssessmentModule],
  controllers: [CertificatesController, CredentialStatusController, IssuerDocumentsController],
  providers: [
    CertificatesRepository,
    SigningKeysRepository,
    CertificatesService,
    CertificateIssuerService,
    CertificateRecertificationService,
    SigningKeyProvider,
    SigningKeysService,
    CertificatePdfRenderer,
    CredentialSecuringService,
    StatusListCredentialService,
    IssuerDocumentsService,
  ],
  // The repository is exported for the worker module's sweeper only; nothing outside this lib can name it.
  exports: [
    CertificatesService,
    CertificateIssuerService,
    CertificateRecertificationService,
    SigningKeysService,
    IssuerDocumentsService,
    CertificatesRepository,
  ],
})
export class CertificationModule {}
