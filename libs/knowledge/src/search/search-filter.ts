// The Meilisearch filter for one caller and one query. Visibility is enforced here, inside the
// engine, so hits, totals and facet counts all leave out what the caller may not see.
import { Caller } from '../documents/document-access';

export interface SearchFilters {
  type?: string;
  agencyId?: string;
  tag?: string;
  language?: string;
  kind?: 'document' | 'course';
}

/** A filter string literal: double-quoted, with quotes and backslashes escaped. */
export const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

export function visibilityFilter(caller: Caller): string {
  if (!caller) return 'visibility = public';
  if (caller.roles.includes('admin')) return '';
  const agencies = caller.agencyPath.map(quote).join(', ');
  return `(visibility IN [public, internal] OR (visibility = agency AND agencyId IN [${agencies}]))`;
}

export function buildFilter(caller: Caller, filters: SearchFilters): string {
  const parts = [visibilityFilter(caller)];
  if (filters.kind) parts.push(`kind = ${quote(filters.kind)}`);
  if (filters.type) parts.push(`type = ${quote(filters.type)}`);
  if (filters.agencyId) parts.push(`agencyPath = ${quote(filters.agencyId)}`);
  if (filters.tag) parts.push(`tags = ${quote(filters.tag)}`);
  if (filters.language) parts.push(`language = ${quote(filters.language)}`);
  return parts.filter(Boolean).join(' AND ');
}
