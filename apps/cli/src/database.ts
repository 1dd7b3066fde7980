import { DataSource } from 'typeorm';
import { Agency, Position, User } from '@chadavkhi/identity';
import { Course, CourseLesson, CourseVersion, Enrollment, LessonCompletion } from '@chadavkhi/learning';
import { KNOWLEDGE_ENTITIES } from '@chadavkhi/knowledge';
import { AuditLogEntry, dataSourceOptions, OutboxEvent } from '@chadavkhi/platform';

/** The CLI needs only PostgreSQL, so it checks only DATABASE_URL rather than the whole app config. */
export async function openDatabase(): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('DATABASE_URL must be set to a PostgreSQL URL such as postgres://user:password@host:5432/chadavkhi');
  }
  return new DataSource(dataSourceOptions({ DATABASE_URL: url }, [Agency, Position, User, OutboxEvent, AuditLogEntry, Course, CourseVersion, CourseLesson, Enrollment, LessonCompletion, ...KNOWLEDGE_ENTITIES])).initialize();
}
