// SQL for scim_connections: the scoped list, the token lookup every SCIM request makes, and the writes.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface ScimConnectionRow {
  id: string;
  name: string;
  agencyId: string;
  agencyCode: string;
  agencyPath: string[];
  tokenHint: string;
  createdBy: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const COLUMNS = `
  SELECT c.id, c.name, c.agency_id AS "agencyId", a.code AS "agencyCode", a.path AS "agencyPath",
         c.token_hint AS "tokenHint", c.created_by AS "createdBy", c.created_at AS "createdAt",
         c.revoked_at AS "revokedAt", c.last_used_at AS "lastUsedAt"
    FROM scim_connections c
    JOIN agencies a ON a.id = c.agency_id`;

@Injectable()
export class ScimConnectionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; within an agency's subtree when one is given (the connection's own agency must lie in it). */
  async list(
    withinAgencyId: string | undefined,
    offset: number,
    limit: number,
  ): Promise<{ items: ScimConnectionRow[]; total: number }> {
    const where = withinAgencyId ? `WHERE $1::uuid = ANY(a.path)` : `WHERE $1::uuid IS NULL`;
    const params = [withinAgencyId ?? null];
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(`${COLUMNS} ${where} ORDER BY c.created_at DESC, c.id OFFSET $2 LIMIT $3`, [
        ...params,
        offset,
        limit,
      ]) as Promise<ScimConnectionRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM scim_connections c JOIN agencies a ON a.id = c.agency_id ${where}`,
        params,
      ) as Promise<{ total: number }[]>,
    ]);
    return { items, total };
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ScimConnectionRow | undefined> {
    const rows: ScimConnectionRow[] = await manager.query(`${COLUMNS} WHERE c.id = $1`, [id]);
    return rows[0];
  }

  /** The connection a token hash belongs to, revoked or not. */
  async findByTokenHash(hash: string): Promise<ScimConnectionRow | undefined> {
    const rows: ScimConnectionRow[] = await this.dataSource.query(`${COLUMNS} WHERE c.token_sha256 = $1`, [hash]);
    return rows[0];
  }

  async insert(
    manager: EntityManager,
    fields: { name: string; agencyId: string; tokenSha256: string; tokenHint: string; createdBy: string },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO scim_connections (name, agency_id, token_sha256, token_hint, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [fields.name, fields.agencyId, fields.tokenSha256, fields.tokenHint, fields.createdBy],
    );
    return rows[0].id;
  }

  /** False when it was already revoked. */
  async revoke(manager: EntityManager, id: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await manager.query(
      `UPDATE scim_connections SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
    return affected > 0;
  }

  /** At most one write a minute per connection, however many requests it sends. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE scim_connections SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
