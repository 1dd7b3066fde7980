// Staff files arrive as multipart/form-data (an HTML form on a page, curl -F from a script), larger
// than any other form: up to STAFF_IMPORT_MAX_BYTES, on the routes declared with StaffUploadRoute()
// only (everything else keeps the small global multipart limits). Who may send one (HR officers and
// administrators) is checked before a byte of it is read (auth/upload-route.ts).
import { declaredByteLimit, UploadRoute } from '../auth/upload-route';

export const StaffUploadRoute = (): MethodDecorator =>
  UploadRoute({
    roles: ['admin', 'hr_officer'],
    multipartFileBytes: declaredByteLimit('STAFF_IMPORT_MAX_BYTES', 64 * 1024 * 1024),
  });
