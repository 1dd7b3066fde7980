// The draft's parts as sub-resources, one change per request (the authoring pages make the same
// changes through DraftEditsService). Send the draft's `revision` with a change (in the body, or
// ?revision= on a DELETE) to have it refused with 409 draft-changed when someone saved since.
import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { DraftEditsService } from './draft-edits.service';
import { AuthoredCourseView, LessonAddedView, ModuleAddedView, QuestionAddedView } from './dto/authored-course.view';
import {
  AddQuestionInput,
  LessonEditInput,
  MoveLessonInput,
  QuizSettingsInput,
  RevisionQuery,
  TitleEditInput,
} from './dto/draft-edit.dto';

const id = new ParseUUIDPipe();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `final` is the course's final quiz; a module's id is that module's quiz. */
function quizModule(quiz: string): string | null {
  if (quiz === 'final') return null;
  if (!UUID.test(quiz))
    throw new BadRequestException({ message: 'Name the quiz as final or by its module id.', slug: 'quiz-name' });
  return quiz;
}

const QUIZ = { name: 'quiz', description: '`final`, or the id of the module whose quiz it is' };
const QUIZ_NAME_REFUSED = { description: 'quiz-name: the quiz is named neither final nor by a module id' };

@ApiTags('courses')
@ApiBearerAuth()
@Roles('trainer', 'admin')
@ApiForbiddenResponse({ description: 'Not your course (only its trainer or an administrator may edit it)' })
@ApiNotFoundResponse({ description: 'No such course, module, lesson, question or quiz in the draft' })
@ApiConflictResponse({
  description: 'draft-changed: the draft was saved by someone else since the revision you sent; nothing was changed',
})
@Controller('courses/:id')
export class DraftEditsController {
  constructor(private readonly edits: DraftEditsService) {}

  @ApiOperation({ summary: 'Add a module to the draft' })
  @Post('modules')
  @ApiCreatedResponse({ type: ModuleAddedView, description: 'The draft with the new module at the end' })
  @ApiUnprocessableEntityResponse({ description: 'too-many-modules' })
  addModule(@CurrentUser() actor: AuthUser, @Param('id', id) courseId: string, @Body() input: TitleEditInput) {
    return this.edits.addModule(actor, courseId, input);
  }

  @ApiOperation({ summary: 'Rename a module in the draft' })
  @Patch('modules/:moduleId')
  @ApiOkResponse({ type: AuthoredCourseView, description: 'The draft, the module renamed' })
  renameModule(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('moduleId', id) moduleId: string,
    @Body() input: TitleEditInput,
  ) {
    return this.edits.renameModule(actor, courseId, moduleId, input);
  }

  @ApiOperation({ summary: 'Add a lesson to a module' })
  @Post('modules/:moduleId/lessons')
  @ApiCreatedResponse({
    type: LessonAddedView,
    description: 'The draft with a new empty lesson at the end of the module',
  })
  @ApiUnprocessableEntityResponse({ description: 'too-many-lessons' })
  addLesson(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('moduleId', id) moduleId: string,
    @Body() input: TitleEditInput,
  ) {
    return this.edits.addLesson(actor, courseId, moduleId, input);
  }

  @ApiOperation({ summary: 'Replace a lesson in the draft' })
  @Patch('lessons/:lessonId')
  @ApiOkResponse({ type: AuthoredCourseView, description: 'The draft, the lesson replaced by what was sent' })
  updateLesson(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('lessonId', id) lessonId: string,
    @Body() input: LessonEditInput,
  ) {
    return this.edits.updateLesson(actor, courseId, lessonId, input);
  }

  @ApiOperation({ summary: 'Move a lesson up or down' })
  @Post('lessons/:lessonId/move')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthoredCourseView, description: 'The draft, the lesson one place up or down' })
  moveLesson(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('lessonId', id) lessonId: string,
    @Body() input: MoveLessonInput,
  ) {
    return this.edits.moveLesson(actor, courseId, lessonId, input);
  }

  @ApiOperation({ summary: 'Delete a lesson from the draft' })
  @Delete('lessons/:lessonId')
  @ApiOkResponse({ type: AuthoredCourseView, description: 'The draft without the lesson' })
  deleteLesson(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('lessonId', id) lessonId: string,
    @Query() query: RevisionQuery,
  ) {
    return this.edits.deleteLesson(actor, courseId, lessonId, query);
  }

  @ApiOperation({ summary: "Add a question to a quiz's bank" })
  @Post('quizzes/:quiz/questions')
  @ApiParam(QUIZ)
  @ApiBadRequestResponse(QUIZ_NAME_REFUSED)
  @ApiCreatedResponse({ type: QuestionAddedView, description: "The draft with the question added to the quiz's bank" })
  @ApiUnprocessableEntityResponse({ description: 'too-many-questions, or a question the quiz rules refuse' })
  addQuestion(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('quiz') quiz: string,
    @Body() input: AddQuestionInput,
  ) {
    return this.edits.addQuestion(actor, courseId, quizModule(quiz), input);
  }

  @ApiOperation({ summary: "Remove a question from a quiz's bank" })
  @Delete('quizzes/:quiz/questions/:questionId')
  @ApiParam(QUIZ)
  @ApiBadRequestResponse(QUIZ_NAME_REFUSED)
  @ApiOkResponse({ type: AuthoredCourseView, description: 'The draft without the question' })
  @ApiUnprocessableEntityResponse({ description: 'below-draw: the quiz draws more questions than would be left' })
  removeQuestion(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('quiz') quiz: string,
    @Param('questionId', id) questionId: string,
    @Query() query: RevisionQuery,
  ) {
    return this.edits.removeQuestion(actor, courseId, quizModule(quiz), questionId, query);
  }

  @ApiOperation({ summary: 'Create a quiz or change its settings' })
  @Put('quizzes/:quiz')
  @ApiParam(QUIZ)
  @ApiBadRequestResponse(QUIZ_NAME_REFUSED)
  @ApiOkResponse({ type: AuthoredCourseView, description: 'The draft with the quiz made or its settings changed' })
  @ApiUnprocessableEntityResponse({ description: 'quiz-needs-questions, draw-exceeds-bank' })
  saveQuiz(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('quiz') quiz: string,
    @Body() input: QuizSettingsInput,
  ) {
    return this.edits.saveQuiz(actor, courseId, quizModule(quiz), input);
  }

  @ApiOperation({ summary: 'Remove a quiz from the draft' })
  @Delete('quizzes/:quiz')
  @ApiParam(QUIZ)
  @ApiBadRequestResponse(QUIZ_NAME_REFUSED)
  @ApiOkResponse({
    type: AuthoredCourseView,
    description: 'The draft without the quiz (its questions stay in the bank)',
  })
  removeQuiz(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('quiz') quiz: string,
    @Query() query: RevisionQuery,
  ) {
    return this.edits.removeQuiz(actor, courseId, quizModule(quiz), query);
  }
}
