// One change to a course draft at a time (outline, lessons, a quiz's questions and settings), each in
// one transaction that locks the course row and, when the editor says which revision it saw, refuses
// (409 draft-changed) a draft saved by someone else since, so two editors never overwrite each other.
import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '@chadavkhi/identity';
import { validateInput } from '@chadavkhi/platform';
import {
  addQuestion,
  AssessmentInput,
  bankOf,
  quizOf,
  removeQuestion,
  removeQuiz,
  saveQuiz,
} from '../quizzes/quiz-edits';
import { MAX_QUESTIONS_PER_BANK } from '../quizzes/quiz-draft.dto';
import type { CourseDraft } from './course-draft';
import { CoursesService } from './courses.service';
import { AuthoredCourseView, LessonAddedView, ModuleAddedView, QuestionAddedView } from './dto/authored-course.view';
import { MAX_LESSONS_PER_MODULE, MAX_MODULES } from './dto/course-draft.dto';
import {
  AddQuestionInput,
  DraftRevisionInput,
  LessonEditInput,
  MoveLessonInput,
  QuizSettingsInput,
  TitleEditInput,
} from './dto/draft-edit.dto';
import {
  addLesson,
  addModule,
  deleteLesson,
  moveLesson,
  OutlineInput,
  renameModule,
  updateLesson,
} from './outline-edits';

/** A refusal with a stable slug (and its figures) that a page can put into its own words. */
function refuse(slug: string, message: string, values: Record<string, number> = {}): never {
  throw new UnprocessableEntityException({ message, slug, ...values });
}

