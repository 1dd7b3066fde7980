// Certification's public surface.
export { CertificationModule } from './certification.module';
export { CertificationWorkerModule } from './certification-worker.module';
export { WellKnownModule } from './well-known.module';
export { CertificatesService, VERIFY_MISSES_PER_MINUTE } from './certificates/certificates.service';
export { CertificateIssuerService } from './certificates/certificate-issuer.service';
export { SigningKeysService } from './signing/signing-keys.service';
export { generateSigningJwk, SIGNING_KEY_KINDS } from './signing/signing-key.provider';
export { CertificateView, VerificationView } from './certificates/dto/certificate.view';
