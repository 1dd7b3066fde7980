// imsmanifest.xml → what the player needs: the SCORM version (from schemaversion, else the ADL
// namespaces), the default organization's items as a table of contents, each with the file it
// launches, and the manifest's title and description for search. Bounded: the manifest's size, the
// number of items and their depth; a DTD or entity declaration is refused before any parser reads it.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { refuseScorm } from './scorm-refusal';
import { unsafeName } from './scorm-archive';

export type ScormVersion = '1.2' | '2004-3' | '2004-4';
export const SCORM_VERSIONS: ScormVersion[] = ['1.2', '2004-3', '2004-4'];

export interface ScormTocItem {
  identifier: string;
  title: string;
  /** The file the item opens, relative to the package, with its parameters; null for a folder of items. */
  launch: string | null;
  /** "sco" talks to the runtime; "asset" is a plain page. Null for a folder. */
  scormType: 'sco' | 'asset' | null;
  /** SCORM 1.2 adlcp:masteryscore, when given. */
  masteryScore: number | null;
  children: ScormTocItem[];
}

export interface ScormManifest {
  version: ScormVersion;
  identifier: string;
  title: string;
  description: string | null;
  organization: { identifier: string; title: string; items: ScormTocItem[] };
  /** The first launchable item's file: what the player opens first. */
  launch: string;
  scoCount: number;
}

export const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;
const MAX_ITEMS = 5000;
const MAX_DEPTH = 20;
const MAX_TEXT = 1000;

type Node = Record<string, unknown>;
const LISTS = new Set(['organization', 'item', 'resource', 'file', 'dependency', 'langstring', 'string']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: true,
  isArray: (name) => LISTS.has(name),
});

const invalid = (why: string): never => refuseScorm('invalid-manifest', `imsmanifest.xml cannot be used: ${why}.`);

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim().slice(0, MAX_TEXT);
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object') {
    const node = value as Node;
    if ('#text' in node) return text(node['#text']);
    // LOM: <title><langstring>…</langstring></title> (1.2) or <title><string>…</string></title> (2004).
    if ('langstring' in node) return text(node.langstring);
    if ('string' in node) return text(node.string);
  }
  return '';
}

const list = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : value ? [value as Node] : []);
const attr = (node: Node, name: string): string =>
  typeof node[`@${name}`] === 'string' ? (node[`@${name}`] as string).trim() : '';

/** The version the manifest declares; refused when it is one the player does not run. */
export function scormVersion(xml: string, schemaVersion: string): ScormVersion {
  const declared = schemaVersion.toLowerCase().replace(/\s+/g, ' ').trim();
  if (declared === '1.2') return '1.2';
  if (declared === '2004 4th edition') return '2004-4';
  if (declared === '2004 3rd edition') return '2004-3';
  if (declared === 'cam 1.3' || declared === '2004 2nd edition')
    refuseScorm(
      'unsupported-version',
      'This is a SCORM 2004 2nd edition package, which is not supported. Export it again as SCORM 2004 3rd or 4th edition, or SCORM 1.2.',
      { version: schemaVersion.slice(0, 40) },
    );
  if (declared) {
    refuseScorm(
      'unsupported-version',
      `This package declares the schema version "${schemaVersion.slice(0, 40)}"; only SCORM 1.2 and SCORM 2004 3rd and 4th edition are supported.`,
      {
        version: schemaVersion.slice(0, 40),
      },
    );
  }
  // No schemaversion: the ADL namespace the manifest uses says which.
  if (/adlcp_rootv1p2/i.test(xml)) return '1.2';
  if (/adlcp_v1p3/i.test(xml)) return '2004-3';
  return refuseScorm(
    'unsupported-version',
    'The manifest says neither SCORM 1.2 nor SCORM 2004 (no schemaversion and no ADL namespace). Export it again as SCORM 1.2 or 2004.',
  );
}