@Injectable()
export class DraftEditsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesService,
  ) {}

  async addModule(actor: AuthUser, courseId: string, input: TitleEditInput): Promise<ModuleAddedView> {
    const { title, revision } = await validateInput(TitleEditInput, input);
    const moduleId = randomUUID();
    const course = await this.changeOutline(actor, courseId, revision, (draft) => {
      if (draft.modules.length >= MAX_MODULES)
        refuse('too-many-modules', `A course has at most ${MAX_MODULES} modules.`, { max: MAX_MODULES });
      return addModule(draft.modules, title, moduleId);
    });
    return { course, moduleId };
  }

  async renameModule(
    actor: AuthUser,
    courseId: string,
    moduleId: string,
    input: TitleEditInput,
  ): Promise<AuthoredCourseView> {
    const { title, revision } = await validateInput(TitleEditInput, input);
    return this.changeOutline(actor, courseId, revision, (draft) => renameModule(draft.modules, moduleId, title));
  }

  /** A lesson with no text yet, at the end of the module. */
  async addLesson(
    actor: AuthUser,
    courseId: string,
    moduleId: string,
    input: TitleEditInput,
  ): Promise<LessonAddedView> {
    const { title, revision } = await validateInput(TitleEditInput, input);
    const lessonId = randomUUID();
    const course = await this.changeOutline(actor, courseId, revision, (draft) => {
      const target = draft.modules.find((m) => m.id === moduleId);
      if (target && target.lessons.length >= MAX_LESSONS_PER_MODULE)
        refuse('too-many-lessons', `A module has at most ${MAX_LESSONS_PER_MODULE} lessons.`, {
          max: MAX_LESSONS_PER_MODULE,
        });
      return addLesson(draft.modules, moduleId, title, lessonId);
    });
    return { course, lessonId };
  }

  async updateLesson(
    actor: AuthUser,
    courseId: string,
    lessonId: string,
    input: LessonEditInput,
  ): Promise<AuthoredCourseView> {
    const { revision, title, body, required, videoUrl } = await validateInput(LessonEditInput, input);
    return this.changeOutline(actor, courseId, revision, (draft) =>
      updateLesson(draft.modules, lessonId, { title, body, required: required ?? true, videoUrl: videoUrl ?? null }),
    );
  }

  async moveLesson(
    actor: AuthUser,
    courseId: string,
    lessonId: string,
    input: MoveLessonInput,
  ): Promise<AuthoredCourseView> {
    const { revision, direction } = await validateInput(MoveLessonInput, input);
    return this.changeOutline(actor, courseId, revision, (draft) => moveLesson(draft.modules, lessonId, direction));
  }

  async deleteLesson(
    actor: AuthUser,
    courseId: string,
    lessonId: string,
    input: DraftRevisionInput,
  ): Promise<AuthoredCourseView> {
    const { revision } = await validateInput(DraftRevisionInput, input);
    return this.changeOutline(actor, courseId, revision, (draft) => deleteLesson(draft.modules, lessonId));
  }

  /** Adds a question to the bank of the final quiz (moduleId null) or of a module's quiz, making the bank if there is none. */
  async addQuestion(
    actor: AuthUser,
    courseId: string,
    moduleId: string | null,
    input: AddQuestionInput,
  ): Promise<QuestionAddedView> {
    const { revision, question, bankTitle } = await validateInput(AddQuestionInput, input);
    const questionId = randomUUID();
    const course = await this.changeAssessment(actor, courseId, moduleId, revision, (draft) => {
      if ((bankOf(draft, courseId, moduleId)?.questions.length ?? 0) >= MAX_QUESTIONS_PER_BANK) {
        refuse('too-many-questions', `A quiz's bank holds at most ${MAX_QUESTIONS_PER_BANK} questions.`, {
          max: MAX_QUESTIONS_PER_BANK,
        });
      }
      return addQuestion(draft, courseId, moduleId, { ...question, id: questionId }, bankTitle ?? 'Questions');
    });
    return { course, questionId };
  }

  async removeQuestion(
    actor: AuthUser,
    courseId: string,
    moduleId: string | null,
    questionId: string,
    input: DraftRevisionInput,
  ): Promise<AuthoredCourseView> {
    const { revision } = await validateInput(DraftRevisionInput, input);
    return this.changeAssessment(actor, courseId, moduleId, revision, (draft) => {
      const quiz = quizOf(draft, moduleId);
      const left = (bankOf(draft, courseId, moduleId)?.questions.length ?? 0) - 1;
      if (quiz && left < quiz.draws[0].count)
        refuse('below-draw', `The quiz draws ${quiz.draws[0].count} questions; lower that first.`, {
          count: quiz.draws[0].count,
        });
      return removeQuestion(draft, courseId, moduleId, questionId);
    });
  }

  /** Creates or updates the quiz; it needs a question in its bank first. */
  async saveQuiz(
    actor: AuthUser,
    courseId: string,
    moduleId: string | null,
    input: QuizSettingsInput,
  ): Promise<AuthoredCourseView> {
    const { revision, ...settings } = await validateInput(QuizSettingsInput, input);
    return this.changeAssessment(actor, courseId, moduleId, revision, (draft) => {
      const bankSize = bankOf(draft, courseId, moduleId)?.questions.length ?? 0;
      if (!bankSize) refuse('quiz-needs-questions', 'Add a question before making the quiz.');
      if (settings.questionCount > bankSize)
        refuse('draw-exceeds-bank', `The bank has ${bankSize} questions; the quiz cannot draw more.`, {
          max: bankSize,
        });
      return saveQuiz(draft, courseId, moduleId, { ...settings, offlineDays: settings.offlineDays ?? null });
    });
  }

  async removeQuiz(
    actor: AuthUser,
    courseId: string,
    moduleId: string | null,
    input: DraftRevisionInput,
  ): Promise<AuthoredCourseView> {
    const { revision } = await validateInput(DraftRevisionInput, input);
    return this.changeAssessment(actor, courseId, moduleId, revision, (draft) => removeQuiz(draft, moduleId));
  }

  private changeOutline(
    actor: AuthUser,
    courseId: string,
    revision: number | undefined,
    change: (draft: CourseDraft) => OutlineInput | null,
  ): Promise<AuthoredCourseView> {
    return this.dataSource.transaction(async (manager) => {
      const course = await this.courses.lockForEdit(manager, actor, courseId, revision);
      const modules = change(course.draft);
      if (!modules) throw new NotFoundException('This draft has no such module or lesson.');
      return this.courses.saveDraft(manager, course, { modules });
    });
  }

  private changeAssessment(
    actor: AuthUser,
    courseId: string,
    moduleId: string | null,
    revision: number | undefined,
    change: (draft: CourseDraft) => AssessmentInput | null,
  ): Promise<AuthoredCourseView> {
    return this.dataSource.transaction(async (manager) => {
      const course = await this.courses.lockForEdit(manager, actor, courseId, revision);
      if (moduleId !== null && !course.draft.modules.some((m) => m.id === moduleId))
        throw new NotFoundException('This course has no such module.');
      const input = change(course.draft);
      if (!input) throw new NotFoundException('This quiz has no such question, or there is no such quiz.');
      return this.courses.saveDraft(manager, course, input);
    });
  }
}
