// Classical item analysis: how hard each question is (share of points earned) and how well it
// separates strong from weak learners (upper 27% minus lower 27% by total score).

export interface ScoredAttempt {
  percent: number;
  items: { questionId: string; score: number; max: number }[];
}

export interface ItemStatistics {
  questionId: string;
  answered: number;
  /** Mean share of the points earned, 0–1 (the "p-value"; higher is easier). */
  difficulty: number;
  /** Upper-group minus lower-group share earned, -1–1; below about 0.2 the question needs a look. */
  discrimination: number | null;
  flag: 'ok' | 'too-easy' | 'too-hard' | 'poor-discrimination' | 'too-few-answers';
}

const GROUP = 0.27;

export function itemAnalysis(attempts: ScoredAttempt[]): ItemStatistics[] {
  const ranked = [...attempts].sort((a, b) => b.percent - a.percent);
  const groupSize = Math.max(1, Math.floor(ranked.length * GROUP));
  const upper = new Set(ranked.slice(0, groupSize));
  const lower = new Set(ranked.slice(-groupSize));
  const byQuestion = new Map<string, { all: number[]; upper: number[]; lower: number[] }>();
  for (const attempt of attempts) {
    for (const item of attempt.items) {
      const share = item.max ? item.score / item.max : 0;
      const entry = byQuestion.get(item.questionId) ?? { all: [], upper: [], lower: [] };
      entry.all.push(share);
      if (upper.has(attempt)) entry.upper.push(share);
      if (lower.has(attempt)) entry.lower.push(share);
      byQuestion.set(item.questionId, entry);
    }
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return [...byQuestion].map(([questionId, e]) => {
    const difficulty = round(mean(e.all));
    const enough = e.all.length >= 5 && e.upper.length > 0 && e.lower.length > 0;
    const discrimination = enough ? round(mean(e.upper) - mean(e.lower)) : null;
    const flag: ItemStatistics['flag'] = !enough
      ? 'too-few-answers'
      : difficulty > 0.95
        ? 'too-easy'
        : difficulty < 0.2
          ? 'too-hard'
          : discrimination! < 0.2
            ? 'poor-discrimination'
            : 'ok';
    return { questionId, answered: e.all.length, difficulty, discrimination, flag };
  });
}