/** A launch href resolved against xml:base, as a path inside the package (without ?query or #fragment). */
export function packagePath(base: string, href: string): string {
  const clean = href.split(/[?#]/)[0];
  let joined: string;
  try {
    joined = decodeURI(base + clean);
  } catch {
    joined = base + clean;
  }
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!parts.length)
        refuseScorm('unsafe-path', `The manifest names "${href.slice(0, 200)}", which points outside the package.`);
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** A page on another site (a package may link one); any other scheme (javascript:, file:) is refused. */
const isExternal = (href: string) => /^https?:\/\//i.test(href);

export interface ParsedManifest {
  manifest: ScormManifest;
  /** Every file the manifest names (launch pages and resources' files), as paths inside the package. */
  namedFiles: string[];
}

export function parseScormManifest(xml: string): ParsedManifest {
  if (Buffer.byteLength(xml) > MAX_MANIFEST_BYTES) invalid(`it is larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) invalid('it declares a DTD or entities, which are not allowed');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) invalid(`it is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  let root: Node;
  try {
    root = parser.parse(xml) as Node;
  } catch (error) {
    return invalid(`it is not well-formed XML (${(error as Error).message})`);
  }
  const manifest = root.manifest as Node | undefined;
  if (!manifest || typeof manifest !== 'object') return invalid('its root element is not <manifest>');
  const metadata = (manifest.metadata ?? {}) as Node;
  const version = scormVersion(xml, text(metadata.schemaversion));

  const resources = new Map<string, Node>();
  for (const r of list((manifest.resources as Node | undefined)?.resource)) {
    const id = attr(r, 'identifier');
    if (id) resources.set(id, r);
  }
  const rootBase = attr(manifest, 'base');
  const resourcesBase = attr((manifest.resources ?? {}) as Node, 'base');
  const namedFiles = new Set<string>();
  const name = (base: string, href: string) => {
    if (isExternal(href)) return;
    const unsafe = /^[a-z][a-z0-9+.-]+:/i.test(href) ? 'a scheme other than https' : unsafeName(href);
    if (unsafe && !unsafe.includes('..'))
      refuseScorm(
        'unsafe-path',
        `The manifest names "${href.slice(0, 200)}" with ${unsafe}; every file must stay inside the package.`,
      );
    const path = packagePath(base, href);
    if (path) namedFiles.add(path);
    return path;
  };
  for (const r of resources.values()) {
    const base = rootBase + resourcesBase + attr(r, 'base');
    const href = attr(r, 'href');
    if (href) name(base, href);
    for (const f of list(r.file)) {
      const fileHref = attr(f, 'href');
      if (fileHref) name(base, fileHref);
    }
  }

  const organizations = (manifest.organizations ?? {}) as Node;
  const orgs = list(organizations.organization);
  if (!orgs.length) invalid('it has no <organization>, so there is nothing to show learners');
  const defaultId = attr(organizations, 'default');
  const org = orgs.find((o) => attr(o, 'identifier') === defaultId) ?? orgs[0];

  let count = 0;
  let scoCount = 0;
  let firstLaunch: string | null = null;
  const items = (nodes: Node[], depth: number): ScormTocItem[] => {
    if (depth > MAX_DEPTH) invalid(`its items nest deeper than ${MAX_DEPTH} levels`);
    return nodes
      .filter((n) => attr(n, 'isvisible') !== 'false' || list(n.item).length || attr(n, 'identifierref'))
      .map((n) => {
        if (++count > MAX_ITEMS) invalid(`it has more than ${MAX_ITEMS} items`);
        const ref = attr(n, 'identifierref');
        let launch: string | null = null;
        let scormType: ScormTocItem['scormType'] = null;
        if (ref) {
          const resource = resources.get(ref);
          if (!resource)
            invalid(
              `item "${attr(n, 'identifier').slice(0, 100)}" points to the resource "${ref.slice(0, 100)}", which it does not list`,
            );
          const href = attr(resource!, 'href');
          if (!href) invalid(`the resource "${ref.slice(0, 100)}" has no href to launch`);
          const base = rootBase + resourcesBase + attr(resource!, 'base');
          const type = (attr(resource!, 'scormtype') || attr(resource!, 'scormType')).toLowerCase();
          scormType = type === 'sco' ? 'sco' : 'asset';
          if (scormType === 'sco') scoCount++;
          const params = attr(n, 'parameters');
          launch = isExternal(href) ? href : packagePath(base, href) + (href.match(/[?#].*$/)?.[0] ?? '') + params;
          firstLaunch ??= launch;
        }
        const mastery = Number(text(n.masteryscore));
        return {
          identifier: attr(n, 'identifier').slice(0, 200),
          title: text(n.title) || attr(n, 'identifier').slice(0, 200) || 'Untitled',
          launch,
          scormType,
          masteryScore: text(n.masteryscore) && Number.isFinite(mastery) ? mastery : null,
          children: items(list(n.item), depth + 1),
        };
      });
  };
  const toc = items(list(org.item), 1);
  if (!firstLaunch) invalid('none of its items opens a page');

  const general = ((metadata.lom as Node | undefined)?.general ?? {}) as Node;
  const title = text(general.title) || text(org.title) || attr(manifest, 'identifier') || 'SCORM package';
  const description = text(general.description) || null;
  return {
    manifest: {
      version,
      identifier: attr(manifest, 'identifier').slice(0, 200),
      title,
      description,
      organization: { identifier: attr(org, 'identifier').slice(0, 200), title: text(org.title) || title, items: toc },
      launch: firstLaunch!,
      scoCount,
    },
    namedFiles: [...namedFiles],
  };
}

/** The lesson's Markdown: the package's description and table of contents (what search indexes and print shows). */
export function scormLessonMarkdown(manifest: ScormManifest): string {
  const escape = (s: string) => s.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
  const lines: string[] = [];
  if (manifest.description) lines.push(escape(manifest.description), '');
  const walk = (items: ScormTocItem[], depth: number) => {
    for (const item of items) {
      lines.push(`${'  '.repeat(depth)}- ${escape(item.title)}`);
      walk(item.children, depth + 1);
    }
  };
  walk(manifest.organization.items, 0);
  return lines.join('\n').slice(0, 100_000);
}
