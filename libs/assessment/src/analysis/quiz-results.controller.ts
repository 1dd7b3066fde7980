import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { QuizResultsQuery } from './dto/quiz-results.query';
import { QuizResultsView } from './dto/quiz-results.view';
import { QuizResultsService } from './quiz-results.service';

@ApiTags('quizzes')
@ApiBearerAuth()
@Controller('quizzes')
export class QuizResultsController {
  constructor(private readonly results: QuizResultsService) {}

  @ApiOperation({ summary: "Show a quiz's pass rate and item analysis" })
  @Get(':id/results')
  @Roles('trainer', 'admin')
  @ApiOkResponse({
    type: QuizResultsView,
    description:
      "Pass rate, mean score, and per question: difficulty, discrimination and a flag; attempts on this course's versions only",
  })
  @ApiConflictResponse({ description: 'Two courses you author have a quiz with this id: name one with courseId' })
  @ApiForbiddenResponse({ description: "Not the owning trainer of the quiz's course, nor an administrator" })
  @ApiNotFoundResponse({ description: 'No published quiz has this id (in the course named)' })
  get(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) quizId: string,
    @Query() query: QuizResultsQuery,
  ) {
    return this.results.results(actor, quizId, query.courseId);
  }
}
