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
import { decodeJwt } from 'jose';
import { DataSource } from 'typeorm';
import { AuthUser, scopeCovers, staffScopeOf } from '@chadavkhi/identity';
import { addOutboxEvent, AppConfig, FailureLimiter, Page, page, recordAudit } from '@chadavkhi/platform';
import { normaliseCertificateCode } from './certificate-code';
import { CertificateStatus, CertificateView, VerificationView } from './dto/certificate.view';
import { ListCertificatesQuery } from './dto/list-certificates.query';

interface CertificateRow {
  id: string;
  code: string;
  user_id: string;
  agency_id: string;
  agency_path: string[];
  course_id: string;
  holder_name: string;
  course_title: string;
  course_title_en: string | null;
  score: string | null;
  issued_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  revocation_reason: string | null;
  ready: boolean;
}

const SELECT = `SELECT c.id, c.code, c.user_id, c.agency_id, a.path AS agency_path, c.course_id, c.holder_name, c.course_title, c.course_title_en,
                       c.score, c.issued_at, c.expires_at, c.revoked_at, c.revocation_reason, (c.pdf IS NOT NULL AND c.credential_jwt IS NOT NULL) AS ready
                  FROM certificates c JOIN agencies a ON a.id = c.agency_id`;

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
    private readonly config: AppConfig,
  ) {
    this.misses = new FailureLimiter(
      config.REDIS_URL,
      `${config.REDIS_PREFIX}:verify-miss`,
      VERIFY_MISSES_PER_MINUTE,
      60,
    );
  }

  async mine(actor: AuthUser, expiringWithinDays?: number): Promise<CertificateView[]> {
    const expiring = expiringWithinDays
      ? `AND c.revoked_at IS NULL AND c.expires_at > now() AND c.expires_at <= now() + make_interval(days => $2)`
      : '';
    const rows: CertificateRow[] = await this.dataSource.query(
      `${SELECT} WHERE c.user_id = $1 ${expiring} ORDER BY c.issued_at DESC`,
      expiringWithinDays ? [actor.id, expiringWithinDays] : [actor.id],
    );
    return rows.map((r) => this.view(r));
  }

  /** Certificates of the staff an HR officer (their subtree) or an administrator (anyone) manages. */
  async list(actor: AuthUser, query: ListCertificatesQuery): Promise<Page<CertificateView>> {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none')
      throw new ForbiddenException('Only administrators and HR officers can list certificates of staff.');
    const within = query.agencyId ?? (scope.kind === 'subtree' ? scope.rootAgencyId : undefined);
    if (query.agencyId) {
      const [agency] = await this.dataSource.query(`SELECT path FROM agencies WHERE id = $1`, [query.agencyId]);
      if (!agency) throw new NotFoundException('No agency has this id.');
      if (!scopeCovers(scope, agency.path))
        throw new ForbiddenException('That agency is outside the agencies you manage.');
    }
    const where: string[] = [];
    const params: unknown[] = [];
    if (within) {
      params.push(within);
      where.push(`a.path @> ARRAY[$${params.length}]::uuid[]`);
    }
    if (query.expiringWithinDays) {
      params.push(query.expiringWithinDays);
      where.push(
        `c.revoked_at IS NULL AND c.expires_at > now() AND c.expires_at <= now() + make_interval(days => $${params.length})`,
      );
    }
    if (query.status === 'revoked') where.push('c.revoked_at IS NOT NULL');
    if (query.status === 'expired') where.push('c.revoked_at IS NULL AND c.expires_at <= now()');
    if (query.status === 'valid') where.push('c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())');
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `${SELECT} ${filter} ORDER BY ${query.expiringWithinDays ? 'c.expires_at ASC' : 'c.issued_at DESC'}, c.id LIMIT ${query.limit} OFFSET ${query.offset}`,
        params,
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM certificates c JOIN agencies a ON a.id = c.agency_id ${filter}`,
        params,
      ),
    ]);
    return page(
      (rows as CertificateRow[]).map((r) => this.view(r)),
      total,
      query,
    );
  }

  async get(actor: AuthUser, id: string): Promise<CertificateView> {
    return this.view(await this.visible(actor, id));
  }

  async pdf(actor: AuthUser, id: string): Promise<{ code: string; pdf: Buffer }> {
    const row = await this.visible(actor, id);
    const [{ pdf }] = await this.dataSource.query(`SELECT pdf FROM certificates WHERE id = $1`, [row.id]);
    if (!pdf) throw new ConflictException('The certificate is still being prepared; try again in a moment.');
    return { code: row.code, pdf };
  }

  async credential(actor: AuthUser, id: string): Promise<{ jwt: string; credential: unknown }> {
    const row = await this.visible(actor, id);
    const [{ credential_jwt: jwt }] = await this.dataSource.query(
      `SELECT credential_jwt FROM certificates WHERE id = $1`,
      [row.id],
    );
    if (!jwt) throw new ConflictException('The certificate is still being prepared; try again in a moment.');
    return { jwt, credential: decodeJwt(jwt) };
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
    const [row]: CertificateRow[] = code ? await this.dataSource.query(`${SELECT} WHERE c.code = $1`, [code]) : [];
    if (!row)
      throw new NotFoundException(
        'No certificate has this code. Check the letters and digits printed under the QR code.',
      );
    await this.misses.refund(ip);
    return {
      status: statusOf(row),
      code: row.code,
      holderName: row.holder_name,
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
      const [rows] = await manager.query(
        `UPDATE certificates SET revoked_at = now(), revocation_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id, user_id, agency_id, course_id`,
        [id, reason],
      );
      if (!rows.length) {
        const [exists] = await manager.query(`SELECT revoked_at FROM certificates WHERE id = $1`, [id]);
        if (!exists) throw new NotFoundException('No certificate has this id.');
        throw new ConflictException('This certificate is already revoked.');
      }
      const r = rows[0];
      await addOutboxEvent(manager, 'certificate.revoked', {
        certificateId: id,
        userId: r.user_id,
        agencyId: r.agency_id,
        courseId: r.course_id,
        reason,
      });
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'certificate.revoke',
        { type: 'certificate', id },
        { reason },
      );
    });
    const [row]: CertificateRow[] = await this.dataSource.query(`${SELECT} WHERE c.id = $1`, [id]);
    return this.view(row);
  }

  /** Status list positions of revoked certificates. */
  async revokedIndexes(): Promise<number[]> {
    const rows: { status_list_index: number }[] = await this.dataSource.query(
      `SELECT status_list_index FROM certificates WHERE revoked_at IS NOT NULL`,
    );
    return rows.map((r) => r.status_list_index);
  }

  /** The holder, an HR officer over the holder's agency, or an administrator. */
  private async visible(actor: AuthUser, id: string): Promise<CertificateRow> {
    const [row]: CertificateRow[] = await this.dataSource.query(`${SELECT} WHERE c.id = $1`, [id]);
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
