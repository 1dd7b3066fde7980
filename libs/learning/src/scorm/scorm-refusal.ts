// Why a SCORM package was refused, as a slug a page words in its own language, a status and a
// sentence a trainer understands. Thrown before anything is stored.
import { HttpException, HttpStatus } from '@nestjs/common';

export const SCORM_REFUSALS = {
  'not-a-zip': HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  'package-too-large': HttpStatus.PAYLOAD_TOO_LARGE,
  'unpacked-too-large': HttpStatus.PAYLOAD_TOO_LARGE,
  'zip-bomb': HttpStatus.UNPROCESSABLE_ENTITY,
  'too-many-files': HttpStatus.UNPROCESSABLE_ENTITY,
  'unsafe-path': HttpStatus.UNPROCESSABLE_ENTITY,
  'duplicate-file': HttpStatus.UNPROCESSABLE_ENTITY,
  'unreadable-zip': HttpStatus.UNPROCESSABLE_ENTITY,
  'no-manifest': HttpStatus.UNPROCESSABLE_ENTITY,
  'invalid-manifest': HttpStatus.UNPROCESSABLE_ENTITY,
  'missing-file': HttpStatus.UNPROCESSABLE_ENTITY,
  'unsupported-version': HttpStatus.UNPROCESSABLE_ENTITY,
  'no-package-file': HttpStatus.UNPROCESSABLE_ENTITY,
} as const;
export type ScormRefusalSlug = keyof typeof SCORM_REFUSALS;

export class ScormRefusal extends HttpException {
  constructor(
    readonly slug: ScormRefusalSlug,
    message: string,
    readonly detailValues: Record<string, string | number> = {},
  ) {
    super({ message, slug, ...detailValues }, SCORM_REFUSALS[slug]);
  }
}

export function refuseScorm(
  slug: ScormRefusalSlug,
  message: string,
  values: Record<string, string | number> = {},
): never {
  throw new ScormRefusal(slug, message, values);
}
