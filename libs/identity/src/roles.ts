export const ROLES = ['learner', 'trainer', 'hr_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
