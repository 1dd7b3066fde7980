// Sign-ins in flight at a provider (the OAuth state or SAML request id, with the nonce, the PKCE
// verifier and where to go afterwards), each usable once and for a few minutes; and the one-time
// answers already accepted (SAML assertion ids), so a replayed one is refused.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ProviderSignInRequest {
  /** The OAuth `state` or the SAML AuthnRequest ID: random, at least 16 characters. */
  id: string;
  providerId: string;
  nonce?: string | null;
  codeVerifier?: string | null;
  nextPath?: string | null;
}

/** How long a person has to come back from the provider. */
export const SIGN_IN_REQUEST_MINUTES = 10;

@Injectable()
export class ProviderRequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Remembers a sign-in sent to a provider, clearing ones that ran out. */
  async save(request: ProviderSignInRequest): Promise<void> {
    await this.dataSource.query(
      `WITH old AS (DELETE FROM provider_sign_in_requests WHERE expires_at < now())
       INSERT INTO provider_sign_in_requests (id, provider_id, nonce, code_verifier, next_path, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
      [
        request.id,
        request.providerId,
        request.nonce ?? null,
        request.codeVerifier ?? null,
        request.nextPath ?? null,
        SIGN_IN_REQUEST_MINUTES,
      ],
    );
  }

  /** Takes (and so uses up) a request of this provider that has not run out; undefined otherwise. */
  async take(providerId: string, id: string): Promise<ProviderSignInRequest | undefined> {
    const [rows]: [
      {
        id: string;
        provider_id: string;
        nonce: string | null;
        code_verifier: string | null;
        next_path: string | null;
      }[],
    ] = await this.dataSource.query(
      `DELETE FROM provider_sign_in_requests WHERE id = $1 AND provider_id = $2 AND expires_at > now()
         RETURNING id, provider_id, nonce, code_verifier, next_path`,
      [id, providerId],
    );
    const r = rows[0];
    return (
      r && { id: r.id, providerId: r.provider_id, nonce: r.nonce, codeVerifier: r.code_verifier, nextPath: r.next_path }
    );
  }

  /** Records a one-time answer as used; false when it had been used already (a replay). */
  async useOnce(providerId: string, assertionId: string, expiresAt: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH old AS (DELETE FROM used_provider_assertions WHERE expires_at < now())
       INSERT INTO used_provider_assertions (provider_id, assertion_id, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING assertion_id`,
      [providerId, assertionId, expiresAt],
    );
    return rows.length > 0;
  }
}
