import { GroupNode, SMALL_GROUP, suppressSmallGroups } from './small-groups';

const node = (id: string, parentId: string | null, size: number): GroupNode => ({ id, parentId, size });

/** Every group size a reader can compute from the published sizes: each published agency minus any set of its published descendants that do not overlap. */
function differences(nodes: GroupNode[], hidden: Set<string>): { what: string; people: number }[] {
  const published = nodes.filter((n) => !hidden.has(n.id));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const isBelow = (d: GroupNode, a: GroupNode) => {
    for (let p = d.parentId ? byId.get(d.parentId) : undefined; p; p = p.parentId ? byId.get(p.parentId) : undefined)
      if (p.id === a.id) return true;
    return false;
  };
  const found: { what: string; people: number }[] = [];
  for (const a of published) {
    const below = published.filter((d) => isBelow(d, a));
    for (const d of below) found.push({ what: `${a.id} − ${d.id}`, people: a.size - d.size }); // every published pair
    // Every set of published descendants of which none is below another (bounded: trees here are small).
    const sets: GroupNode[][] = [[]];
    for (const d of below)
      for (const set of [...sets]) if (set.every((s) => !isBelow(s, d) && !isBelow(d, s))) sets.push([...set, d]);
    for (const set of sets.slice(1))
      found.push({
        what: `${a.id} − ${set.map((s) => s.id).join(' − ')}`,
        people: a.size - set.reduce((sum, s) => sum + s.size, 0),
      });
  }
  return found;
}

const singlesOut = (nodes: GroupNode[], hidden: Set<string>) =>
  differences(nodes, hidden).filter((d) => d.people > 0 && d.people < SMALL_GROUP);

/** A random tree whose sizes add up like real ones: each agency's own people plus its sub-agencies'. */
function randomTree(seed: number): GroupNode[] {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  const own = new Map<string, number>();
  const parents: (string | null)[] = [null];
  const count = 3 + next(12);
  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? null : `a${next(i)}`;
    parents[i] = parent;
    own.set(`a${i}`, next(3) === 0 ? 0 : next(7)); // many small and empty agencies: the cases that need care
  }
  const size = (id: string): number =>
    own.get(id)! + parents.map((p, i) => (p === id ? size(`a${i}`) : 0)).reduce((a, b) => a + b, 0);
  return parents.map((p, i) => node(`a${i}`, p, size(`a${i}`)));
}

describe('suppressSmallGroups', () => {
  it("closes the probe's gap: parent 17, a hidden child of 6 holding a published grandchild of 5, a published sibling of 9", () => {
    // parent = 2 of its own + sibling 9 + child (1 of its own + grandchild 5).
    const tree = [
      node('parent', null, 17),
      node('sibling', 'parent', 9),
      node('child', 'parent', 6),
      node('grandchild', 'child', 5),
    ];
    const probe = new Set(['child']); // what was published before: 17 − 9 − 5 = 3 people
    expect(singlesOut(tree, probe)).toEqual([expect.objectContaining({ people: 3 })]);

    const hidden = suppressSmallGroups(tree);
    expect(singlesOut(tree, hidden)).toEqual([]);
    expect([...hidden].sort()).toEqual(['child', 'grandchild']);
  });

  it('looks through hidden agencies at any depth', () => {
    // gov 40 = a 30 + (b 4, hidden: its own 0 + nothing) + 6 of its own; a = a1 28 (+2 of its own) → a − a1 = 2.
    const tree = [
      node('gov', null, 40),
      node('a', 'gov', 30),
      node('a1', 'a', 28),
      node('a1x', 'a1', 12),
      node('b', 'gov', 4),
    ];
    const hidden = suppressSmallGroups(tree);
    expect(singlesOut(tree, hidden)).toEqual([]);
    expect(hidden.has('gov')).toBe(false);
  });

  it('keeps agencies it is told to hide hidden, and settles the rest around them', () => {
    // gov 20 = 2 of its own + b 8 + a (1 of its own + a1 9).
    const tree = [node('gov', null, 20), node('b', 'gov', 8), node('a', 'gov', 10), node('a1', 'a', 9)];
    expect([...suppressSmallGroups(tree)].sort()).toEqual(['a1', 'b']); // a − a1 = 1, then gov − a − b = 2
    const hidden = suppressSmallGroups(tree, ['a']); // e.g. too few of a's people enrolled: gov − b − a1 = 3
    expect([...hidden].sort()).toEqual(['a', 'b']);
    expect(singlesOut(tree, hidden)).toEqual([]);
  });

  it('never lets a difference of published sizes single out 1–4 people, and decides the same way however the rows come', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const tree = randomTree(seed);
      const hidden = suppressSmallGroups(tree);
      expect({ seed, singledOut: singlesOut(tree, hidden) }).toEqual({ seed, singledOut: [] });
      expect([...suppressSmallGroups([...tree].reverse())].sort()).toEqual([...hidden].sort());
      for (const n of tree) if (n.size < SMALL_GROUP) expect(hidden.has(n.id)).toBe(true);
    }
  });
});
