// The platform's public surface: what apps and other libs may import.
export { AppConfig, ConfigError, loadConfig } from './config/app-config';
export { PlatformModule } from './platform.module';
export { HealthModule } from './health/health.module';
export { HealthService } from './health/health.service';
export { HealthReportView } from './health/dto/health-report.view';
export { dataSourceOptions } from './database/data-source-options';
export { migrations } from './database/migrations';
export { ReadQueryable, ReadReplicas, REPLICA_READ_APPLICATION } from './database/read-replicas';
export { addOutboxEvent, addOutboxEvents } from './outbox/outbox';
export { OutboxRelayService } from './outbox/outbox-relay.service';
export { QueueAdminService } from './queue/queue-admin.service';
export {
  FailedJobView,
  JOB_STATES,
  JobState,
  QueueOverview,
  QueuesOverviewView,
  RetriedFailedJobsView,
  RetriedJobView,
} from './queue/dto/queue-overview.view';
export { RedisTarget, redisOptions } from './queue/redis-connection';
export { DeploymentWorkerHost, JobNotReadyError } from './queue/deployment-worker-host';
export { DeploymentError, resolveDeployment } from './deployment/deployment';
export { GracefulStop, ShutdownStep, stopGracefully } from './lifecycle/graceful-shutdown';
export {
  EVENT_ROUTES,
  EventPayloads,
  EventType,
  HandoverPayload,
  OutboxJob,
  QUEUES,
  QueueName,
} from './queue/queue-contract';
export { SearchEngineClient } from './search/search-engine.client';
export { Problem, FieldError, PROBLEM_CONTENT_TYPE, problemType } from './errors/problem';
export { HtmlProblemRenderer, ProblemDetailsFilter, sendProblem, toProblem } from './errors/problem-details.filter';
export { FieldRule, ValidationProblemException } from './errors/validation-problem.exception';
export { validateInput } from './validation/validate-input';
export { createValidationPipe, TopLevelValidationPipe } from './http/validation.pipe';
export {
  boundedJsonParser,
  fieldsWithControlCharacters,
  jsonNestingExceeds,
  MAX_JSON_DEPTH,
  refuseControlCharacters,
} from './http/request-input';
export { Public, IS_PUBLIC } from './http/public.decorator';
export { AllowedMethods, trackAllowedMethods } from './http/allowed-methods';
export { compressInMemory, COMPRESS_THRESHOLD_BYTES } from './http/compress-in-memory';
export { ByteRange, byteRange, contentRange } from './http/byte-range';
export { MAX_PAGE_LIMIT, Page, PageQuery, PageView, page } from './http/pagination';
export { ApiNullableRef } from './openapi/api-nullable-ref';
export { createLogger, PinoNestLogger } from './logging/logger';
export { AuditLogEntryPage, AuditLogEntryView } from './audit/audit-log-entry.view';
export { AuditLogService } from './audit/audit-log.service';
export { AuditActor, recordAudit } from './audit/audit-log';
export { escapeLike } from './database/escape-like';
export { PreparedStatement, preparedStatement, runPrepared } from './database/prepared-statement';
export { BatchedLookup, BatchedLookupOptions } from './database/batched-lookup';
export { FailureLimiter } from './rate-limit/failure-limiter';
export { renderSafeMarkdown, markdownToText, decodeEntities } from './markdown/safe-markdown';
export { readCsvCell, spreadsheetText, writeCsv } from './csv/spreadsheet-csv';
