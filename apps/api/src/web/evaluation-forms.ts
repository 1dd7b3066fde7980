// A survey as a page: the questions as radio groups and text boxes (plain HTML, fine without
// JavaScript on a 320-pixel phone), the posted form back into an answer sheet, and the service's
// refusals worded in the page's language. The rules stay in the evaluation lib.
import type { EvaluationQuestion } from '@chadavkhi/evaluation';
import { RATING_MAX, RATING_MIN } from '@chadavkhi/evaluation';
import { ValidationProblemException } from '@chadavkhi/platform';
import { Language, translate } from './i18n';

const FIELD = 'answer-';

/** The posted form as an answer sheet: a field per question key. */
export function answersFromForm(
  questions: EvaluationQuestion[],
  body: Record<string, unknown>,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    const raw = body[`${FIELD}${q.key}`];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value !== 'string' || value === '') continue;
    answers[q.key] = value;
  }
  return answers;
}

/** Per question key, the words for what is wrong with its answer; undefined when the error is not about answers. */
export function answerErrors(lang: Language, error: unknown): Record<string, string> | undefined {
  if (!(error instanceof ValidationProblemException)) return undefined;
  const out: Record<string, string> = {};
  for (const rule of error.rules) {
    // A paper stack's fields are sheets.<i>.answers.<key>; the page types one sheet at a time.
    const field = rule.field.replace(/^sheets\.\d+\./, '');
    if (!field.startsWith('answers.')) continue;
    const key = field.slice('answers.'.length);
    out[key] = translate(
      lang,
      rule.rule === 'required'
        ? 'evaluation.survey.required'
        : rule.rule === 'text-too-long'
          ? 'evaluation.survey.tooLong'
          : 'evaluation.survey.invalid',
    );
  }
  return Object.keys(out).length ? out : undefined;
}

export function questionsModel(
  lang: Language,
  questions: EvaluationQuestion[],
  values: Record<string, unknown> = {},
  errors: Record<string, string> = {},
) {
  return questions.map((q, i) => {
    const id = `q${i + 1}`;
    const value = values[q.key] === undefined ? '' : String(values[q.key]);
    const options =
      q.kind === 'rating'
        ? Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, n) => String(RATING_MIN + n)).map((v) => ({
            value: v,
            label: translate(lang, `evaluation.rating.${v}`),
          }))
        : (q.options ?? []).map((o) => ({ value: o.key, label: lang === 'en' ? o.en : o.mn }));
    return {
      id,
      name: `${FIELD}${q.key}`,
      legend: lang === 'en' ? q.en : q.mn,
      text: q.kind === 'text',
      optional: !!q.custom,
      value,
      error: errors[q.key],
      options: options.map((o, n) => ({ ...o, id: `${id}-${n + 1}`, checked: o.value === value })),
    };
  });
}

export function errorSummary(questions: ReturnType<typeof questionsModel>) {
  const list = questions.filter((q) => q.error).map((q) => ({ href: `#${q.id}`, message: `${q.legend} — ${q.error}` }));
  return list.length ? list : undefined;
}

/** A refusal of the survey itself (closed, not open) in the page's words. */
export function surveyRefusal(lang: Language, slug: string | undefined): string | undefined {
  if (slug === 'survey-closed') return translate(lang, 'evaluation.refused.closed');
  if (slug === 'survey-not-open') return translate(lang, 'evaluation.refused.notOpen');
  return undefined;
}
