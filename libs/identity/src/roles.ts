// agency_head: approves the annual capacity-building plan of their agency (and its sub-agencies); granted by an administrator.
export const ROLES = ['learner', 'trainer', 'hr_officer', 'agency_head', 'admin'] as const;
export type Role = (typeof ROLES)[number];
