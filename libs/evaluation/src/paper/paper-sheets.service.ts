// Paper survey sheets of a face-to-face session, typed in later by its trainer or an HR officer
// whose agencies include the session's (an administrator too). A sheet is the same reaction survey
// as online, checked by the same rules; the session numbers the stack, so typing a sheet again is
// absorbed. Taken from the session's start until PAPER_WINDOW_DAYS after its end.
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, hasRole, scopeCovers, staffScopeOf } from '@chadavkhi/identity';
import { recordAudit, validateInput, ValidationProblemException } from '@chadavkhi/platform';
import { CourseQuestionsService } from '../questions/course-questions.service';
import { Answers, checkAnswers, EvaluationQuestion } from '../questions/question-bank';
import { MAX_SHEET_NUMBER, PaperSheetsDto } from './dto/paper-sheets.dto';
import { PaperSheetsResultView } from './dto/paper-sheets.view';
import { PaperSheetsRepository, SessionFacts } from './paper-sheets.repository';

export const PAPER_WINDOW_DAYS = 60;
const DAY = 24 * 3600 * 1000;

@Injectable()
export class PaperSheetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sheets: PaperSheetsRepository,
    private readonly questions: CourseQuestionsService,
  ) {}

  async enter(
    actor: AuthUser,
    sessionId: string,
    input: PaperSheetsDto,
    ip: string | null = null,
    now = new Date(),
  ): Promise<PaperSheetsResultView> {
    const dto = await validateInput(PaperSheetsDto, input);
    const session = await this.session(actor, sessionId);
    if (session.cancelled_at)
      throw new ConflictException({ message: 'This session was cancelled.', slug: 'session-cancelled' });
    if (session.starts_at > now)
      throw new ConflictException({
        message: 'Sheets are typed in once the session has begun.',
        slug: 'survey-not-open',
      });
    if (now.getTime() > session.ends_at.getTime() + PAPER_WINDOW_DAYS * DAY)
      throw new ConflictException({
        message: `Paper sheets are taken until ${PAPER_WINDOW_DAYS} days after the session.`,
        slug: 'survey-closed',
        days: PAPER_WINDOW_DAYS,
      });
    if (!session.course_version_id)
      throw new ConflictException({ message: 'The course has no published version.', slug: 'survey-not-open' });
    const numbers = dto.sheets.map((s) => s.number);
    const repeated = numbers.find((n, i) => numbers.indexOf(n) !== i);
    if (repeated !== undefined)
      throw new ValidationProblemException([
        { field: 'sheets', messages: [`sheet ${repeated} appears twice in what was sent; each number once`] },
      ]);
    const asked = await this.questions.questionsFor(session.course_id, 'reaction');
    const clean: { number: number; answers: Answers }[] = [];
    const problems: { field: string; messages: string[]; code: string }[] = [];
    dto.sheets.forEach((sheet, i) => {
      const checked = checkAnswers(asked, sheet.answers, false);
      for (const p of checked.problems)
        problems.push({
          field: `sheets.${i}.answers.${p.key}`,
          messages: [`sheet ${sheet.number}: ${p.key} ${p.code}`],
          code: p.code,
        });
      clean.push({ number: sheet.number, answers: checked.answers });
    });
    // Nothing of a stack with a mistaken sheet is kept: the typist fixes it and sends the stack again.
    if (problems.length)
      throw new ValidationProblemException(
        problems.map(({ field, messages }) => ({ field, messages })),
        {
          detail: 'Some sheets have answers that are missing or not offered.',
          rules: problems.map((p) => ({ field: p.field, rule: p.code, figures: [] })),
        },
      );
    return this.dataSource.transaction(async (manager) => {
      const recorded = await this.sheets.insert(manager, session, clean, actor.id);
      const duplicates = numbers.filter((n) => !recorded.includes(n));
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'evaluation.paper_sheets_entered',
        {
          type: 'training_session',
          id: sessionId,
        },
        { recorded: recorded.length, duplicates: duplicates.length },
      );
      const total = await this.sheets.count(sessionId, manager);
      return {
        sessionId,
        recorded: recorded.length,
        duplicates,
        total,
        message: duplicates.length
          ? `${recorded.length} sheets recorded; ${duplicates.length} had been typed in before and were kept as first typed.`
          : `${recorded.length} sheets recorded.`,
      };
    });
  }

  /** What the typing page shows: the session's course, the questions on its sheet, the sheets so far. */
  async summary(
    actor: AuthUser,
    sessionId: string,
  ): Promise<{ courseId: string; questions: EvaluationQuestion[]; total: number; nextNumber: number }> {
    const session = await this.session(actor, sessionId);
    const [questions, total, highest] = await Promise.all([
      this.questions.questionsFor(session.course_id, 'reaction'),
      this.sheets.count(sessionId),
      this.sheets.highestNumber(sessionId),
    ]);
    return { courseId: session.course_id, questions, total, nextNumber: Math.min(highest + 1, MAX_SHEET_NUMBER) };
  }

  private async session(actor: AuthUser, sessionId: string): Promise<SessionFacts> {
    const session = await this.sheets.session(sessionId);
    if (!session) throw new NotFoundException('No session has this id.');
    const allowed =
      hasRole(actor, 'admin') ||
      (hasRole(actor, 'trainer') && session.trainer_id === actor.id) ||
      (hasRole(actor, 'hr_officer') && scopeCovers(staffScopeOf(actor), session.agency_path));
    if (!allowed)
      throw new ForbiddenException({
        message: "Paper sheets are typed in by the session's trainer or an HR officer of its agency.",
        slug: 'not-your-session',
      });
    return session;
  }
}
