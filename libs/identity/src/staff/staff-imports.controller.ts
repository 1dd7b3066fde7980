import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PageQuery } from '@chadavkhi/platform';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApplyStaffImportDto, StaffUploadFields } from './dto/staff-upload.dto';
import { STAFF_CHANGE_KINDS, StaffImportPage, StaffImportResult, StaffImportView } from './dto/staff-import.view';
import { StaffImportsService } from './staff-imports.service';
import { StaffUploadRoute } from './staff-upload-route';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff-imports')
export class StaffImportsController {
  constructor(private readonly imports: StaffImportsService) {}

  @ApiOperation({ summary: 'Upload a staff file and preview the changes' })
  @Post()
  @StaffUploadRoute()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'agency'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'CSV (UTF-8) or XLSX with one sheet; columns in the README',
        },
        agency: { type: 'string', description: 'The code (or id) of the agency whose subtree the file lists' },
        fullSync: { type: 'boolean', description: 'People of the subtree missing from the file leave' },
        fileName: { type: 'string' },
      },
    },
  })
  @ApiCreatedResponse({ type: StaffImportView, description: 'The preview: nothing has changed yet' })
  @ApiUnprocessableEntityResponse({
    description: 'The file cannot be read (encoding, columns, sheets, rows): its code says why',
  })
  @ApiPayloadTooLargeResponse({ description: 'Larger than STAFF_IMPORT_MAX_BYTES' })
  @ApiForbiddenResponse({ description: 'The agency is outside the ones you manage' })
  preview(
    @CurrentUser() actor: AuthUser,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<StaffImportView> {
    const fields = StaffUploadFields.from(body);
    return this.imports.preview(
      actor,
      { bytes: fields.file, fileName: fields.fileName },
      { agency: fields.agency, fullSync: fields.fullSync },
      request.ip,
    );
  }

  @ApiOperation({ summary: 'List staff imports, newest first' })
  @Get()
  @Roles('admin', 'hr_officer')
  @ApiOkResponse({ type: StaffImportPage, description: 'Imports into the agencies you manage, newest first' })
  @ApiForbiddenResponse({ description: 'Not an admin or HR officer' })
  list(@CurrentUser() actor: AuthUser, @Query() query: PageQuery): Promise<StaffImportPage> {
    return this.imports.list(actor, (query.page - 1) * query.limit, query.limit);
  }

  @ApiOperation({ summary: 'Get a staff import and its changes' })
  @Get(':id')
  @Roles('admin', 'hr_officer')
  @ApiQuery({
    name: 'kind',
    required: false,
    enum: STAFF_CHANGE_KINDS,
    description: 'List only the changes of this kind (any other value: all of them)',
  })
  @ApiOkResponse({ type: StaffImportView })
  @ApiNotFoundResponse({ description: 'No such import in the agencies you manage' })
  get(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query('kind') kind?: string,
  ): Promise<StaffImportView> {
    const listed = STAFF_CHANGE_KINDS.find((k) => k === kind);
    return this.imports.get(actor, id, listed);
  }

  @ApiOperation({ summary: 'Apply a previewed staff import' })
  @Post(':id/apply')
  @HttpCode(200)
  @Roles('admin', 'hr_officer')
  @ApiOkResponse({
    type: StaffImportResult,
    description: 'Applied in one transaction (or already applied: nothing changed)',
  })
  @ApiConflictResponse({ description: 'The staff records changed since the preview: upload the file again' })
  @ApiNotFoundResponse({ description: 'No such import in the agencies you manage' })
  @ApiUnprocessableEntityResponse({ description: 'The preview refused rows: nothing can be applied' })
  apply(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ApplyStaffImportDto,
    @Req() request: FastifyRequest,
  ): Promise<StaffImportResult> {
    return this.imports.apply(actor, id, request.ip, { invite: dto.invite ?? false });
  }
}
