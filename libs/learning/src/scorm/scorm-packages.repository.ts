// PostgreSQL access for SCORM packages: a package by its zip's SHA-256, its files by theirs (each
// stored once, whatever package names it), and which packages a draft may refer to.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ScormManifest, ScormVersion } from './scorm-manifest';

export interface StoredScormPackage {
  sha256: string;
  version: ScormVersion;
  title: string;
  manifest: ScormManifest;
  fileCount: number;
  packageBytes: number;
  unpackedBytes: number;
}

export interface NewScormPackage extends StoredScormPackage {
  uploadedBy: string;
  /** The visible text of its pages, for search (scorm-text.ts). */
  pageText: string;
  files: { path: string; sha256: string }[];
}

const PACKAGE_COLUMNS = `sha256, version, title, manifest, file_count AS "fileCount",
  package_bytes::float8 AS "packageBytes", unpacked_bytes::float8 AS "unpackedBytes"`;

@Injectable()
export class ScormPackagesRepository {
  async find(manager: EntityManager, sha256: string): Promise<StoredScormPackage | undefined> {
    const [row] = await manager.query(`SELECT ${PACKAGE_COLUMNS} FROM scorm_packages WHERE sha256 = $1`, [sha256]);
    return row;
  }

  /** The titles of these packages, by their SHA-256. */
  async titles(manager: EntityManager, sha256s: string[]): Promise<Map<string, string>> {
    if (!sha256s.length) return new Map();
    const rows: { sha256: string; title: string }[] = await manager.query(
      `SELECT sha256, title FROM scorm_packages WHERE sha256 = ANY($1::text[])`,
      [[...new Set(sha256s)]],
    );
    return new Map(rows.map((r) => [r.sha256, r.title]));
  }

  /**
   * Of these packages, the ones that are not stored. The stored ones are locked (KEY SHARE) until the
   * caller's transaction ends, so the clean-up (claimUnreferenced) cannot delete a package a draft
   * being saved refers to.
   */
  async unknown(manager: EntityManager, sha256s: string[]): Promise<string[]> {
    if (!sha256s.length) return [];
    const rows: { sha256: string }[] = await manager.query(
      `SELECT sha256 FROM scorm_packages WHERE sha256 = ANY($1::text[]) ORDER BY sha256 FOR KEY SHARE`,
      [sha256s],
    );
    const stored = new Set(rows.map((r) => r.sha256));
    return sha256s.filter((s) => !stored.has(s));
  }

  /** Of these files, the ones already stored (their bytes need not be sent again), locked like unknown()'s packages. */
  async storedFiles(manager: EntityManager, sha256s: string[]): Promise<Set<string>> {
    const rows: { sha256: string }[] = await manager.query(
      `SELECT sha256 FROM scorm_files WHERE sha256 = ANY($1::text[]) ORDER BY sha256 FOR KEY SHARE`,
      [sha256s],
    );
    return new Set(rows.map((r) => r.sha256));
  }

  /** One file a statement: a 50 MiB package is not one 50 MiB bind message (nor twice that in memory). */
  async insertFile(manager: EntityManager, file: { sha256: string; size: number; bytes: Buffer }): Promise<void> {
    await manager.query(
      `INSERT INTO scorm_files (sha256, size, bytes) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING`,
      [file.sha256, file.size, file.bytes],
    );
  }

