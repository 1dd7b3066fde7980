// The one Meilisearch index behind the knowledge search box: published documents and published
// courses side by side, with the settings chosen on purpose (see each comment).
import type { Settings } from 'meilisearch';

export const KNOWLEDGE_INDEX = 'knowledge';

/** What one hit is made of. Visibility fields are for the filter; they are never sent to callers. */
export interface IndexedEntry {
  /** `doc-<uuid>` or `course-<uuid>`: Meilisearch ids allow letters, digits, - and _. */
  id: string;
  kind: 'document' | 'course';
  entityId: string;
  title: string;
  summary: string;
  /** Document body as plain text, or a course's lesson titles and text. */
  body: string;
  /** Text extracted from a document's attachments. */
  attachmentText: string;
  tags: string[];
  /** A document type, or `course`. */
  type: string;
  language: 'mn' | 'en';
  visibility: 'public' | 'internal' | 'agency';
  /** The owning agency (a course has none: null). */
  agencyId: string | null;
  /** The owning agency and its ancestors, so `?agencyId=` finds a ministry's departments' documents too. */
  agencyPath: string[];
  slug: string | null;
  /** Unix seconds, for sorting. */
  publishedAt: number;
  reviewBy: string | null;
}

export const entryId = (kind: IndexedEntry['kind'], entityId: string) =>
  `${kind === 'document' ? 'doc' : 'course'}-${entityId}`;

/** Attributes a hit returns; the visibility fields stay inside the engine. */
export const RETRIEVED: (keyof IndexedEntry)[] = [
  'id',
  'kind',
  'entityId',
  'title',
  'summary',
  'tags',
  'type',
  'language',
  'agencyId',
  'slug',
  'publishedAt',
  'reviewBy',
];
export const FACETS = ['type', 'agencyId', 'tags', 'language'] as const;

/**
 * Two-way synonyms between everyday Mongolian and English terms of the civil service, so a search in
 * either language finds documents written in the other. Multi-word terms are matched as phrases.
 * Synonyms match whole words and Mongolian inflects nouns, so the genitive (-ын/-ийн/-ны), by far the
 * most common form in titles ("төсвийн төлөвлөлт"), is listed beside the base form.
 */
export const SYNONYM_PAIRS: [string[], string[]][] = [
  [
    ['худалдан авах ажиллагаа', 'худалдан авах ажиллагааны', 'худалдан авалт', 'худалдан авалтын', 'худалдан авах'],
    ['procurement', 'purchasing'],
  ],
  [
    ['ил тод байдал', 'ил тод байдлын', 'ил тод'],
    ['transparency', 'open government'],
  ],
  [
    ['ёс зүй', 'ёс зүйн'],
    ['ethics', 'integrity'],
  ],
  [
    ['төсөв', 'төсвийн'],
    ['budget', 'budgeting'],
  ],
  [
    ['авлига', 'авлигын'],
    ['corruption', 'bribery'],
  ],
  [['ашиг сонирхлын зөрчил', 'ашиг сонирхлын зөрчлийн'], ['conflict of interest']],
  [['хяналт шинжилгээ', 'хяналт-шинжилгээ'], ['monitoring']],
  [
    ['үнэлгээ', 'үнэлгээний'],
    ['evaluation', 'assessment'],
  ],
  [
    ['иргэдийн санал хүсэлт', 'санал хүсэлт', 'өргөдөл гомдол'],
    ['citizen feedback', 'complaints', 'feedback'],
  ],
  [
    ['төрийн алба', 'төрийн албаны', 'төрийн албан хаагч'],
    ['civil service', 'civil servant', 'public service'],
  ],
  [
    ['хууль', 'хуулийн'],
    ['law', 'act'],
  ],
  [['бодлого', 'бодлогын'], ['policy']],
  [['журам'], ['regulation', 'procedure']],
  [
    ['заавар', 'удирдамж'],
    ['guideline', 'guidance'],
  ],
  [
    ['загвар', 'маягт'],
    ['template', 'form'],
  ],
  [['тайлан', 'тайлангийн'], ['report']],
  [
    ['мэдээллийн ил тод байдал', 'мэдээлэл авах эрх'],
    ['access to information', 'freedom of information'],
  ],
  [
    ['хүний нөөц', 'хүний нөөцийн'],
    ['human resources', 'hr'],
  ],
  [['сургалт', 'сургалтын'], ['training']],
  [['гэрээ'], ['contract']],
  [['тендер'], ['tender', 'bid']],
  [['аудит'], ['audit']],
  [
    ['татвар', 'татварын'],
    ['tax', 'taxation'],
  ],
];

export function synonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [mn, en] of SYNONYM_PAIRS) {
    const all = [...mn, ...en];
    for (const term of all) out[term] = [...new Set([...(out[term] ?? []), ...all.filter((t) => t !== term)])];
  }
  return out;
}

export function indexSettings(): Settings {
  return {
    // Ranked: a word in the title outweighs one in tags, then summary, body and attachments.
    searchableAttributes: ['title', 'tags', 'summary', 'body', 'attachmentText'],
    filterableAttributes: ['kind', 'type', 'agencyId', 'agencyPath', 'tags', 'language', 'visibility'],
    sortableAttributes: ['publishedAt', 'title'],
    displayedAttributes: ['*'],
    // Meilisearch's defaults (1 typo from 5 letters, 2 from 9) suit Mongolian Cyrillic as well as
    // English; counted in characters, so "худалдн" still finds "худалдан". Not on numbers: "2023"
    // must not find the law of "2024" (and numbers then cost nothing at query time).
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: [],
      disableOnNumbers: true,
    },
    synonyms: synonyms(),
    // The page shows the 12 most frequent values per facet: Meilisearch returns the 20 most frequent
    // (sorted by count, not the first 20 alphabetically, which for agency ids would be arbitrary).
    faceting: { maxValuesPerFacet: 20, sortFacetValuesBy: { '*': 'count' } },
    // Nothing searches inside facet values (no facet-search box), so its structures are not built.
    facetSearch: false,
    pagination: { maxTotalHits: 10000 },
    // A bound on one search's ranking time (default 1.5 s). Typical searches over 100,000 documents
    // rank in 5-30 ms; past 150 ms (a very broad query on a saturated server) Meilisearch returns the
    // hits ranked so far instead of holding the request. The filter still applies in full, so a cut
    // search never shows what the caller may not see; only the order of the tail is less refined.
    searchCutoffMs: 150,
  };
}

/**
 * Whether an index's settings (as Meilisearch reports them, every field filled in) already are the
 * wanted ones. Meilisearch answers lists of attributes in its own order, so lists compare as sets,
 * except searchableAttributes, whose order is the ranking; objects compare field by field on the
 * wanted fields only (the rest are Meilisearch's defaults, which the wanted ones do not touch).
 */
export function settingsHold(wanted: Settings, current: Settings): boolean {
  const same = (a: unknown, b: unknown, ordered: boolean): boolean => {
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) return false;
      const [x, y] = ordered ? [a, b] : [[...a].map(key).sort(), [...b].map(key).sort()];
      return x.every((v, i) => same(v, y[i], true));
    }
    if (a && typeof a === 'object') {
      if (!b || typeof b !== 'object' || Array.isArray(b)) return false;
      return Object.entries(a).every(([k, v]) => same(v, (b as Record<string, unknown>)[k], false));
    }
    return a === b;
  };
  const key = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  return Object.entries(wanted).every(([field, value]) =>
    same(value, (current as Record<string, unknown>)[field], field === 'searchableAttributes'),
  );
}
