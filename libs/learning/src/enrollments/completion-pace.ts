// Completion integrity (flag, don't block): a lesson marked done in far less time than its share of
// the course's estimated minutes is flagged. The time a lesson took is the time since the learner's
// previous step in the enrolment (enrolling, or marking an earlier lesson done): reading a lesson
// and then marking it done spans the reading; clicking "done" down the outline does not.

/** Flagged under this share of the lesson's estimated time. */
export const FAST_SHARE = 0.2;
/** Lessons estimated under a minute are never flagged: too short to tell reading from skimming. */
export const MIN_ESTIMATE_SECONDS = 60;

export interface LessonStep {
  lessonId: string;
  completedAt: Date;
}

export interface PacedStep extends LessonStep {
  secondsSpent: number;
  estimatedSeconds: number;
  tooFast: boolean;
}

/**
 * Each lesson's estimated seconds: the course's estimated minutes shared out by the length of the
 * lessons' text (a lesson with no text shares nothing).
 */
export function lessonEstimates(estimatedMinutes: number, lengths: Map<string, number>): Map<string, number> {
  const total = [...lengths.values()].reduce((s, n) => s + n, 0);
  return new Map([...lengths].map(([id, n]) => [id, total > 0 ? Math.round((estimatedMinutes * 60 * n) / total) : 0]));
}

/** Paces new steps against the moments already recorded (enrolling, earlier completions). */
export function paceSteps(steps: LessonStep[], earlier: Date[], estimates: Map<string, number>): PacedStep[] {
  const moments = earlier.map((d) => d.getTime());
  return [...steps]
    .sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime())
    .map((step) => {
      const at = step.completedAt.getTime();
      const previous = moments.filter((m) => m <= at).reduce((a, b) => Math.max(a, b), -Infinity);
      moments.push(at);
      const secondsSpent = Number.isFinite(previous) ? Math.round((at - previous) / 1000) : 0;
      const estimatedSeconds = estimates.get(step.lessonId) ?? 0;
      const tooFast =
        Number.isFinite(previous) &&
        estimatedSeconds >= MIN_ESTIMATE_SECONDS &&
        secondsSpent < estimatedSeconds * FAST_SHARE;
      return { ...step, secondsSpent, estimatedSeconds, tooFast };
    });
}
