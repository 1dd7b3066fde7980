// What a course version certifies, as an OB 3.0 Achievement: embedded in each credential and served
// at its id, a public URL, so a verifier can read what was achieved without an account.
export interface AchievementFacts {
  publicUrl: string;
  courseId: string;
  version: number;
  title: string;
  summary: string;
}

export function achievementUrl(publicUrl: string, courseId: string, version: number): string {
  return `${publicUrl}/api/v1/credentials/achievements/${courseId}/v/${version}`;
}

export function achievement(f: AchievementFacts) {
  return {
    id: achievementUrl(f.publicUrl, f.courseId, f.version),
    type: ['Achievement'],
    achievementType: 'Course',
    name: f.title,
    description: f.summary,
    criteria: {
      narrative: 'Completed every required lesson and passed the final assessment, if the course has one.',
    },
    version: String(f.version),
  };
}
