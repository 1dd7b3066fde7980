// The fields of a package upload (multipart/form-data, as an HTML form or curl -F sends them).
import { UnprocessableEntityException } from '@nestjs/common';
import type { ScormCourseUpload, ScormUpload } from './scorm-import.service';

export function scormUploadFields(body: unknown): ScormUpload {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
  const revision = text('revision');
  if (revision !== undefined && revision !== '' && !/^[1-9]\d{0,9}$/.test(revision))
    throw new UnprocessableEntityException('revision must be a positive whole number.');
  return {
    bytes: Buffer.isBuffer(fields.file) ? fields.file : undefined,
    title: text('title'),
    revision: revision ? Number(revision) : undefined,
  };
}

/** The fields of a new course from a package; the bounds are CreateCourseDto's, checked by the service. */
export function scormCourseFields(body: unknown): ScormCourseUpload {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string).trim() : '');
  const minutes = text('estimatedMinutes');
  if (minutes && !/^\d{1,9}$/.test(minutes))
    throw new UnprocessableEntityException('estimatedMinutes must be a whole number of minutes.');
  return {
    bytes: Buffer.isBuffer(fields.file) ? fields.file : undefined,
    title: text('title') || undefined,
    language: (text('language') || undefined) as ScormCourseUpload['language'],
    estimatedMinutes: minutes ? Number(minutes) : undefined,
  };
}
