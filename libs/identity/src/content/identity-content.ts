// Loads agencies, positions and (for the local demo) users from content/ YAML; re-running changes
// only what differs, so it is safe on every start.
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { Agency, AGENCY_KINDS, AgencyKind } from '../agencies/agency.entity';
import { POSITION_CATEGORIES, PositionCategory } from '../positions/position.entity';
import { PositionsRepository } from '../positions/positions.repository';
import { Role } from '../roles';

export interface AgencyNode {
  code: string;
  kind: AgencyKind;
  name: { mn: string; en: string };
  children?: AgencyNode[];
}
export interface PositionItem {
  code: string;
  name: { mn: string; en: string };
  category: PositionCategory;
}
export interface DemoUserItem {
  email: string;
  name: string;
  roles: Role[];
  agency: string;
  position: string;
  staffNumber?: string;
}
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const CODE = /^[a-z0-9][a-z0-9-]{1,79}$/;

export class ContentError extends Error {}

export function need(ok: unknown, where: string, what: string): asserts ok {
  if (!ok) throw new ContentError(`${where}: ${what}`);
}

/** Checks the agency tree's shape and returns it flattened parent-first. */
export function flattenAgencies(
  root: unknown,
  file = 'content/agencies.yaml',
): { node: AgencyNode; parentCode: string | null }[] {
  const out: { node: AgencyNode; parentCode: string | null }[] = [];
  const seen = new Set<string>();
  const walk = (raw: unknown, parentCode: string | null, trail: string) => {
    const n = raw as AgencyNode;
    const where = `${file} at ${trail || '(root)'}`;
    need(n && typeof n === 'object', where, 'each agency must be a mapping');
    need(
      typeof n.code === 'string' && CODE.test(n.code),
      where,
      `code "${n.code}" must be 2-80 lowercase letters, digits or dashes`,
    );
    need(!seen.has(n.code), where, `code ${n.code} appears twice`);
    need(
      AGENCY_KINDS.includes(n.kind),
      `${where} > ${n.code}`,
      `kind "${n.kind}" must be one of ${AGENCY_KINDS.join(', ')}`,
    );
    need(
      typeof n.name?.mn === 'string' && typeof n.name?.en === 'string',
      `${where} > ${n.code}`,
      'name needs mn and en',
    );
    seen.add(n.code);
    out.push({ node: n, parentCode });
    need(n.children === undefined || Array.isArray(n.children), `${where} > ${n.code}`, 'children must be a list');
    for (const child of n.children ?? []) walk(child, n.code, trail ? `${trail} > ${n.code}` : n.code);
  };
  walk(root, null, '');
  return out;
}

/** Writes the agency tree in the caller's transaction, through the agencies' repository. */
export async function importAgencies(
  agencies: AgenciesRepository,
  manager: EntityManager,
  root: unknown,
  onStep: () => void = () => undefined,
): Promise<ImportCounts> {
  const flat = flattenAgencies(root);
  const existing = new Map((await agencies.all(manager)).map((a) => [a.code, a]));
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const { node, parentCode } of flat) {
    const parent = parentCode ? existing.get(parentCode)! : null;
    const current = existing.get(node.code);
    const id = current?.id ?? randomUUID();
    const wanted = {
      code: node.code,
      kind: node.kind,
      nameMn: node.name.mn.trim(),
      nameEn: node.name.en.trim(),
      parentId: parent?.id ?? null,
      path: [...(parent?.path ?? []), id],
    };
    if (!current) {
      await agencies.insert(manager, id, wanted);
      existing.set(node.code, { ...(wanted as Agency), id });
      counts.created++;
    } else if (
      current.kind !== wanted.kind ||
      current.nameMn !== wanted.nameMn ||
      current.nameEn !== wanted.nameEn ||
      current.parentId !== wanted.parentId ||
      current.path.join() !== wanted.path.join()
    ) {
      await agencies.update(manager, id, wanted);
      existing.set(node.code, { ...current, ...wanted });
      counts.updated++;
    } else {
      counts.unchanged++;
    }
    onStep();
  }
  return counts;
}

/** Writes the positions in the caller's transaction, through the positions' repository. */
export async function importPositions(
  positions: PositionsRepository,
  manager: EntityManager,
  raw: unknown,
  file = 'content/positions.yaml',
): Promise<ImportCounts> {
  const list = (raw as { positions?: unknown })?.positions;
  need(Array.isArray(list), file, 'expected a top-level "positions:" list');
  const existing = new Map((await positions.all(manager)).map((p) => [p.code, p]));
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const [i, item] of (list as PositionItem[]).entries()) {
    const where = `${file} positions[${i}]`;
    need(
      typeof item?.code === 'string' && CODE.test(item.code),
      where,
      `code "${item?.code}" must be 2-80 lowercase letters, digits or dashes`,
    );
    need(
      POSITION_CATEGORIES.includes(item.category),
      where,
      `category must be one of ${POSITION_CATEGORIES.join(', ')}`,
    );
    need(typeof item.name?.mn === 'string' && typeof item.name?.en === 'string', where, 'name needs mn and en');
    const wanted = {
      code: item.code,
      nameMn: item.name.mn.trim(),
      nameEn: item.name.en.trim(),
      category: item.category,
    };
    const current = existing.get(item.code);
    if (!current) {
      await positions.insert(manager, wanted);
      counts.created++;
    } else if (
      current.nameMn !== wanted.nameMn ||
      current.nameEn !== wanted.nameEn ||
      current.category !== wanted.category
    ) {
      await positions.update(manager, current.id, wanted);
      counts.updated++;
    } else counts.unchanged++;
  }
  return counts;
}
