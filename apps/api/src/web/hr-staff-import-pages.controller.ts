// Staff import on the web: an HR officer (or an administrator) uploads a CSV or XLSX staff file for
// an agency of theirs (a plain multipart form: works without JavaScript), sees the preview — counts
// as bars, every refused row with its line and reason, the changes by kind — and confirms it, or
// not. The rules (scope, rows, idempotence) are StaffImportsService's; this page only words them.
import { Controller, Get, HttpException, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { AssignmentsService } from '@chadavkhi/accountability';
import {
  AuthUser,
  Roles,
  STAFF_COLUMNS,
  StaffImportsService,
  StaffImportView,
  StaffUploadRoute,
} from '@chadavkhi/identity';
import { AppConfig } from '@chadavkhi/platform';
import { contentPath } from './content-file';
import { horizontalBarChart } from './dashboard-charts';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

const KINDS = ['create', 'update', 'move', 'rejoin', 'leave'] as const;
const NO_IMPORT = 'No staff import with this id is visible to you.';

/** content/staff/staff-sample.csv. */
const SAMPLE_FILE = contentPath('staff', 'staff-sample.csv');

@ApiExcludeController()
@Roles('hr_officer', 'admin')
@Controller('hr')
export class HrStaffImportPagesController {
  constructor(
    private readonly imports: StaffImportsService,
    private readonly assignments: AssignmentsService,
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
  ) {}

  @Get('staff-import')
  form(@PageLanguage() lang: Language, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderForm(lang, request, reply);
  }

  /** The sample file the README describes, for an officer to start from. */
  @Get('staff-import/sample.csv')
  sample(@Res() reply: FastifyReply) {
    const file = readFileSync(SAMPLE_FILE);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="staff-sample.csv"')
      .send(file);
  }

  @Post('staff-import')
  @StaffUploadRoute()
  async upload(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const agency = typeof body.agency === 'string' ? body.agency : '';
    const fullSync = body.fullSync === 'on';
    const file = body.file;
    if (!Buffer.isBuffer(file) || !file.length)
      return this.renderForm(lang, request, reply, {
        status: 422,
        message: translate(lang, 'staffImport.noFile'),
        agency,
        fullSync,
      });
    try {
      const preview = await this.imports.preview(
        request.user as AuthUser,
        { bytes: file },
        { agency, fullSync },
        request.ip ?? null,
      );
      return reply.redirect(`/hr/staff-imports/${preview.id}`, 303);
    } catch (error) {
      if (!(error instanceof HttpException) || ![403, 413, 422].includes(error.getStatus())) throw error;
      const code = (error.getResponse() as { code?: string }).code;
      const message = code
        ? `${translate(lang, `staffImport.file.${code}`)} ${lang === 'en' ? error.message : ''}`.trim()
        : error.getStatus() === 413
          ? translate(lang, 'staffImport.tooLarge', { mib: Math.round(this.config.STAFF_IMPORT_MAX_BYTES / 1048576) })
          : error.getStatus() === 403
            ? translate(lang, 'staffImport.notYours')
            : error.message;
      return this.renderForm(lang, request, reply, { status: error.getStatus(), message, agency, fullSync });
    }
  }

  @Get('staff-imports/:id')
  async preview(
    @UuidParam('id', NO_IMPORT) id: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const kind =
      typeof query.kind === 'string' && (KINDS as readonly string[]).includes(query.kind) ? query.kind : undefined;
    const found = await this.imports.get(request.user as AuthUser, id, kind);
    const notice =
      query.notice === 'applied' || query.notice === 'already'
        ? translate(lang, `staffImport.notice.${query.notice}`)
        : undefined;
    return this.renderPreview(lang, request, reply, found, kind, notice);
  }

  @Post('staff-imports/:id/apply')
  async apply(
    @UuidParam('id', NO_IMPORT) id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const actor = request.user as AuthUser;
    try {
      const result = await this.imports.apply(actor, id, request.ip ?? null, { invite: body.invite === 'on' });
      return reply.redirect(`/hr/staff-imports/${id}?notice=${result.alreadyApplied ? 'already' : 'applied'}`, 303);
    } catch (error) {
      if (!(error instanceof HttpException) || ![409, 422].includes(error.getStatus())) throw error;
      const found = await this.imports.get(actor, id);
      const message = translate(lang, error.getStatus() === 409 ? 'staffImport.stale' : 'staffImport.hasProblems');
      return this.renderPreview(lang, request, reply, found, undefined, undefined, {
        status: error.getStatus(),
        message,
      });
    }
  }

  private async renderForm(
    lang: Language,
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { status: number; message: string; agency: string; fullSync: boolean },
  ) {
    const actor = request.user as AuthUser;
    const [options, recent] = await Promise.all([this.assignments.formOptions(actor), this.imports.list(actor, 0, 10)]);
    const selected = failed?.agency || actor.agencyId;
    const title = translate(lang, 'staffImport.title');
    return this.pages.render(
      request,
      reply,
      'hr-staff-import.hbs',
      title,
      {
        heading: title,
        refused: failed?.message,
        fullSync: failed?.fullSync ?? false,
        maxMib: Math.round(this.config.STAFF_IMPORT_MAX_BYTES / 1048576),
        columns: STAFF_COLUMNS.join(', '),
        agencies: options.agencies.map((a) => ({
          value: a.id,
          label: `${'— '.repeat(Math.min(a.depth, 6))}${lang === 'en' ? a.name_en : a.name_mn}`,
          selected: a.id === selected,
        })),
        recent: recent.items.map((i) => ({
          href: `/hr/staff-imports/${i.id}`,
          fileName: i.fileName,
          agency: i.agency.name[lang],
          when: formatDate(lang, i.createdAt, true),
          status: translate(lang, `staffImport.status.${i.status}`),
          summary: this.countsText(lang, i),
        })),
      },
      { status: failed?.status ?? 200 },
    );
  }

  private renderPreview(
    lang: Language,
    request: FastifyRequest,
    reply: FastifyReply,
    found: StaffImportView,
    kind: string | undefined,
    notice?: string,
    refused?: { status: number; message: string },
  ) {
    const c = found.counts;
    const title = translate(lang, 'staffImport.previewTitle', { file: found.fileName });
    const bars = [...KINDS, 'unchanged' as const, 'problems' as const].map((k) => ({
      label: translate(lang, `staffImport.kind.${k}`),
      value: c[k],
      href:
        (KINDS as readonly string[]).includes(k) && c[k]
          ? `/hr/staff-imports/${found.id}?kind=${k}#changes`
          : k === 'problems' && c[k]
            ? '#problems'
            : undefined,
    }));
    const place = (p?: { agencyCode: string; positionCode: string }) =>
      p ? `${p.agencyCode} · ${p.positionCode}` : '';
    return this.pages.render(
      request,
      reply,
      'hr-staff-import-preview.hbs',
      title,
      {
        heading: title,
        pagePath: `/hr/staff-imports/${found.id}`,
        notice,
        refused: refused?.message,
        meta: translate(lang, 'staffImport.meta', {
          agency: found.agency.name[lang],
          by: found.createdBy,
          when: formatDate(lang, found.createdAt, true),
          size: Math.max(1, Math.round(found.fileSize / 1024)),
        }),
        fullSync: found.fullSync,
        applied: found.status === 'applied',
        appliedText: found.appliedAt
          ? translate(lang, 'staffImport.appliedOn', { when: formatDate(lang, found.appliedAt, true) })
          : undefined,
        canApply: found.canApply,
        nothingToDo: found.canApply && found.changes.total === 0,
        applyText: translate(lang, 'staffImport.apply', { count: c.create + c.update + c.move + c.rejoin + c.leave }),
        chart: horizontalBarChart({
          id: 'import-counts',
          title: translate(lang, 'staffImport.chartTitle'),
          summary: this.countsText(lang, found),
          bars,
          tone: c.problems ? 'warn' : 'accent',
        }),
        problems: found.problems.items.map((p) => ({
          line: p.line ?? '—',
          field: p.field || '—',
          registrationNumber: p.registrationNumber ?? '',
          message: p.message,
        })),
        problemsMore:
          found.problems.total > found.problems.listed
            ? translate(lang, 'staffImport.more', { count: found.problems.total - found.problems.listed })
            : undefined,
        filters: [undefined, ...KINDS].map((k) => ({
          href: `/hr/staff-imports/${found.id}${k ? `?kind=${k}` : ''}#changes`,
          label: translate(lang, k ? `staffImport.kind.${k}` : 'staffImport.allKinds'),
          current: k === kind,
        })),
        changes: found.changes.items.map((ch) => ({
          kind: translate(lang, `staffImport.kind.${ch.kind}`),
          kindClass: ch.kind,
          line: ch.line ?? '—',
          name: ch.name,
          registrationNumber: ch.registrationNumber ?? '',
          from: place(ch.from),
          to: place(ch.to),
          fields: ch.fields.map((f) => translate(lang, `staffImport.field.${f}`)).join(', '),
          on: ch.effectiveOn,
        })),
        changesMore:
          found.changes.total > found.changes.listed
            ? translate(lang, 'staffImport.more', { count: found.changes.total - found.changes.listed })
            : undefined,
      },
      { status: refused?.status ?? 200 },
    );
  }

  private countsText(lang: Language, i: StaffImportView): string {
    return translate(lang, 'staffImport.counts', { ...i.counts });
  }
}
