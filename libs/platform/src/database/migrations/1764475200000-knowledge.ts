// The knowledge repository: documents (a working copy plus the version readers see), their
// immutable versions, attachments (bytes kept in PostgreSQL) and public comments with deadlines.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Knowledge1764475200000 implements MigrationInterface {
  name = 'Knowledge1764475200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE knowledge_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,119}$'),
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        type text NOT NULL CHECK (type IN ('law','policy','guideline','template','case_study','lesson_learned','report','faq')),
        tags text[] NOT NULL DEFAULT '{}',
        language text NOT NULL CHECK (language IN ('mn','en')),
        visibility text NOT NULL CHECK (visibility IN ('public','internal','agency')),
        owner_agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','in_review','published','archived')),
        requires_approval boolean NOT NULL DEFAULT true,
        current_version integer NOT NULL DEFAULT 1 CHECK (current_version > 0),
        published_version integer CHECK (published_version > 0 AND published_version <= current_version),
        published_at timestamptz,
        review_by date,
        submitted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        reviewed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        review_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX knowledge_documents_owner_agency_idx ON knowledge_documents (owner_agency_id, status)`);
    await q.query(`CREATE INDEX knowledge_documents_author_idx ON knowledge_documents (author_id)`);
    await q.query(`CREATE INDEX knowledge_documents_updated_idx ON knowledge_documents (updated_at)`);
    await q.query(
      `CREATE INDEX knowledge_documents_review_by_idx ON knowledge_documents (review_by) WHERE status <> 'archived'`,
    );

    await q.query(`
      CREATE TABLE knowledge_document_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES knowledge_documents(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        snapshot jsonb NOT NULL,
        content_hash text NOT NULL,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (document_id, version)
      )`);

    await q.query(`
      CREATE TABLE knowledge_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES knowledge_documents(id) ON DELETE CASCADE,
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
        media_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        bytes bytea NOT NULL,
        extracted_text text NOT NULL DEFAULT '',
        uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (document_id, filename)
      )`);

    await q.query(`
      CREATE TABLE knowledge_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES knowledge_documents(id) ON DELETE CASCADE,
        owner_agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        email text,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz NOT NULL,
        response text,
        responded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        responded_at timestamptz
      )`);
    await q.query(`CREATE INDEX knowledge_comments_document_idx ON knowledge_comments (document_id, created_at)`);
    await q.query(
      `CREATE INDEX knowledge_comments_open_idx ON knowledge_comments (owner_agency_id, due_at) WHERE responded_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE knowledge_comments`);
    await q.query(`DROP TABLE knowledge_attachments`);
    await q.query(`DROP TABLE knowledge_document_versions`);
    await q.query(`DROP TABLE knowledge_documents`);
  }
}
