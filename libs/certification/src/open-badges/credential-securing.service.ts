// Secures credentials in the two forms verifiers take: an embedded Data Integrity proof
// (eddsa-rdfc-2022, the Ed25519 key named by its DID URL) and the VC-JWT (ES256, its kid a URL
// serving the JWK). Both keys come from SigningKeyProvider; this only says how they are used.
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@chadavkhi/platform';
import { addDataIntegrityProof, DataIntegrityProof } from '../linked-data/data-integrity-proof';
import { SigningKeyProvider } from '../signing/signing-key.provider';
import { didWeb, issuerProfile, IssuerProfile, publicKeyUrl, verificationMethodId } from './issuer-identity';
import { OpenBadgeCredential, signVcJwt } from './open-badge-credential';

export interface SecuredCredential {
  /** The credential with its Data Integrity proof. */
  document: OpenBadgeCredential & { proof: DataIntegrityProof[] };
  jwt: string;
  /** The kid (thumbprint) of the key that signed the JWT. */
  jwtKid: string;
}

@Injectable()
export class CredentialSecuringService {
  constructor(
    private readonly keys: SigningKeyProvider,
    private readonly config: AppConfig,
  ) {}

  issuer(): IssuerProfile {
    return issuerProfile(this.config.publicUrl, this.config.CERT_ISSUER_NAME);
  }

  /** The document with a Data Integrity proof made now with the current Ed25519 key. */
  async withProof<T extends { '@context': unknown[] }>(document: T): Promise<T & { proof: DataIntegrityProof[] }> {
    const key = await this.keys.dataIntegrityKey();
    return addDataIntegrityProof(document, {
      verificationMethod: verificationMethodId(didWeb(this.config.publicUrl), key.kid),
      privateKey: key.privateKey,
      created: new Date(),
    });
  }

  async secure(credential: OpenBadgeCredential): Promise<SecuredCredential> {
    const [document, jwtKey] = await Promise.all([this.withProof(credential), this.keys.jwtKey()]);
    const jwt = await signVcJwt(document, {
      privateKey: jwtKey.privateKey,
      keyUrl: publicKeyUrl(this.config.publicUrl, jwtKey.kid),
    });
    return { document, jwt, jwtKid: jwtKey.kid };
  }
}
