// Certification's public surface.
export { CertificationModule } from './certification.module';
export { CertificationWorkerModule } from './certification-worker.module';
export { WellKnownModule } from './well-known.module';
export { CertificatesService, statusOf, VERIFY_MISSES_PER_MINUTE } from './certificates/certificates.service';
export { CertificateIssuerService } from './certificates/certificate-issuer.service';
export {
  SigningKeyProvider,
  generateSigningJwk,
  ensureLocalSigningKey,
  signingKeyFile,
} from './signing/signing-key.provider';
export { CertificateView, VerificationView } from './certificates/dto/certificate.view';
export { normaliseCertificateCode } from './certificates/certificate-code';
