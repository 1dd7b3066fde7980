// The training needs survey: HR opens it for an agency's subtree and a year with a window; each
// person rates themselves against their position's competencies and their supervisor gives their
// view, online within the window; HR types in paper sheets (up to 30 days after it closes). The
// same answers sent again change nothing; answers for someone else, after the window or about
// competencies the position does not require are refused. The needs report puts the survey beside
// the certificate-based gaps, per competency, for any subtree of the survey's agency.
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, scopeCovers, staffScopeOf } from '@chadavkhi/identity';
import { recordAudit, validateInput, writeCsv } from '@chadavkhi/platform';
import { planDay } from '../actuals/plan-actuals.service';
import { NeedsAnswerDto, OpenNeedsSurveyDto } from './dto/needs-survey.dto';
import {
  MyNeedsSurveysView,
  NeedsAnswerResultView,
  NeedsReportView,
  NeedsSubjectView,
  NeedsSurveyView,
} from './dto/needs-survey.view';
import { SurveyPerson, SurveyRow, NeedsSurveysRepository } from './needs-surveys.repository';

/** Days after a survey closes during which HR may still type in paper sheets. */
export const PAPER_GRACE_DAYS = 30;

export const NEEDS_REPORT_COLUMNS = [
  'competency_code',
  'competency_name_mn',
  'competency_name_en',
  'people',
  'certificate_gaps',
  'self_answered',
  'self_below',
  'supervisor_answered',
  'supervisor_below',
] as const;

function refuse(slug: string, message: string): never {
  throw new UnprocessableEntityException({ message, slug });
}

const isRealDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
const addDays = (day: string, n: number) =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86400000).toISOString().slice(0, 10);

const surveyView = (s: SurveyRow): NeedsSurveyView => ({
  id: s.id,
  agency: { id: s.agency_id, code: s.agency_code, name: { mn: s.agency_name_mn, en: s.agency_name_en } },
  year: s.year,
  opensOn: s.opens_on,
  closesOn: s.closes_on,
});

