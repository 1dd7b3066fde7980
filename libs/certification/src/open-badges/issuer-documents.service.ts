// The public documents a verifier dereferences from a credential: the issuer's DID document and
// Profile, an achievement by its id, and a signing key by the kid of a VC-JWT.
import { Injectable, NotFoundException } from '@nestjs/common';
import type { JWK } from 'jose';
import { AppConfig } from '@chadavkhi/platform';
import { CertificatesRepository } from '../certificates/certificates.repository';
import { CREDENTIALS_V2_CONTEXT, OPEN_BADGES_CONTEXT } from '../linked-data/document-loader';
import { SigningKeysService } from '../signing/signing-keys.service';
import { achievement } from './achievement';
import { didDocument, issuerProfileDocument } from './issuer-identity';

/** Course versions are numbered from 1; a number past PostgreSQL's integer is no version either. */
const MAX_VERSION = 2_147_483_647;

@Injectable()
export class IssuerDocumentsService {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly keys: SigningKeysService,
    private readonly config: AppConfig,
  ) {}

  async didDocument() {
    return didDocument(this.config.publicUrl, (await this.keys.jwks()).keys);
  }

  issuerProfile() {
    return issuerProfileDocument(this.config.publicUrl, this.config.CERT_ISSUER_NAME);
  }

  async achievement(courseId: string, version: number) {
    const published =
      version >= 1 && version <= MAX_VERSION ? await this.certificates.publishedVersion(courseId, version) : undefined;
    if (!published) throw new NotFoundException('No published course version has this course id and number.');
    return {
      '@context': [CREDENTIALS_V2_CONTEXT, OPEN_BADGES_CONTEXT],
      ...achievement({ publicUrl: this.config.publicUrl, courseId, version, ...published }),
    };
  }

  async publicKey(kid: string): Promise<JWK> {
    const jwk = await this.keys.publicKey(kid);
    if (!jwk) throw new NotFoundException('No key that signed credentials here has this id.');
    return jwk;
  }
}
