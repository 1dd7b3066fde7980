// SQL for certificates, and the reads certification makes of other libs' tables (identity's users
// and agencies, learning's enrollments and course_versions), each in one named method. A method
// that takes an EntityManager runs in the caller's transaction.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SecuredCredential } from '../open-badges/credential-securing.service';
import { MIN_STATUS_LIST_BITS } from '../status-list/bitstring-status-list';

/** A certificate with its holder's agency path, as it is read and shown. */
export interface CertificateRow {
  id: string;
  code: string;
  user_id: string;
  agency_id: string;
  agency_path: string[];
  course_id: string;
  holder_name: string;
  /** The name in Latin letters from the HR record when it was issued, for English text; null when none. */
  holder_name_latin: string | null;
  course_title: string;
  course_title_en: string | null;
  score: string | null;
  issued_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  revocation_reason: string | null;
  ready: boolean;
}

export interface CertificateFilter {
  /** Only holders whose agency lies in this agency's subtree. */
  withinAgencyId?: string;
  /** Valid certificates that expire within this many days, soonest first (else newest first). */
  expiringWithinDays?: number;
  status?: 'valid' | 'expired' | 'revoked';
  limit: number;
  offset: number;
}

/** What issuing needs of a certificate row, and of its course version and agency. */
export interface IssueFacts {
  id: string;
  code: string;
  user_id: string;
  agency_id: string;
  course_id: string;
  enrollment_id: string;
  holder_name: string;
  holder_name_latin: string | null;
  course_title: string;
  course_title_en: string | null;
  summary: string;
  version: number;
  agency_name_mn: string;
  agency_name_en: string;
  score: string | null;
  issued_at: Date;
  expires_at: Date | null;
  status_list_index: number;
  identity_salt: string;
  /** The holder's registration number and e-mail now (identity's users), hashed into the credential. */
  registration_number: string | null;
  email: string | null;
  has_credential: boolean;
  has_pdf: boolean;
  announced_at: Date | null;
}

/** What issuing made for a certificate; only the missing ones are stored. */
export interface Artefacts {
  credential?: SecuredCredential;
  pdf?: Buffer;
}

/** A completed enrolment with what its certificate states: the holder, their agency, the course version. */
export interface CompletedEnrollment {
  id: string;
  user_id: string;
  course_id: string;
  course_version_id: string;
  completed_at: Date;
  final_score: string | null;
  agency_id: string;
  name: string;
  name_latin: string | null;
  title: string;
  title_en: string | null;
  validity_months: number | null;
}

export interface NewCertificate {
  code: string;
  enrollmentId: string;
  userId: string;
  agencyId: string;
  courseId: string;
  courseVersionId: string;
  holderName: string;
  holderNameLatin: string | null;
  courseTitle: string;
  courseTitleEn: string | null;
  score: number | null;
  issuedAt: Date;
  expiresAt: Date | null;
  /** Uniform in [0, 2^31); reduced to the status list's size on insert. */
  randomIndex: number;
}

/** A certificate of an earlier version locked for recertification, with its expiry before. */
export interface EarlierCertificate {
  id: string;
  enrollment_id: string;
  user_id: string;
  agency_id: string;
  course_id: string;
  previous: Date | null;
  version: number;
}

const SELECT = `SELECT c.id, c.code, c.user_id, c.agency_id, a.path AS agency_path, c.course_id, c.holder_name, c.holder_name_latin, c.course_title, c.course_title_en,
                       c.score, c.issued_at, c.expires_at, c.revoked_at, c.revocation_reason, (c.pdf IS NOT NULL AND c.credential_jwt IS NOT NULL) AS ready
                  FROM certificates c JOIN agencies a ON a.id = c.agency_id`;

const CERTIFICATE_COLUMNS = `id, code, user_id, agency_id, course_id, course_version_id, enrollment_id, holder_name, holder_name_latin, course_title, course_title_en, score, issued_at, expires_at,
       status_list_index, identity_salt, credential_document IS NOT NULL AS has_credential, pdf IS NOT NULL AS has_pdf, announced_at`;
