// The revocation list as a BitstringStatusListCredential secured like the certificates' credentials
// (Data Integrity, eddsa-rdfc-2022, issuer = the DID). Only a revocation changes it, so it is signed
// once per change and kept in the process, keyed by the list and the time of the latest revocation,
// which is also its validFrom (never the request's time: verifiers see when it last changed).
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@chadavkhi/platform';
import { CertificatesRepository } from '../certificates/certificates.repository';
import { dateTimeToSecond } from '../linked-data/date-time';
import { CREDENTIALS_V2_CONTEXT } from '../linked-data/document-loader';
import { CredentialSecuringService } from '../open-badges/credential-securing.service';
import { statusListUrl } from '../open-badges/open-badge-credential';
import { encodeStatusList } from './bitstring-status-list';

/** How long verifiers may keep the list (the response's max-age, and the credential's ttl). */
export const STATUS_LIST_MAX_AGE_SECONDS = 300;

/** validFrom while nothing was ever revoked: a fixed time, so the list never seems to change. */
const NEVER_REVOKED = new Date('2025-01-01T00:00:00Z');

@Injectable()
export class StatusListCredentialService {
  private signed?: { key: string; credential: Promise<object> };

  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly securing: CredentialSecuringService,
    private readonly config: AppConfig,
  ) {}

  async revocationList(): Promise<object> {
    const { indexes, lastRevokedAt } = await this.certificates.revocations();
    const encodedList = encodeStatusList(indexes);
    const validFrom = dateTimeToSecond(lastRevokedAt ? new Date(lastRevokedAt) : NEVER_REVOKED);
    const key = `${validFrom} ${encodedList}`;
    if (this.signed?.key !== key) {
      const credential = this.securing.withProof(this.unsigned(encodedList, validFrom));
      this.signed = { key, credential };
      // A failed signing is not kept: the next request tries again.
      credential.catch(() => this.signed?.credential === credential && (this.signed = undefined));
    }
    return this.signed.credential;
  }

  private unsigned(encodedList: string, validFrom: string) {
    const url = statusListUrl(this.config.publicUrl);
    return {
      '@context': [CREDENTIALS_V2_CONTEXT],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: this.securing.issuer().id,
      validFrom,
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList,
        ttl: STATUS_LIST_MAX_AGE_SECONDS * 1000,
      },
    };
  }
}
