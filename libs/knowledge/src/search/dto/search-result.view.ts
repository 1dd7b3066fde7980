// One page of the knowledge search: documents and courses the caller may see, and facet counts.
import { ApiProperty } from '@nestjs/swagger';
import { LocalizedName } from '@chadavkhi/identity';
import { PageView } from '@chadavkhi/platform';
import { DOCUMENT_TYPES } from '../../documents/document-access';

const SNIPPET_FIELDS = ['summary', 'body', 'attachmentText'] as const;

/** HTML-safe: the text escaped, the matched words in <mark>. */
export class SearchHighlightView {
  @ApiProperty() title: string;
  @ApiProperty() snippet: string;
  @ApiProperty({
    enum: [...SNIPPET_FIELDS, null],
    nullable: true,
    description: 'The field the snippet was cut from where the words matched; null when none did',
  })
  snippetFrom: (typeof SNIPPET_FIELDS)[number] | null;
}

export class SearchHit {
  @ApiProperty({ enum: ['document', 'course'] }) kind: 'document' | 'course';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) slug: string | null;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: [...DOCUMENT_TYPES, 'course'], description: "A document's type, or course" }) type: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ enum: ['mn', 'en'] }) language: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The owning agency; null for a course' })
  agencyId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) reviewBy: string | null;
  @ApiProperty({ description: 'Past its review-by date' }) stale: boolean;
  @ApiProperty({ type: SearchHighlightView }) highlight: SearchHighlightView;
  @ApiProperty({ description: 'Where the API serves the document or course' }) url: string;
}

export class FacetCount {
  @ApiProperty() value: string;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: LocalizedName, required: false, description: "The agency's name (agencyId facet only)" })
  label?: LocalizedName;
}

/** The 20 most frequent values of each facet among all the matches. */
export class SearchFacetsView {
  @ApiProperty({ type: [FacetCount] }) type: FacetCount[];
  @ApiProperty({ type: [FacetCount] }) agencyId: FacetCount[];
  @ApiProperty({ type: [FacetCount] }) tag: FacetCount[];
  @ApiProperty({ type: [FacetCount] }) language: FacetCount[];
}

export class SearchResult extends PageView(SearchHit) {
  @ApiProperty({ type: SearchFacetsView }) facets: SearchFacetsView;
  @ApiProperty({ type: 'integer' }) processingTimeMs: number;
}
