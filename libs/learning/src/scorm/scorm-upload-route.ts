// SCORM packages arrive as multipart/form-data (the draft page's form, curl -F), far larger than any
// other form: up to SCORM_MAX_PACKAGE_BYTES, on the routes declared with ScormUploadRoute() only
// (everything else keeps the small global multipart limits). Who may send one (trainers and
// administrators) is checked before a byte of it is read (identity's UploadRoute), so a learner's
// 100 MiB upload costs a 403 and no bytes; the service checks the course after.
import { declaredByteLimit, UploadRoute } from '@chadavkhi/identity';

export const DEFAULT_SCORM_MAX_PACKAGE_BYTES = 100 * 1024 * 1024;

export const ScormUploadRoute = (): MethodDecorator =>
  UploadRoute({
    roles: ['trainer', 'admin'],
    multipartFileBytes: declaredByteLimit('SCORM_MAX_PACKAGE_BYTES', DEFAULT_SCORM_MAX_PACKAGE_BYTES),
  });
