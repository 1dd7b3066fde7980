// The small-group rule for results split into groups (per version, trainer or agency) beside a
// published total: a hidden group's size (and its answers' sums) is the total minus the published
// groups, so the hidden groups together must also hold no respondents or at least the threshold.
// Where they would not, the smallest published groups are hidden too (complementary suppression).

export interface PartitionGroup {
  key: string;
  size: number;
}

/** The keys of the groups not to publish, given the threshold (the open-data SMALL_GROUP). */
export function suppressPartition(groups: PartitionGroup[], threshold: number): Set<string> {
  const hidden = new Set(groups.filter((g) => g.size > 0 && g.size < threshold).map((g) => g.key));
  const hiddenSize = () => groups.filter((g) => hidden.has(g.key)).reduce((s, g) => s + g.size, 0);
  const bySize = [...groups].sort((a, b) => a.size - b.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let left = hiddenSize(); left > 0 && left < threshold; left = hiddenSize()) {
    const next = bySize.find((g) => !hidden.has(g.key) && g.size > 0);
    if (!next) break;
    hidden.add(next.key);
  }
  return hidden;
}
