// What DraftEditsService and CoursesService refuse about a draft edit, in the page's language: a
// stale edit (409 draft-changed), the outline's and a quiz's limits; anything else as the service said it.
import { HttpStatus } from '@nestjs/common';
import { formRefusal, FormRefusal } from './form-refusal';
import { Language, translate } from './i18n';

const WORDS: Record<string, string> = {
  'draft-changed': 'author.draftChanged',
  'too-many-modules': 'author.tooManyModules',
  'too-many-lessons': 'author.tooManyLessons',
  'too-many-questions': 'quizAuthor.error.tooMany',
  'below-draw': 'quizAuthor.error.belowDraw',
  'quiz-needs-questions': 'quizAuthor.error.noQuestions',
  'draw-exceeds-bank': 'quizAuthor.error.drawExceedsBank',
};

/** A 409 or 422 from the service with its message in words; undefined for anything else (rethrow it). */
export function draftRefusal(error: unknown, lang: Language): (FormRefusal & { stale: boolean }) | undefined {
  const refused = formRefusal(error, [HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY]);
  if (!refused) return undefined;
  const key = refused.slug ? WORDS[refused.slug] : undefined;
  const message = key
    ? translate(lang, key, refused.values)
    : translate(lang, 'author.refused', { message: refused.message });
  return { ...refused, message, stale: refused.slug === 'draft-changed' };
}

/** The revision a form was made on (its hidden field); absent on a form that does not send one. */
export function formRevision(body: Record<string, unknown>): number | undefined {
  const value = body.revision;
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}
