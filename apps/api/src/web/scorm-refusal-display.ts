// A refused SCORM package in the page's words: the refusal's slug worded in the page's language
// (the service's English sentence, which names the file or figure, after it on English pages); the
// page's own wording of a draft refusal or of a field's bound otherwise.
import { HttpStatus } from '@nestjs/common';
import { SCORM_REFUSALS } from '@chadavkhi/learning';
import { draftRefusal } from './draft-refusal';
import { formRefusal } from './form-refusal';
import { Language, translate } from './i18n';

export function scormRefusal(
  error: unknown,
  lang: Language,
  maxPackageBytes: number,
): { status: number; message: string } | undefined {
  const refused = formRefusal(error, [
    HttpStatus.BAD_REQUEST,
    HttpStatus.CONFLICT,
    HttpStatus.PAYLOAD_TOO_LARGE,
    415,
    422,
  ]);
  if (!refused) return undefined;
  const mib = Math.round(maxPackageBytes / 1048576);
  const scorm = refused.slug && refused.slug in SCORM_REFUSALS;
  const message = scorm
    ? translate(lang, `author.scorm.${refused.slug}`, { ...refused.values, mib })
    : refused.status === HttpStatus.PAYLOAD_TOO_LARGE
      ? translate(lang, 'author.scorm.package-too-large', { mib })
      : (draftRefusal(error, lang)?.message ?? refused.message);
  const detail = lang === 'en' && scorm ? ` (${refused.message})` : '';
  return { status: refused.status, message: message + detail };
}