@Injectable()
export class NeedsSurveysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly surveys: NeedsSurveysRepository,
  ) {}

  async open(actor: AuthUser, input: OpenNeedsSurveyDto, ip: string | null): Promise<NeedsSurveyView> {
    const dto = await validateInput(OpenNeedsSurveyDto, input);
    if (!isRealDate(dto.opensOn) || !isRealDate(dto.closesOn) || dto.closesOn < dto.opensOn)
      refuse('survey-window', 'opensOn and closesOn must be real dates, closesOn not before opensOn.');
    const path = await this.surveys.agencyPath(dto.agencyId);
    if (!path) throw new NotFoundException('No agency has this id.');
    if (!scopeCovers(staffScopeOf(actor), path))
      throw new ForbiddenException({
        message: 'That agency is outside the agencies you manage.',
        slug: 'agency-outside-scope',
      });
    const id = await this.dataSource.transaction(async (m) => {
      const created = await this.surveys.insert(m, { ...dto, createdBy: actor.id });
      if (!created)
        throw new ConflictException({
          message: `The agency already has a needs survey for ${dto.year}.`,
          slug: 'survey-exists',
        });
      await recordAudit(
        m,
        { id: actor.id, email: actor.email, ip },
        'needs-survey.open',
        { type: 'needs_survey', id: created },
        {
          year: dto.year,
        },
      );
      return created;
    });
    return surveyView((await this.surveys.find(id))!);
  }

  /** The surveys of the actor's agencies (HR: their subtree; an administrator: all). */
  async list(actor: AuthUser): Promise<NeedsSurveyView[]> {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Only HR officers and administrators see needs surveys.');
    return (await this.surveys.list(scope.kind === 'subtree' ? scope.rootAgencyId : null)).map(surveyView);
  }

  /** The surveys open today that ask the actor: about themselves, and about each direct report. */
  async mine(actor: AuthUser): Promise<MyNeedsSurveysView> {
    const me = await this.surveys.person(actor.id);
    if (!me) return { items: [] };
    const open = await this.surveys.openFor(me.agency_path, planDay());
    const reports = (
      await Promise.all((await this.surveys.directReports(actor.id)).map((id) => this.surveys.person(id)))
    ).filter((p): p is SurveyPerson => !!p);
    const items = [];
    for (const s of open) {
      const inSurvey = reports.filter((r) => r.agency_path.includes(s.agency_id));
      const given = await this.surveys.answers(s.id, [me.id, ...inSurvey.map((r) => r.id)]);
      const subject = (p: SurveyPerson, rater: 'self' | 'supervisor'): NeedsSubjectView => ({
        userId: p.id,
        name: p.name,
        rater,
        questions: p.required.map((c) => ({
          competencyCode: c.code,
          name: { mn: c.mn, en: c.en },
          required: c.level,
          answer:
            given.find((g) => g.user_id === p.id && g.rater === rater && g.competency_code === c.code)?.level ?? null,
        })),
      });
      items.push({
        ...surveyView(s),
        subjects: [subject(me, 'self'), ...inSurvey.map((r) => subject(r, 'supervisor'))],
      });
    }
    return { items };
  }

  async answer(
    actor: AuthUser,
    surveyId: string,
    input: NeedsAnswerDto,
    ip: string | null,
  ): Promise<NeedsAnswerResultView> {
    const dto = await validateInput(NeedsAnswerDto, input);
    const survey = await this.surveys.find(surveyId);
    if (!survey) throw new NotFoundException('No needs survey has this id.');
    const person = await this.surveys.person(dto.userId);
    if (!person || !person.agency_path.includes(survey.agency_id))
      refuse('person-outside-survey', 'userId names nobody this survey asks.');
    const source = dto.source ?? 'online';
    const today = planDay();
    if (source === 'paper') {
      if (!scopeCovers(staffScopeOf(actor), person.agency_path))
        throw new ForbiddenException({
          message: 'Only HR officers of the agency type in paper sheets.',
          slug: 'not-your-answer',
        });
      if (today < survey.opens_on || today > addDays(survey.closes_on, PAPER_GRACE_DAYS))
        throw new ConflictException({
          message: `Paper sheets are typed in from ${survey.opens_on} until ${PAPER_GRACE_DAYS} days after the survey closes on ${survey.closes_on}.`,
          slug: 'survey-closed',
        });
    } else {
      const mine = dto.rater === 'self' ? dto.userId === actor.id : person.supervisor_id === actor.id;
      if (!mine)
        throw new ForbiddenException({
          message:
            dto.rater === 'self'
              ? 'You answer the survey about yourself only.'
              : 'You give a supervisor’s view of your direct reports only.',
          slug: 'not-your-answer',
        });
      if (today < survey.opens_on || today > survey.closes_on)
        throw new ConflictException({
          message: `The survey takes answers from ${survey.opens_on} to ${survey.closes_on}.`,
          slug: 'survey-closed',
        });
    }
    const required = new Set(person.required.map((c) => c.code));
    const codes = dto.ratings.map((r) => r.competencyCode);
    const other = codes.filter((c) => !required.has(c));
    if (other.length) refuse('competency-not-required', `The position does not require: ${other.join(', ')}.`);
    if (new Set(codes).size !== codes.length) refuse('competency-twice', 'Rate each competency once.');
    const changed = await this.dataSource.transaction(async (m) => {
      const n = await this.surveys.upsert(m, {
        surveyId,
        userId: dto.userId,
        rater: dto.rater,
        source,
        enteredBy: actor.id,
        ratings: dto.ratings,
      });
      if (source === 'paper' && n)
        await recordAudit(
          m,
          { id: actor.id, email: actor.email, ip },
          'needs-survey.paper',
          { type: 'needs_survey', id: surveyId },
          {
            userId: dto.userId,
            rater: dto.rater,
            changed: n,
          },
        );
      return n;
    });
    return { changed };
  }

  /**
   * The paper sheets: a page of the people the survey asks, each with the competencies their position
   * requires and the answers typed in so far (HR prints them, and types the filled sheets back in).
   */
  async sheets(actor: AuthUser, surveyId: string, page: { limit: number; offset: number }) {
    const survey = await this.surveys.find(surveyId);
    if (!survey || !scopeCovers(staffScopeOf(actor), survey.agency_path))
      throw new NotFoundException('No needs survey with this id is visible to you.');
    const { rows, total } = await this.surveys.people(survey.agency_id, page.limit, page.offset);
    const given = await this.surveys.answers(
      surveyId,
      rows.map((r) => r.id),
    );
    return {
      survey: surveyView(survey),
      total,
      people: rows.map((p) => ({
        userId: p.id,
        name: p.name,
        agency: { mn: p.agency_mn, en: p.agency_en },
        questions: p.required.map((c) => ({
          competencyCode: c.code,
          name: { mn: c.mn, en: c.en },
          required: c.level,
          self:
            given.find((g) => g.user_id === p.id && g.rater === 'self' && g.competency_code === c.code)?.level ?? null,
          supervisor:
            given.find((g) => g.user_id === p.id && g.rater === 'supervisor' && g.competency_code === c.code)?.level ??
            null,
        })),
      })),
    };
  }

  async report(actor: AuthUser, surveyId: string, agencyId?: string): Promise<NeedsReportView> {
    const survey = await this.surveys.find(surveyId);
    const scope = staffScopeOf(actor);
    if (!survey || !scopeCovers(scope, survey.agency_path))
      throw new NotFoundException('No needs survey with this id is visible to you.');
    const root = await this.surveys.agency(agencyId ?? survey.agency_id);
    if (!root) throw new NotFoundException('No agency has this id.');
    if (!root.path.includes(survey.agency_id) || !scopeCovers(scope, root.path))
      refuse('agency-outside-survey', 'agencyId must be the survey’s agency, or one below it that you manage.');
    const rows = await this.surveys.report(surveyId, root.id);
    return {
      survey: surveyView(survey),
      agency: { id: root.id, code: root.code, name: { mn: root.name_mn, en: root.name_en } },
      rows: rows.map((r) => ({
        competencyCode: r.competency_code,
        name: { mn: r.name_mn, en: r.name_en },
        people: r.people,
        certificateGaps: r.certificate_gaps,
        selfAnswered: r.self_answered,
        selfBelow: r.self_below,
        supervisorAnswered: r.supervisor_answered,
        supervisorBelow: r.supervisor_below,
      })),
    };
  }

  async reportCsv(actor: AuthUser, surveyId: string, agencyId?: string): Promise<string> {
    const { rows } = await this.report(actor, surveyId, agencyId);
    return writeCsv(
      rows.map((r) => ({
        competency_code: r.competencyCode,
        competency_name_mn: r.name.mn,
        competency_name_en: r.name.en,
        people: r.people,
        certificate_gaps: r.certificateGaps,
        self_answered: r.selfAnswered,
        self_below: r.selfBelow,
        supervisor_answered: r.supervisorAnswered,
        supervisor_below: r.supervisorBelow,
      })),
      NEEDS_REPORT_COLUMNS,
    );
  }
}
