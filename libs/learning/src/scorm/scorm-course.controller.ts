// A whole new draft course from a SCORM package: multipart/form-data with the zip as "file".
import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { ScormCourseCreatedView } from './dto/scorm-package.view';
import { DEFAULT_COURSE_MINUTES, ScormImportService } from './scorm-import.service';
import { scormCourseFields } from './scorm-upload-fields';
import { ScormUploadRoute } from './scorm-upload-route';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses')
export class ScormCourseController {
  constructor(private readonly imports: ScormImportService) {}

  @ApiOperation({
    summary: 'Start a new draft course from a SCORM package (zip)',
    description:
      "The course takes the manifest's title and description; it has one module (named after the package's organization) holding the package as its one lesson. Refused as the module import refuses a package, with nothing stored.",
  })
  @Post('from-scorm-package')
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
        title: { type: 'string', maxLength: 200, description: "The course's title; the package's own when empty" },
        language: { type: 'string', enum: ['mn', 'en'], description: 'The course language; mn when empty' },
        estimatedMinutes: {
          type: 'integer',
          minimum: 1,
          maximum: 10000,
          description: `How long the course takes; ${DEFAULT_COURSE_MINUTES} when empty`,
        },
      },
    },
  })
  @ApiCreatedResponse({
    type: ScormCourseCreatedView,
    description: 'The new draft, the package lesson and the package',
  })
  @ApiUnsupportedMediaTypeResponse({ description: 'not-a-zip' })
  @ApiPayloadTooLargeResponse({
    description: 'package-too-large (over SCORM_MAX_PACKAGE_BYTES), unpacked-too-large (over SCORM_MAX_UNPACKED_BYTES)',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'The package was refused and nothing was stored: no-package-file, zip-bomb, too-many-files, unsafe-path, duplicate-file, unreadable-zip, no-manifest, invalid-manifest, missing-file, unsupported-version; or estimatedMinutes is not a whole number',
  })
  @ApiBadRequestResponse({
    description:
      'A field of the course out of its bounds (a language other than mn or en, a title under 3 characters: send one)',
  })
  @ApiForbiddenResponse({ description: 'Only trainers and administrators create courses' })
  importCourse(@CurrentUser() actor: AuthUser, @Body() body: unknown): Promise<ScormCourseCreatedView> {
    return this.imports.importCourse(actor, scormCourseFields(body));
  }
}
