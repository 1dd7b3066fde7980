// Reading, verifying and revoking certificates.
import {
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  NotFoundException,
  OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, scopeCovers, staffScopeOf } from '@chadavkhi/identity';
import { addOutboxEvent, AppConfig, FailureLimiter, Page, page, recordAudit } from '@chadavkhi/platform';
import { CertificatePdfRenderer } from '../rendering/certificate-pdf-renderer';
import { certificateArtwork } from './certificate-artwork';
import { normaliseCertificateCode } from './certificate-code';
import { CertificateRow, CertificatesRepository } from './certificates.repository';
import { CertificateStatus, CertificateView, VerificationView } from './dto/certificate.view';
import { ListCertificatesQuery } from './dto/list-certificates.query';

/** Unknown codes a minute per address before verification answers 429: enough for typos, not for guessing. */
export const VERIFY_MISSES_PER_MINUTE = 20;

export function statusOf(
  r: { revoked_at: Date | null; expires_at: Date | null },
  now = new Date(),
): 'valid' | 'expired' | 'revoked' {
  if (r.revoked_at) return 'revoked';
  if (r.expires_at && new Date(r.expires_at) <= now) return 'expired';
  return 'valid';
}

@Injectable()
export class CertificatesService implements OnModuleDestroy {
  private readonly misses: FailureLimiter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly certificates: CertificatesRepository,
    private readonly pdfs: CertificatePdfRenderer,
    private readonly config: AppConfig,
  ) {
    this.misses = new FailureLimiter(config, `${config.REDIS_PREFIX}:verify-miss`, VERIFY_MISSES_PER_MINUTE, 60);
  }

  async mine(actor: AuthUser, expiringWithinDays?: number): Promise<CertificateView[]> {
    const rows = await this.certificates.mine(actor.id, expiringWithinDays);
    return rows.map((r) => this.view(r));
  }

  /** Certificates of the staff an HR officer (their subtree) or an administrator (anyone) manages. */
  async list(actor: AuthUser, query: ListCertificatesQuery): Promise<Page<CertificateView>> {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none')
      throw new ForbiddenException('Only administrators and HR officers can list certificates of staff.');
    const within = query.agencyId ?? (scope.kind === 'subtree' ? scope.rootAgencyId : undefined);
    if (query.agencyId) {
      const path = await this.certificates.agencyPath(query.agencyId);
      if (!path) throw new NotFoundException('No agency has this id.');
      if (!scopeCovers(scope, path)) throw new ForbiddenException('That agency is outside the agencies you manage.');
    }
    const { rows, total } = await this.certificates.list({
      withinAgencyId: within,
      expiringWithinDays: query.expiringWithinDays,
      status: query.status,
      limit: query.limit,
      offset: query.offset,
    });
    return page(
      rows.map((r) => this.view(r)),
      total,
      query,
    );
  }

  async get(actor: AuthUser, id: string): Promise<CertificateView> {
    return this.view(await this.visible(actor, id));
  }

  /**
   * The PDF kept since issue; a revoked certificate's is drawn again, stamped "revoked" with the
   * date, so a copy printed from now on cannot pass for a valid one (revoked ones are few).
   */
  async pdf(actor: AuthUser, id: string): Promise<{ code: string; pdf: Buffer }> {
    const row = await this.visible(actor, id);
    if (row.revoked_at) {
      const facts = await this.certificates.factsById(row.id);
      if (facts)
        return {
          code: row.code,
          pdf: await this.pdfs.render(certificateArtwork(facts, this.config, new Date(row.revoked_at))),
        };
    }
    const pdf = await this.certificates.pdf(row.id);
    if (!pdf) throw new ConflictException('The certificate is still being prepared; try again in a moment.');
    return { code: row.code, pdf };
  }

  /** The signed credential in both forms: with its Data Integrity proof, and as a VC-JWT. */
  async credential(actor: AuthUser, id: string): Promise<{ code: string; document: object; jwt: string }> {
    const row = await this.visible(actor, id);
    const { document, jwt } = await this.certificates.securedCredential(row.id);
    if (!document || !jwt)
      throw new ConflictException('The certificate is still being prepared; try again in a moment.');
    return { code: row.code, document, jwt };
  }

  /**
   * Public check of a printed code; unknown codes count against the caller's address. Every lookup
   * takes a point first (atomically, so guesses sent at once cannot all pass) and a code that exists
   * gives it back.
   */
  async verify(input: string, ip: string): Promise<VerificationView> {
    const wait = await this.misses.take(ip);
    if (wait)
      throw new HttpException(
        {
          message: `Too many unknown codes from your address. Wait ${wait} seconds.`,
          retryAfterSeconds: wait,
          slug: 'too-many-verifications',
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    const code = normaliseCertificateCode(input);
    const row = code ? await this.certificates.byCode(code) : undefined;
    if (!row)
      throw new NotFoundException(
        'No certificate has this code. Check the letters and digits printed under the QR code.',
      );
    await this.misses.refund(ip);
    return {
      status: statusOf(row),
      code: row.code,
      holderName: row.holder_name,
      holderNameLatin: row.holder_name_latin,
      courseTitle: row.course_title,
      courseTitleEn: row.course_title_en,
      issuedAt: new Date(row.issued_at).toISOString(),
      expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
      revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
      revocationReason: row.revocation_reason,
      issuer: this.config.CERT_ISSUER_NAME,
    };
  }

  async revoke(actor: AuthUser, id: string, reason: string, ip: string | null): Promise<CertificateView> {
    await this.dataSource.transaction(async (manager) => {
      const revoked = await this.certificates.revoke(manager, id, reason);
      if (!revoked) {
        if (!(await this.certificates.exists(manager, id))) throw new NotFoundException('No certificate has this id.');
        throw new ConflictException('This certificate is already revoked.');
      }
      await addOutboxEvent(manager, 'certificate.revoked', { certificateId: id, ...revoked, reason });
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'certificate.revoke',
        { type: 'certificate', id },
        { reason },
      );
    });
    return this.view((await this.certificates.byId(id))!);
  }

  /** Status list positions of revoked certificates. */
  async revokedIndexes(): Promise<number[]> {
    return (await this.certificates.revocations()).indexes;
  }

  /** The holder, an HR officer over the holder's agency, or an administrator. */
  private async visible(actor: AuthUser, id: string): Promise<CertificateRow> {
    const row = await this.certificates.byId(id);
    if (!row) throw new NotFoundException('No certificate has this id.');
    if (row.user_id !== actor.id && !scopeCovers(staffScopeOf(actor), row.agency_path))
      throw new ForbiddenException('This certificate belongs to someone outside the agencies you manage.');
    return row;
  }

  private view(r: CertificateRow): CertificateView {
    const status: CertificateStatus = r.ready ? statusOf(r) : 'pending';
    return {
      id: r.id,
      code: r.code,
      holderName: r.holder_name,
      holderNameLatin: r.holder_name_latin,
      courseId: r.course_id,
      courseTitle: r.course_title,
      courseTitleEn: r.course_title_en,
      score: r.score === null ? null : Number(r.score),
      issuedAt: new Date(r.issued_at).toISOString(),
      expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
      status,
      revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
      revocationReason: r.revocation_reason,
      verifyUrl: `${this.config.publicUrl}/verify/${r.code}`,
    };
  }

  onModuleDestroy(): void {
    this.misses.close();
  }
}
