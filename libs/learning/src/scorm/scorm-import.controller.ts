// A SCORM package becomes a lesson of a course draft: multipart/form-data with the zip as "file".
import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { ScormLessonAddedView } from './dto/scorm-package.view';
import { ScormImportService } from './scorm-import.service';
import { scormUploadFields } from './scorm-upload-fields';
import { ScormUploadRoute } from './scorm-upload-route';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses/:id')
export class ScormImportController {
  constructor(private readonly imports: ScormImportService) {}

  @ApiOperation({ summary: 'Add a SCORM package (zip) to a module of the draft as a lesson' })
  @Post('modules/:moduleId/scorm-packages')
  @ScormUploadRoute()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'A SCORM 1.2 or SCORM 2004 (3rd or 4th edition) zip with imsmanifest.xml at its top',
        },
        title: { type: 'string', maxLength: 200, description: "The lesson's title; the package's own when empty" },
        revision: { type: 'integer', description: "The draft's revision; 409 draft-changed when someone saved since" },
      },
    },
  })
  @ApiCreatedResponse({
    type: ScormLessonAddedView,
    description: 'The draft with the package as a new lesson at the end of the module',
  })
  @ApiUnsupportedMediaTypeResponse({ description: 'not-a-zip' })
  @ApiPayloadTooLargeResponse({
    description: 'package-too-large (over SCORM_MAX_PACKAGE_BYTES), unpacked-too-large (over SCORM_MAX_UNPACKED_BYTES)',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'The package was refused and nothing was stored: no-package-file, zip-bomb, too-many-files, unsafe-path, duplicate-file, unreadable-zip, no-manifest, invalid-manifest, missing-file, unsupported-version, too-many-lessons',
  })
  @ApiForbiddenResponse({ description: 'Not your course (only its trainer or an administrator may edit it)' })
  @ApiNotFoundResponse({ description: 'No such course, or no such module in its draft' })
  @ApiConflictResponse({
    description: 'draft-changed: the draft was saved by someone else since the revision you sent',
  })
  importPackage(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) courseId: string,
    @Param('moduleId', new ParseUUIDPipe()) moduleId: string,
    @Body() body: unknown,
  ): Promise<ScormLessonAddedView> {
    return this.imports.importLesson(actor, courseId, moduleId, scormUploadFields(body));
  }
}
