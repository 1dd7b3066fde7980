// A course's SCORM results for its trainer: what learners answered inside its packages.
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { ScormResultsView } from './dto/scorm-results.view';
import { ScormResultsService } from './scorm-results.service';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses/:id/scorm-results')
export class ScormResultsController {
  constructor(private readonly scormResults: ScormResultsService) {}

  @ApiOperation({ summary: "The scored interactions of a course's SCORM packages: responses and % correct" })
  @Get()
  @Roles('trainer', 'admin')
  @ApiOkResponse({ type: ScormResultsView })
  @ApiForbiddenResponse({ description: 'Not your course (only its trainer or an administrator may see its results)' })
  @ApiNotFoundResponse({ description: 'No course has this id' })
  results(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) courseId: string,
  ): Promise<ScormResultsView> {
    return this.scormResults.results(actor, courseId);
  }
}
