// What evaluation adds to other libs' outputs, which cannot import it (learning and accountability
// are below it): the course survey sheet in learning's printable pack (PACK_SURVEY_SOURCE) — the
// online survey's questions worded in the printout's language, so typed-in sheets count with the
// rest — and the course evaluations in accountability's open Data Package (described at start).
import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { PACK_SURVEY_SOURCE, PackLanguage, PackSurveySource, PaperSurveySheet } from '@chadavkhi/learning';
import { AccountabilityModule, OpenDataService } from '@chadavkhi/accountability';
import { CourseQuestionsService } from './questions/course-questions.service';
import { EvaluationModule } from './evaluation.module';
import { openEvaluationResource } from './open-data/open-evaluations';

const WORDS = {
  mn: {
    title: 'Сургалтын үнэлгээ',
    lead: 'Нэрээ бичих шаардлагагүй. Хариултыг зөвхөн бүлгээр нэгтгэнэ. Нэг хайрцгийг тэмдэглэнэ үү.',
    numberLabel: 'Хуудасны дугаар (бөглөх үед)',
    optionalLabel: 'заавал биш',
    scale: ['1 Огт санал нийлэхгүй', '2', '3', '4', '5 Бүрэн санал нийлнэ'],
  },
  en: {
    title: 'Course evaluation',
    lead: 'Do not write your name. Answers are reported only in groups. Tick one box.',
    numberLabel: 'Sheet number (when typed in)',
    optionalLabel: 'optional',
    scale: ['1 Strongly disagree', '2', '3', '4', '5 Strongly agree'],
  },
} as const;

@Injectable()
export class PackSurveySheet implements PackSurveySource {
  constructor(private readonly questions: CourseQuestionsService) {}

  async sheetFor(courseId: string, lang: PackLanguage): Promise<PaperSurveySheet> {
    const w = WORDS[lang];
    const asked = await this.questions.questionsFor(courseId, 'reaction');
    return {
      title: w.title,
      lead: w.lead,
      numberLabel: w.numberLabel,
      optionalLabel: w.optionalLabel,
      questions: asked.map((q) => ({
        text: lang === 'en' ? q.en : q.mn,
        kind: q.kind,
        options: q.kind === 'rating' ? [...w.scale] : (q.options ?? []).map((o) => (lang === 'en' ? o.en : o.mn)),
        optional: q.kind === 'text' || !!q.custom,
      })),
    };
  }
}

/** The course evaluations join the agency figures (and the plans) in the one Data Package. */
@Injectable()
export class OpenEvaluationsInPackage implements OnModuleInit {
  constructor(private readonly openData: OpenDataService) {}

  onModuleInit(): void {
    this.openData.describeResource(openEvaluationResource());
  }
}

/** Global, so learning's services find what they optionally inject. */
@Global()
@Module({
  imports: [EvaluationModule, AccountabilityModule],
  providers: [PackSurveySheet, { provide: PACK_SURVEY_SOURCE, useExisting: PackSurveySheet }, OpenEvaluationsInPackage],
  exports: [PACK_SURVEY_SOURCE],
})
export class EvaluationContributionsModule {}
