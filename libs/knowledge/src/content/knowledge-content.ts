// Knowledge documents from content/knowledge/*.md: YAML front matter + Markdown body. Imported
// documents are published as they are (the files were reviewed as diffs); re-importing changes
// nothing unless a file changed, and a changed body or title becomes a new version.
// Authorship: author_id and owner_id stay null ("content import"); the owning agency from the front
// matter answers for the document, so its reviewers can edit it, and its comments land on that agency.
import { parse } from 'yaml';
import { DOCUMENT_TYPES, VISIBILITIES } from '../documents/document-access';
import { TAG } from '../documents/dto/document.dto';
import { DocumentSnapshot } from '../documents/knowledge-document-version.entity';

export interface KnowledgeSource {
  /** The file name, e.g. public-service-law-overview.md */
  file: string;
  text: string;
}

export interface ParsedKnowledgeFile {
  slug: string;
  agencyCode: string;
  snapshot: DocumentSnapshot;
  publishedAt: Date;
  reviewBy: string | null;
}

export interface KnowledgeImportResult {
  slug: string;
  outcome: 'created' | 'updated' | 'unchanged';
  version: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field below
type Untyped = Record<string, any>;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The document files of a content/knowledge listing: every .md file but the folder's README, in name order. */
export function knowledgeFileNames(names: string[]): string[] {
  return names.filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md').sort();
}

function fail(where: string, what: string): never {
  throw new Error(`${where}: ${what}`);
}

function dateText(value: unknown, where: string, field: string): string | null {
  if (value === undefined || value === null) return null;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  if (!DATE.test(text) || Number.isNaN(Date.parse(text))) fail(where, `${field} must be a date YYYY-MM-DD`);
  return text;
}

export function parseKnowledgeFile(source: KnowledgeSource): ParsedKnowledgeFile {
  const where = `content/knowledge/${source.file}`;
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n([\s\S]*))?$/.exec(source.text);
  if (!match) fail(where, 'must start with YAML front matter between --- lines');
  let y: Untyped;
  try {
    y = parse(match[1]) as Untyped;
  } catch (error) {
    fail(where, `front matter: ${(error as Error).message}`);
  }
  if (!y || typeof y !== 'object') fail(where, 'front matter must be a mapping');
  const slug = source.file.replace(/\.md$/, '');
  if (y.slug !== slug) fail(where, `slug "${y.slug}" must equal the file name "${slug}"`);
  if (!/^[a-z0-9][a-z0-9-]{1,119}$/.test(slug)) fail(where, 'slug must be 2-120 lowercase letters, digits or dashes');
  if (typeof y.title !== 'string' || y.title.trim().length < 3)
    fail(where, 'title must be a text of at least 3 characters');
  if (y.summary !== undefined && typeof y.summary !== 'string') fail(where, 'summary must be a text');
  if (!DOCUMENT_TYPES.includes(y.type)) fail(where, `type must be one of ${DOCUMENT_TYPES.join(', ')}`);
  if (!['mn', 'en'].includes(y.language)) fail(where, 'language must be mn or en');
  if (!VISIBILITIES.includes(y.visibility)) fail(where, `visibility must be one of ${VISIBILITIES.join(', ')}`);
  if (typeof y.agency !== 'string') fail(where, 'agency must be an agency code from content/agencies.yaml');
  const tags = y.tags === undefined ? [] : y.tags;
  if (!Array.isArray(tags)) fail(where, 'tags must be a list');
  const cleanTags = [...new Set(tags.map((t: unknown) => String(t).trim().toLowerCase()))];
  for (const t of cleanTags) if (!TAG.test(t)) fail(where, `tag "${t}" must be 1-60 letters, digits, spaces, _ or -`);
  const publishedAt = dateText(y.publishedAt, where, 'publishedAt');
  return {
    slug,
    agencyCode: y.agency,
    snapshot: {
      title: y.title.trim(),
      summary: (y.summary ?? '').trim(),
      body: (match[2] ?? '').trim() + '\n',
      type: y.type,
      tags: cleanTags,
      language: y.language,
      visibility: y.visibility,
    },
    publishedAt: publishedAt ? new Date(`${publishedAt}T00:00:00+08:00`) : new Date(),
    reviewBy: dateText(y.reviewBy, where, 'reviewBy'),
  };
}
