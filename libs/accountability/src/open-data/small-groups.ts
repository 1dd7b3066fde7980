// The small-group rule of open data, as a pure function over the agency tree. Publishing a group's
// size publishes every difference too: a parent minus any published descendants — at any depth, the
// descendants of a hidden agency included — is the size of the people left over. Those leftovers
// are exactly the "regions" below: a published agency's people outside its nearest published
// descendants. Every figure anyone can derive by adding and subtracting published sizes is a sum of
// regions, so when every region is empty or holds at least SMALL_GROUP people, no difference of
// published figures ever singles out a group of 1 to SMALL_GROUP − 1 people.

export const SMALL_GROUP = 5;

export interface GroupNode {
  id: string;
  parentId: string | null;
  /** People in the agency's whole subtree. */
  size: number;
}

/**
 * The agencies not to publish: those under SMALL_GROUP people, those in `alsoHidden`, and as few
 * more as it takes (complementary suppression) for every region to be empty or at least
 * SMALL_GROUP. Agencies are settled from the leaves up; where a region is too small, its smallest
 * nearest published descendant with people of its own is hidden, folding them in (ties by id, so
 * the same tree always publishes the same agencies).
 */
export function suppressSmallGroups(nodes: GroupNode[], alsoHidden: Iterable<string> = []): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, GroupNode[]>();
  for (const n of nodes)
    if (n.parentId && byId.has(n.parentId)) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const hidden = new Set([...alsoHidden, ...nodes.filter((n) => n.size < SMALL_GROUP).map((n) => n.id)]);

  /** The published agencies nearest below `id`: its children, or theirs where a child is hidden. */
  const nearestPublished = (id: string): GroupNode[] => {
    const found: GroupNode[] = [];
    const stack = [...(children.get(id) ?? [])];
    for (let n = stack.pop(); n; n = stack.pop()) {
      if (hidden.has(n.id)) stack.push(...(children.get(n.id) ?? []));
      else found.push(n);
    }
    return found;
  };
  const region = (n: GroupNode) => n.size - nearestPublished(n.id).reduce((sum, d) => sum + d.size, 0);

  const depth = new Map<string, number>();
  const depthOf = (n: GroupNode): number => {
    let d = depth.get(n.id);
    if (d === undefined)
      depth.set(n.id, (d = n.parentId && byId.has(n.parentId) ? depthOf(byId.get(n.parentId)!) + 1 : 0));
    return d;
  };
  const byName = (a: GroupNode, b: GroupNode) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const leavesFirst = [...nodes].sort((a, b) => depthOf(b) - depthOf(a) || byName(a, b));

  for (const n of leavesFirst) {
    if (hidden.has(n.id)) continue;
    // The agencies below are settled (their regions are empty or large enough), so hiding one with
    // people of its own adds at least SMALL_GROUP to this region; one with none adds nothing but
    // brings its own nearest published agencies up to be chosen from.
    for (let left = region(n); left > 0 && left < SMALL_GROUP; left = region(n)) {
      const below = nearestPublished(n.id)
        .map((d) => ({ d, own: region(d) }))
        .sort((a, b) => a.d.size - b.d.size || byName(a.d, b.d));
      hidden.add((below.find((b) => b.own > 0) ?? below[0]).d.id);
    }
  }
  return hidden;
}
