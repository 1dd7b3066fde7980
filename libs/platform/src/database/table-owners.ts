// The one lib that owns (and alone writes) each table and view the migrations create.
// docs/architecture.md states the same map; test/architecture/table-ownership.spec.ts holds the code to it.
export const libs = [
  'platform',
  'identity',
  'learning',
  'assessment',
  'certification',
  'knowledge',
  'accountability',
  'notifications',
  'evaluation',
  'planning',
] as const;
export type Lib = (typeof libs)[number];

export const tableOwners = {
  outbox_events: 'platform',
  audit_log_entries: 'platform',

  agencies: 'identity',
  positions: 'identity',
  users: 'identity',
  sessions: 'identity',
  external_identities: 'identity',
  provider_sign_in_requests: 'identity',
  used_provider_assertions: 'identity',
  account_links: 'identity',
  user_placements: 'identity',
  staff_imports: 'identity',
  handovers: 'identity',
  scim_connections: 'identity',
  second_factors: 'identity',
  second_factor_recovery_codes: 'identity',
  second_factor_challenges: 'identity',

  courses: 'learning',
  course_versions: 'learning',
  course_lessons: 'learning',
  enrollments: 'learning',
  lesson_completions: 'learning',
  training_sessions: 'learning',
  session_registrations: 'learning',
  offline_events: 'learning',
  learning_handover_items: 'learning',
  scorm_packages: 'learning',
  scorm_package_files: 'learning',
  scorm_files: 'learning',
  scorm_tracking: 'learning',
  scorm_commits: 'learning',

  quiz_attempts: 'assessment',

  signing_keys: 'certification',
  certificates: 'certification',

  knowledge_documents: 'knowledge',
  knowledge_document_versions: 'knowledge',
  knowledge_attachments: 'knowledge',
  knowledge_comments: 'knowledge',
  knowledge_handover_items: 'knowledge',

  competencies: 'accountability',
  competency_levels: 'accountability',
  position_competencies: 'accountability',
  course_competencies: 'accountability',
  course_version_competencies: 'accountability',
  assignments: 'accountability',
  assignment_users: 'accountability',
  agency_metrics: 'accountability',
  agency_metrics_history: 'accountability',
  agency_own_metrics: 'accountability',

  notifications: 'notifications',

  evaluation_course_questions: 'evaluation',
  evaluation_responses: 'evaluation',
  evaluation_follow_ups: 'evaluation',
  capacity_plans: 'planning',
  capacity_plan_lines: 'planning',
  capacity_plan_versions: 'planning',
  capacity_plan_spending: 'planning',
  capacity_plan_deliveries: 'planning',
  capacity_plan_actuals: 'planning',
  capacity_plan_actuals_history: 'planning',
  needs_surveys: 'planning',
  needs_survey_answers: 'planning',
} as const satisfies Record<string, Lib>;

export type Table = keyof typeof tableOwners;