  /** Stores the package and its paths; a package already stored (the same zip) is left as it is. */
  async insertPackage(manager: EntityManager, p: NewScormPackage): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO scorm_packages (sha256, version, title, manifest, file_count, package_bytes, unpacked_bytes, uploaded_by, page_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
      [
        p.sha256,
        p.version,
        p.title,
        JSON.stringify(p.manifest),
        p.fileCount,
        p.packageBytes,
        p.unpackedBytes,
        p.uploadedBy,
        p.pageText,
      ],
    );
    if (!inserted.length) return false;
    for (let i = 0; i < p.files.length; i += 5000) {
      const chunk = p.files.slice(i, i + 5000);
      await manager.query(
        `INSERT INTO scorm_package_files (package_sha256, path, file_sha256)
         SELECT $1, path, sha FROM unnest($2::text[], $3::text[]) AS f(path, sha)`,
        [p.sha256, chunk.map((f) => f.path), chunk.map((f) => f.sha256)],
      );
    }
    return true;
  }

  /**
   * Packages stored before `createdBefore` that no draft and no published version refers to, at most
   * `limit`, locked for deletion. One a draft save or an import holds (KEY SHARE) is skipped: it is
   * being referred to. Drafts are read whole (their lessons are JSON), published lessons by index.
   */
  async claimUnreferenced(manager: EntityManager, createdBefore: Date, limit: number): Promise<string[]> {
    const rows: { sha256: string }[] = await manager.query(
      `WITH drafted AS (
         SELECT l->>'scormPackage' AS sha256
           FROM courses c
          CROSS JOIN LATERAL jsonb_array_elements(c.draft->'modules') m
          CROSS JOIN LATERAL jsonb_array_elements(m->'lessons') l
          WHERE l ? 'scormPackage')
       SELECT p.sha256 FROM scorm_packages p
        WHERE p.created_at < $1
          AND NOT EXISTS (SELECT 1 FROM course_lessons l WHERE l.scorm_package = p.sha256)
          AND NOT EXISTS (SELECT 1 FROM drafted d WHERE d.sha256 = p.sha256)
        ORDER BY p.sha256 LIMIT $2
        FOR UPDATE OF p SKIP LOCKED`,
      [createdBefore, limit],
    );
    return rows.map((r) => r.sha256);
  }

  /** Deletes the packages (their paths go with them) and then those of their files no other package uses. */
  async deleteWithOwnFiles(
    manager: EntityManager,
    sha256s: string[],
  ): Promise<{ packages: number; files: number; bytes: number }> {
    const files: { sha256: string }[] = await manager.query(
      `SELECT DISTINCT file_sha256 AS sha256 FROM scorm_package_files WHERE package_sha256 = ANY($1::text[])`,
      [sha256s],
    );
    // A DELETE answers [rows, count] through TypeORM.
    const [, packages]: [unknown[], number] = await manager.query(
      `DELETE FROM scorm_packages WHERE sha256 = ANY($1::text[])`,
      [sha256s],
    );
    // A file an import is about to reuse is locked by it (storedFiles, or its new path's foreign key): skipped.
    const [deleted]: [{ size: number }[], number] = await manager.query(
      `DELETE FROM scorm_files WHERE sha256 IN (
         SELECT f.sha256 FROM scorm_files f
          WHERE f.sha256 = ANY($1::text[])
            AND NOT EXISTS (SELECT 1 FROM scorm_package_files pf WHERE pf.file_sha256 = f.sha256)
          FOR UPDATE SKIP LOCKED)
       RETURNING size`,
      [files.map((f) => f.sha256)],
    );
    return { packages, files: deleted.length, bytes: deleted.reduce((n, f) => n + f.size, 0) };
  }

  /**
   * One file of a package by its path, with its own SHA-256 and size (what the content origin
   * serves); its bytes only when it has at most `bytesUpTo` of them (a larger one is read in slices).
   */
  async file(
    manager: EntityManager,
    packageSha256: string,
    path: string,
    bytesUpTo: number,
  ): Promise<{ sha256: string; size: number; bytes: Buffer | null } | undefined> {
    const [row] = await manager.query(
      `SELECT f.sha256, f.size, CASE WHEN f.size <= $3 THEN f.bytes END AS bytes
         FROM scorm_package_files pf JOIN scorm_files f ON f.sha256 = pf.file_sha256
        WHERE pf.package_sha256 = $1 AND pf.path = $2`,
      [packageSha256, path, bytesUpTo],
    );
    return row;
  }

  /**
   * `length` bytes of a stored file from `start` (0-based). The bytes are stored uncompressed
   * (STORAGE EXTERNAL), so PostgreSQL reads only the TOAST chunks that hold them.
   */
  async fileSlice(manager: EntityManager, fileSha256: string, start: number, length: number): Promise<Buffer> {
    const [row]: { bytes: Buffer }[] = await manager.query(
      `SELECT substring(bytes FROM $2::int + 1 FOR $3::int) AS bytes FROM scorm_files WHERE sha256 = $1`,
      [fileSha256, start, length],
    );
    return row?.bytes ?? Buffer.alloc(0);
  }

  /** How many bytes each of these packages holds unpacked (what a device stores to play it offline). */
  async unpackedBytes(manager: EntityManager, sha256s: string[]): Promise<Map<string, number>> {
    const rows: { sha256: string; unpacked_bytes: string }[] = await manager.query(
      `SELECT sha256, unpacked_bytes FROM scorm_packages WHERE sha256 = ANY($1::text[])`,
      [sha256s],
    );
    return new Map(rows.map((r) => [r.sha256, Number(r.unpacked_bytes)]));
  }

  /** The paths of a package's files (what a device saves to play it offline). */
  async paths(manager: EntityManager, packageSha256: string): Promise<string[]> {
    const rows: { path: string }[] = await manager.query(
      `SELECT path FROM scorm_package_files WHERE package_sha256 = $1 ORDER BY path`,
      [packageSha256],
    );
    return rows.map((r) => r.path);
  }
}