const FACTS_SELECT = `SELECT c.id, c.code, c.user_id, c.agency_id, c.course_id, c.enrollment_id, c.holder_name, c.holder_name_latin, c.course_title, c.course_title_en, v.summary, v.version,
       a.name_mn AS agency_name_mn, a.name_en AS agency_name_en, c.score, c.issued_at, c.expires_at, c.status_list_index, c.identity_salt,
       u.registration_number, u.email, c.has_credential, c.has_pdf, c.announced_at`;
const FACTS_JOINS = `JOIN course_versions v ON v.id = c.course_version_id JOIN agencies a ON a.id = c.agency_id JOIN users u ON u.id = c.user_id`;

/**
 * How many entries the status list has room for: at least MIN_STATUS_LIST_BITS, doubled until at
 * most half are taken, so a random free index is found in two tries on average however many
 * certificates there are.
 */
const STATUS_LIST_SIZE = `(SELECT (${MIN_STATUS_LIST_BITS} * 2 ^ greatest(0, ceil(log(2, (count(*) + 1) * 2.0 / ${MIN_STATUS_LIST_BITS}))))::bigint FROM certificates)`;

@Injectable()
export class CertificatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A holder's certificates, newest first; with `expiringWithinDays`, only valid ones expiring within it. */
  mine(userId: string, expiringWithinDays?: number): Promise<CertificateRow[]> {
    const expiring = expiringWithinDays
      ? `AND c.revoked_at IS NULL AND c.expires_at > now() AND c.expires_at <= now() + make_interval(days => $2)`
      : '';
    return this.dataSource.query(
      `${SELECT} WHERE c.user_id = $1 ${expiring} ORDER BY c.issued_at DESC`,
      expiringWithinDays ? [userId, expiringWithinDays] : [userId],
    );
  }

  /** One page of certificates and how many match the filter. */
  async list(filter: CertificateFilter): Promise<{ rows: CertificateRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.withinAgencyId) {
      params.push(filter.withinAgencyId);
      where.push(`a.path @> ARRAY[$${params.length}]::uuid[]`);
    }
    if (filter.expiringWithinDays) {
      params.push(filter.expiringWithinDays);
      where.push(
        `c.revoked_at IS NULL AND c.expires_at > now() AND c.expires_at <= now() + make_interval(days => $${params.length})`,
      );
    }
    if (filter.status === 'revoked') where.push('c.revoked_at IS NOT NULL');
    if (filter.status === 'expired') where.push('c.revoked_at IS NULL AND c.expires_at <= now()');
    if (filter.status === 'valid')
      where.push('c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())');
    const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `${SELECT} ${filterSql} ORDER BY ${filter.expiringWithinDays ? 'c.expires_at ASC' : 'c.issued_at DESC'}, c.id LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset)}`,
        params,
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM certificates c JOIN agencies a ON a.id = c.agency_id ${filterSql}`,
        params,
      ),
    ]);
    return { rows, total };
  }

  async byId(id: string): Promise<CertificateRow | undefined> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE c.id = $1`, [id]);
    return row;
  }

  /** `code` in its normal form (see certificate-code.ts). */
  async byCode(code: string): Promise<CertificateRow | undefined> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE c.code = $1`, [code]);
    return row;
  }

  /** The PDF, or null while it is still being made. */
  async pdf(id: string): Promise<Buffer | null> {
    const [row] = await this.dataSource.query(`SELECT pdf FROM certificates WHERE id = $1`, [id]);
    return row?.pdf ?? null;
  }

  /**
   * The secured credential in both forms, or nulls while they are still being made (also for a
   * certificate issued before the Data Integrity form existed, until the sweeper has made it).
   */
  async securedCredential(id: string): Promise<{ document: object | null; jwt: string | null }> {
    const [row] = await this.dataSource.query(
      `SELECT credential_document, credential_jwt FROM certificates WHERE id = $1 AND credential_document IS NOT NULL`,
      [id],
    );
    return { document: row?.credential_document ?? null, jwt: row?.credential_jwt ?? null };
  }

  /** Revokes a certificate not yet revoked; undefined when there is none such (missing or already revoked). */
  async revoke(
    manager: EntityManager,
    id: string,
    reason: string,
  ): Promise<{ userId: string; agencyId: string; courseId: string } | undefined> {
    const [rows] = await manager.query(
      `UPDATE certificates SET revoked_at = now(), revocation_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id, user_id, agency_id, course_id`,
      [id, reason],
    );
    const r = rows[0];
    return r && { userId: r.user_id, agencyId: r.agency_id, courseId: r.course_id };
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM certificates WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** Status list positions of revoked certificates, and when the latest was revoked (null: none is). */
  async revocations(): Promise<{ indexes: number[]; lastRevokedAt: Date | null }> {
    const [row]: { indexes: number[]; last_revoked_at: Date | null }[] = await this.dataSource.query(
      `SELECT coalesce(array_agg(status_list_index), '{}') AS indexes, max(revoked_at) AS last_revoked_at
         FROM certificates WHERE revoked_at IS NOT NULL`,
    );
    return { indexes: row.indexes, lastRevokedAt: row.last_revoked_at };
  }

  /** A course version as it was published (learning's course_versions), or undefined when there is none. */
  async publishedVersion(courseId: string, version: number): Promise<{ title: string; summary: string } | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT title, summary FROM course_versions WHERE course_id = $1 AND version = $2`,
      [courseId, version],
    );
    return row;
  }

  /** An agency's path (root first), or undefined when no agency has this id. Reads identity's `agencies`. */
  async agencyPath(agencyId: string): Promise<string[] | undefined> {
    const [agency] = await this.dataSource.query(`SELECT path FROM agencies WHERE id = $1`, [agencyId]);
    return agency?.path;
  }

  /**
   * A completed enrolment with its holder and course version, or undefined when it is not completed.
   * Reads learning's `enrollments` and `course_versions` and identity's `users`.
   */
  async completedEnrollment(enrollmentId: string): Promise<CompletedEnrollment | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT e.id, e.user_id, e.course_id, e.course_version_id, e.completed_at, e.final_score, u.agency_id, u.name, u.name_latin, v.title, v.title_en, v.validity_months
         FROM enrollments e JOIN users u ON u.id = e.user_id JOIN course_versions v ON v.id = e.course_version_id
        WHERE e.id = $1 AND e.status = 'completed'`,
      [enrollmentId],
    );
    return row;
  }

  /**
   * Completed enrolments (completed more than `graceSeconds` ago, oldest first) whose certificate is
   * missing or unfinished. Reads learning's `enrollments`.
   */
  async enrollmentsWithUnfinishedCertificates(graceSeconds: number, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT e.id FROM enrollments e LEFT JOIN certificates c ON c.enrollment_id = e.id
        WHERE e.status = 'completed' AND e.completed_at < now() - make_interval(secs => $1)
          AND (c.id IS NULL OR c.announced_at IS NULL OR c.pdf IS NULL OR c.credential_document IS NULL)
        ORDER BY e.completed_at LIMIT $2`,
      [graceSeconds, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Inserts the enrolment's certificate unless it has one, and reads back what issuing needs of the
   * row either way (one statement). Undefined only when another job inserted the row after this
   * statement's snapshot was taken (it waited on that insert, then skipped): read it with `issueFacts`.
   * The status list index is `randomIndex` within the list's size (a power of two, so the remainder
   * stays uniform); a taken one fails on certificates_status_list_index_key, to be tried again.
   */
  async insertOrFind(c: NewCertificate): Promise<IssueFacts | undefined> {
    const [row] = await this.dataSource.query(
      `WITH inserted AS (
         INSERT INTO certificates (code, enrollment_id, user_id, agency_id, course_id, course_version_id, holder_name, course_title, course_title_en, score, issued_at, expires_at, holder_name_latin, status_list_index)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::bigint % ${STATUS_LIST_SIZE}) ON CONFLICT (enrollment_id) DO NOTHING
         RETURNING ${CERTIFICATE_COLUMNS}
       ), certificate AS (
         SELECT * FROM inserted
         UNION ALL
         SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE enrollment_id = $2 AND NOT EXISTS (SELECT 1 FROM inserted)
       )
       ${FACTS_SELECT} FROM certificate c ${FACTS_JOINS}`,
      [
        c.code,
        c.enrollmentId,
        c.userId,
        c.agencyId,
        c.courseId,
        c.courseVersionId,
        c.holderName,
        c.courseTitle,
        c.courseTitleEn,
        c.score,
        c.issuedAt,
        c.expiresAt,
        c.holderNameLatin,
        c.randomIndex,
      ],
    );
    return row;
  }

  /** What the certificate states, by its id (to draw it again: a revoked certificate's PDF). */
  async factsById(id: string): Promise<IssueFacts | undefined> {
    const [row] = await this.dataSource.query(
      `WITH certificate AS (SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE id = $1) ${FACTS_SELECT} FROM certificate c ${FACTS_JOINS}`,
      [id],
    );
    return row;
  }

  async issueFacts(enrollmentId: string): Promise<IssueFacts> {
    const [row] = await this.dataSource.query(
      `WITH certificate AS (SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE enrollment_id = $1) ${FACTS_SELECT} FROM certificate c ${FACTS_JOINS}`,
      [enrollmentId],
    );
    return row;
  }

  /**
   * Stores the artefacts still missing (never replacing ones stored first) and marks the certificate
   * announced. The credential's two forms go together: the JWT is replaced only with the document
   * that has none yet (an EdDSA JWT from before the Data Integrity form is replaced by the ES256 one).
   * The row is locked and read in the same statement: true only for the one caller that saw it
   * unannounced under the lock.
   */
  async storeArtefacts(manager: EntityManager, id: string, artefacts: Artefacts): Promise<boolean> {
    const credential = artefacts.credential;
    const [rows] = await manager.query(
      `UPDATE certificates c
          SET credential_jwt = CASE WHEN c.credential_document IS NULL AND $2::jsonb IS NOT NULL THEN $3 ELSE c.credential_jwt END,
              signing_kid = CASE WHEN c.credential_document IS NULL AND $2::jsonb IS NOT NULL THEN $4 ELSE c.signing_kid END,
              credential_document = COALESCE(c.credential_document, $2::jsonb),
              pdf = COALESCE(c.pdf, $5), announced_at = COALESCE(c.announced_at, now())
         FROM (SELECT id, announced_at FROM certificates WHERE id = $1 FOR UPDATE) before
        WHERE c.id = before.id
        RETURNING before.announced_at IS NULL AS announcing`,
      [
        id,
        credential ? JSON.stringify(credential.document) : null,
        credential?.jwt ?? null,
        credential?.jwtKid ?? null,
        artefacts.pdf ?? null,
      ],
    );
    return !!rows[0]?.announcing;
  }

  /**
   * Locks the course's unrevoked certificates of versions before `version` that are still valid at
   * `expiresAt`. Reads learning's `course_versions` for the version number.
   */
  lockEarlierValid(
    manager: EntityManager,
    courseId: string,
    version: number,
    expiresAt: Date,
  ): Promise<EarlierCertificate[]> {
    return manager.query(
      `SELECT c.id, c.enrollment_id, c.user_id, c.agency_id, c.course_id, c.expires_at AS previous, v.version
         FROM certificates c JOIN course_versions v ON v.id = c.course_version_id
        WHERE c.course_id = $1 AND v.version < $2 AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > $3)
        ORDER BY c.id FOR UPDATE OF c`,
      [courseId, version, expiresAt],
    );
  }

  /** A new expiry; the PDF and signed credential (both forms) state the old one, so they are dropped to be made again. */
  async shortenExpiry(manager: EntityManager, ids: string[], expiresAt: Date): Promise<void> {
    await manager.query(
      `UPDATE certificates SET expires_at = $2, pdf = NULL, credential_jwt = NULL, signing_kid = NULL, credential_document = NULL WHERE id = ANY($1)`,
      [ids, expiresAt],
    );
  }
}
