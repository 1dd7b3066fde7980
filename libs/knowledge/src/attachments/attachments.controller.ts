import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
  ApiOperation,
  ApiParam,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser, UploadRoute } from '@chadavkhi/identity';
import { Public } from '@chadavkhi/platform';
import { AttachmentView } from '../documents/dto/document.view';
import { ACCEPTED } from './attachment-type';
import { AttachmentsService } from './attachments.service';

const id = new ParseUUIDPipe();
const NOT_FOUND = 'No such document, or one you may not see';
const NOT_EDITOR = 'You can read the document but not edit it';

/** A download answers in the type detected on upload: one of the accepted kinds, as bytes. */
const downloadContent = Object.fromEntries(
  Object.values(ACCEPTED).map((kind) => [kind.mediaType, { schema: { type: 'string', format: 'binary' } }]),
);

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name (Cyrillic file names). */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7E]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

@ApiTags('knowledge')
@ApiBearerAuth()
// One path parameter name for the three routes (an upload names the file, a download or a removal
// the attachment's id): OpenAPI allows no two paths that differ only in a parameter's name.
@Controller('knowledge/documents/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @ApiOperation({ summary: 'Upload or replace an attachment' })
  @Put(':attachment')
  @ApiParam({
    name: 'attachment',
    description: 'The file name to store the file under (a file of the same name is replaced)',
  })
  // Its raw body (attachment-upload-route.ts), read only for someone signed in (the service checks the document after).
  @UploadRoute({ roles: [], config: { attachmentUpload: true } })
  @ApiConsumes('application/octet-stream')
  @ApiBody({
    description: 'The file itself (PDF, DOCX, XLSX, TXT, PNG, JPEG, GIF, WebP), typed by its content',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({ type: AttachmentView, description: 'Stored as a new file' })
  @ApiOkResponse({ type: AttachmentView, description: 'Stored, replacing the file of the same name' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiForbiddenResponse({ description: NOT_EDITOR })
  @ApiPayloadTooLargeResponse({ description: 'Larger than KNOWLEDGE_ATTACHMENT_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not an accepted kind, or the name lies about the content' })
  @ApiUnprocessableEntityResponse({ description: 'No file name, or an empty body' })
  async upload(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) documentId: string,
    @Param('attachment') filename: string,
    @Body() body: Buffer | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, attachment } = await this.attachments.upload(actor, documentId, filename, body);
    reply.status(created ? 201 : 200);
    return attachment;
  }

  @ApiOperation({ summary: 'Download an attachment' })
  @Get(':attachment')
  @ApiParam({
    name: 'attachment',
    format: 'uuid',
    description: "The attachment's id, as the document's attachments list gives it",
  })
  @Public()
  @ApiOkResponse({ description: 'The file, as a download, typed as detected on upload', content: downloadContent })
  @ApiNotFoundResponse({ description: 'No such document or attachment, or one you may not see' })
  async download(
    @CurrentUser() caller: AuthUser | undefined,
    @Param('id', id) documentId: string,
    @Param('attachment', id) attachmentId: string,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.attachments.download(caller ?? null, documentId, attachmentId);
    return reply
      .header('content-type', file.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : file.mediaType)
      .header('content-disposition', disposition(file.filename))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
      .send(file.bytes);
  }

  @ApiOperation({ summary: 'Remove an attachment from the working copy' })
  @Delete(':attachment')
  @ApiParam({
    name: 'attachment',
    format: 'uuid',
    description: "The attachment's id, as the document's attachments list gives it",
  })
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'Removed from the working copy (readers keep it until the change is published)',
  })
  @ApiNotFoundResponse({ description: 'No such document or attachment, or one you may not see' })
  @ApiForbiddenResponse({ description: NOT_EDITOR })
  remove(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) documentId: string,
    @Param('attachment', id) attachmentId: string,
  ) {
    return this.attachments.remove(actor, documentId, attachmentId);
  }
}
