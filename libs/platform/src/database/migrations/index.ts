// The single ordered migration history; append, never edit a migration that has shipped.
import { PlatformAndIdentity1763870400000 } from './1763870400000-platform-and-identity';
import { Learning1763956800000 } from './1763956800000-learning';
import { CatalogueCounts1764043200000 } from './1764043200000-catalogue-counts';
import { Assessment1764129600000 } from './1764129600000-assessment';
import { Certification1764216000000 } from './1764216000000-certification';
import { AgencyMetrics1764302400000 } from './1764302400000-agency-metrics';
import { AgencyMetricsHistory1764388800000 } from './1764388800000-agency-metrics-history';
import { Knowledge1764475200000 } from './1764475200000-knowledge';
import { Notifications1764561600000 } from './1764561600000-notifications';
import { Accountability1764648000000 } from './1764648000000-accountability';
import { MetricsCoveringIndexes1764734400000 } from './1764734400000-metrics-covering-indexes';
import { FaceToFace1764900000000 } from './1764900000000-face-to-face';
import { OfflineSync1764950000000 } from './1764950000000-offline-sync';
import { AttachmentTextStatus1765000000000 } from './1765000000000-attachment-text-status';
import { QuizAnswerKey1765010000000 } from './1765010000000-quiz-answer-key';
import { KnowledgeAttachmentVersions1765020000000 } from './1765020000000-knowledge-attachment-versions';
import { Accounts1765030000000 } from './1765030000000-accounts';
import { LessonImageSources1765040000000 } from './1765040000000-lesson-image-sources';
import { MetricsContributors1765050000000 } from './1765050000000-metrics-contributors';
import { CourseDraftRevision1765110000000 } from './1765110000000-course-draft-revision';
import { UsersMovesFromIdentity1765140000000 } from './1765140000000-users-moves-from-identity';
import { StaffRecords1765200000000 } from './1765200000000-staff-records';
import { ScimConnections1765210000000 } from './1765210000000-scim-connections';
import { Handovers1765220000000 } from './1765220000000-handovers';
import { SupervisorApprovals1765230000000 } from './1765230000000-supervisor-approvals';
import { DataQuality1765240000000 } from './1765240000000-data-quality';
import { CertificateLatinName1765241000000 } from './1765241000000-certificate-latin-name';
import { SignInSessions1765250000000 } from './1765250000000-sign-in-sessions';
import { SecondFactor1765270000000 } from './1765270000000-second-factor';
import { OpenBadgesCredentials1765300000000 } from './1765300000000-open-badges-credentials';
import { Evaluation1765410000000 } from './1765410000000-evaluation';
import { CompletionIntegrity1765410001000 } from './1765410001000-completion-integrity';
import { OfflineSurveys1765410002000 } from './1765410002000-offline-surveys';
import { PaperSurveys1765410003000 } from './1765410003000-paper-surveys';
import { CapacityPlans1765400000000 } from './1765400000000-capacity-plans';
import { CommentSubjects1765401000000 } from './1765401000000-comment-subjects';
import { NeedsSurveys1765402000000 } from './1765402000000-needs-surveys';
import { ScormPackages1765430000000 } from './1765430000000-scorm-packages';
import { ScormTracking1765440000000 } from './1765440000000-scorm-tracking';
import { ScormPackageText1765450000000 } from './1765450000000-scorm-package-text';
import { ScormPackageReferences1765451000000 } from './1765451000000-scorm-package-references';
import { ScormCommitAge1765460000000 } from './1765460000000-scorm-commit-age';

export const migrations = [
  PlatformAndIdentity1763870400000,
  Learning1763956800000,
  CatalogueCounts1764043200000,
  Assessment1764129600000,
  Certification1764216000000,
  AgencyMetrics1764302400000,
  AgencyMetricsHistory1764388800000,
  Knowledge1764475200000,
  Notifications1764561600000,
  Accountability1764648000000,
  MetricsCoveringIndexes1764734400000,
  FaceToFace1764900000000,
  OfflineSync1764950000000,
  AttachmentTextStatus1765000000000,
  QuizAnswerKey1765010000000,
  KnowledgeAttachmentVersions1765020000000,
  Accounts1765030000000,
  LessonImageSources1765040000000,
  MetricsContributors1765050000000,
  CourseDraftRevision1765110000000,
  UsersMovesFromIdentity1765140000000,
  StaffRecords1765200000000,
  ScimConnections1765210000000,
  Handovers1765220000000,
  SupervisorApprovals1765230000000,
  DataQuality1765240000000,
  CertificateLatinName1765241000000,
  SignInSessions1765250000000,
  SecondFactor1765270000000,
  OpenBadgesCredentials1765300000000,
  CapacityPlans1765400000000,
  CommentSubjects1765401000000,
  NeedsSurveys1765402000000,
  Evaluation1765410000000,
  CompletionIntegrity1765410001000,
  OfflineSurveys1765410002000,
  PaperSurveys1765410003000,
  ScormPackages1765430000000,
  ScormTracking1765440000000,
  ScormPackageText1765450000000,
  ScormPackageReferences1765451000000,
  ScormCommitAge1765460000000,
];
