// The questions a survey asks: the standard bank (content/evaluation-questions.yaml) followed by the
// few a course's trainer added. Only the course's owner (or an administrator) changes a course's own.
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, hasRole } from '@chadavkhi/identity';
import { recordAudit, validateInput } from '@chadavkhi/platform';
import { SurveyFactsRepository } from '../surveys/survey-facts.repository';
import { CourseQuestionRow, CourseQuestionsRepository } from './course-questions.repository';
import { AddCourseQuestionDto } from './dto/course-question.dto';
import { CourseQuestionListView, CourseQuestionView } from './dto/question.view';
import { EvaluationQuestion, loadQuestionBank, QuestionBank, Survey } from './question-bank';

/** A trainer's own questions per course and survey: a few, so the survey stays short. */
export const MAX_COURSE_QUESTIONS = 3;
const NO_COURSE = 'No course has this id.';

@Injectable()
export class CourseQuestionsService {
  readonly bank: QuestionBank = loadQuestionBank();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly questions: CourseQuestionsRepository,
    private readonly facts: SurveyFactsRepository,
  ) {}

  /** What the survey asks about this course, standard questions first. */
  async questionsFor(courseId: string, survey: Survey): Promise<EvaluationQuestion[]> {
    const own = await this.questions.list(courseId, survey);
    return [...this.bank[survey], ...own.map(customQuestion)];
  }

  async list(courseId: string): Promise<CourseQuestionListView> {
    if (!(await this.facts.courseExists(courseId))) throw new NotFoundException(NO_COURSE);
    return { maxPerSurvey: MAX_COURSE_QUESTIONS, items: (await this.questions.list(courseId)).map(view) };
  }

  async add(actor: AuthUser, courseId: string, input: AddCourseQuestionDto): Promise<CourseQuestionView> {
    const dto = await validateInput(AddCourseQuestionDto, input);
    await this.assertAuthor(actor, courseId);
    return this.dataSource.transaction(async (manager) => {
      if ((await this.questions.countLocked(manager, courseId, dto.survey)) >= MAX_COURSE_QUESTIONS)
        throw new ConflictException({
          message: `A course may add at most ${MAX_COURSE_QUESTIONS} questions to each survey.`,
          slug: 'too-many-questions',
          max: MAX_COURSE_QUESTIONS,
        });
      const row = await this.questions.insert(manager, {
        courseId,
        survey: dto.survey,
        kind: dto.kind,
        textMn: dto.textMn.trim(),
        textEn: dto.textEn?.trim() || null,
        createdBy: actor.id,
      });
      await recordAudit(
        manager,
        actor,
        'evaluation.question_added',
        { type: 'course', id: courseId },
        {
          questionId: row.id,
          survey: dto.survey,
        },
      );
      return view(row);
    });
  }

  async remove(actor: AuthUser, questionId: string): Promise<void> {
    const row = await this.questions.find(questionId);
    if (!row) throw new NotFoundException('No question has this id.');
    await this.assertAuthor(actor, row.course_id);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.questions.remove(manager, questionId))) throw new NotFoundException('No question has this id.');
      await recordAudit(
        manager,
        actor,
        'evaluation.question_removed',
        { type: 'course', id: row.course_id },
        {
          questionId,
        },
      );
    });
  }

  private async assertAuthor(actor: AuthUser, courseId: string): Promise<void> {
    if (!(await this.facts.courseExists(courseId))) throw new NotFoundException(NO_COURSE);
    if (hasRole(actor, 'admin')) return;
    if (!hasRole(actor, 'trainer') || !(await this.facts.ownsCourse(actor.id, courseId)))
      throw new ForbiddenException({
        message: "Only the course's trainer may change its questions.",
        slug: 'not-course-owner',
      });
  }
}

export function customQuestion(row: CourseQuestionRow): EvaluationQuestion {
  return { key: `c-${row.id}`, kind: row.kind, mn: row.text_mn, en: row.text_en ?? row.text_mn, custom: true };
}

function view(row: CourseQuestionRow): CourseQuestionView {
  return {
    id: row.id,
    courseId: row.course_id,
    survey: row.survey,
    kind: row.kind,
    textMn: row.text_mn,
    textEn: row.text_en,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
