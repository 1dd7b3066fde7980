// Writing a knowledge document: a new one, or a new version of one the caller may edit, with a
// server-side preview. The form is parsed here; KnowledgeDocumentsService holds the bounds
// (CreateDocumentDto) and its refusal is put beside each field in the page's language.
import { Controller, ForbiddenException, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CreateDocumentDto,
  DOCUMENT_TYPES,
  DocumentView,
  KnowledgeDocumentsService,
  VISIBILITIES,
} from '@chadavkhi/knowledge';
import { renderSafeMarkdown, validateInput } from '@chadavkhi/platform';
import { errorList, FieldErrors, FormReader } from './form-fields';
import { pageRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { knowledgePageOptions } from './knowledge-document-page';
import { Form, PageLanguage, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

interface EditorState {
  status?: number;
  values: Record<string, string>;
  errors?: FieldErrors;
  preview?: string;
}

@ApiExcludeController()
@Controller('knowledge')
export class KnowledgeEditorPagesController {
  constructor(
    private readonly documents: KnowledgeDocumentsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('new')
  async newDocument(@PageLanguage() lang: Language, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const values = {
      title: '',
      summary: '',
      body: '',
      type: 'guideline',
      language: lang,
      visibility: 'internal',
      tags: '',
      reviewBy: '',
    };
    return this.renderEditor(request, reply, lang, undefined, { values });
  }

  @Post('new')
  async create(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.saveFromForm(request, reply, lang, body, undefined);
  }

  @Get('documents/:id/edit')
  async edit(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const doc = await this.editable(request, id);
    const values = {
      title: doc.title,
      summary: doc.summary ?? '',
      body: doc.body,
      type: doc.type,
      language: doc.language,
      visibility: doc.visibility,
      tags: doc.tags.join(', '),
      reviewBy: doc.reviewBy ?? '',
    };
    return this.renderEditor(request, reply, lang, doc, { values });
  }

  @Post('documents/:id/edit')
  async save(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.saveFromForm(request, reply, lang, body, await this.editable(request, id));
  }

  private async editable(request: FastifyRequest, id: string): Promise<DocumentView> {
    const doc = await this.documents.get(request.user, id);
    if (!doc.editor)
      throw new ForbiddenException(
        'Only the author, the owner or a reviewer of the owning agency can edit this document.',
      );
    return doc;
  }

  /** "Preview" renders the typed Markdown and saves nothing; "Save" saves a version, or shows the service's refusal. */
  private async saveFromForm(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    body: Record<string, unknown>,
    doc: DocumentView | undefined,
  ) {
    const form = new FormReader(body, lang);
    const input = {
      title: form.text('title'),
      summary: form.text('summary'),
      body: form.text('body', { trim: false }),
      type: form.text('type'),
      language: form.text('language'),
      visibility: form.text('visibility'),
      tags: form.codeList('tags'),
      reviewBy: form.text('reviewBy') || null,
    };
    const refused = (error: unknown) => {
      if (!form.refusedBy(error, 'title')) return false;
      // The service refuses a date that is not one in its own terms; the form says which form it takes.
      if (form.errors.reviewBy) form.errors.reviewBy = translate(lang, 'knowledge.form.date');
      return true;
    };
    if (body.action === 'preview') {
      // The preview shows what saving would refuse, by the same input class the service checks.
      await validateInput(CreateDocumentDto, input).catch((error: unknown) => {
        if (!refused(error)) throw error;
      });
      return this.renderEditor(request, reply, lang, doc, {
        values: form.values,
        errors: form.errors,
        preview: renderSafeMarkdown(input.body),
      });
    }
    try {
      const dto = input as CreateDocumentDto;
      const saved = doc
        ? await this.documents.update(request.user!, doc.id, { ...dto, note: form.text('note') || undefined })
        : await this.documents.create(request.user!, dto);
      const notice = !doc
        ? 'created'
        : doc.status === 'in_review' && saved.status !== 'in_review'
          ? 'savedReviewWithdrawn'
          : 'saved';
      return reply.redirect(`/knowledge/documents/${saved.id}?notice=${notice}`, 303);
    } catch (error) {
      if (refused(error))
        return this.renderEditor(request, reply, lang, doc, { status: 422, values: form.values, errors: form.errors });
      const refusal = pageRefusal(error);
      if (!refusal) throw error;
      form.fail('title', 'author.refused', { message: refusal.message });
      return this.renderEditor(request, reply, lang, doc, {
        status: refusal.status,
        values: form.values,
        errors: form.errors,
      });
    }
  }

  private renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    doc: DocumentView | undefined,
    state: EditorState,
  ) {
    const errors = state.errors ?? {};
    const heading = doc
      ? translate(lang, 'knowledge.edit.title', { title: doc.title })
      : translate(lang, 'knowledge.new.title');
    return this.pages.render(
      request,
      reply,
      'knowledge-edit.hbs',
      heading,
      {
        heading,
        backHref: doc ? `/knowledge/documents/${doc.id}` : '/knowledge',
        action: doc ? `/knowledge/documents/${doc.id}/edit` : '/knowledge/new',
        isEdit: !!doc,
        inReviewText: doc?.status === 'in_review' ? translate(lang, 'knowledge.edit.inReview') : undefined,
        values: state.values,
        errors,
        errorList: errorList('doc', errors),
        typeOptions: DOCUMENT_TYPES.map((t) => ({
          value: t,
          label: translate(lang, `knowledge.type.${t}`),
          selected: state.values.type === t,
        })),
        languageOptions: (['mn', 'en'] as const).map((l) => ({
          value: l,
          label: translate(lang, `language.${l}`),
          selected: state.values.language === l,
        })),
        visibilityOptions: VISIBILITIES.map((v) => ({
          value: v,
          label: translate(lang, `knowledge.visibility.${v}`),
          selected: state.values.visibility === v,
        })),
        preview: state.preview !== undefined ? { html: state.preview, empty: !state.preview.trim() } : undefined,
      },
      knowledgePageOptions(request, state.status),
    );
  }
}
