// Who may print a published version, and the printouts themselves. Versions never change, so a
// built PDF is kept in memory (bounded by bytes) per version, kind, language and printing day.
import { createHash } from 'node:crypto';
import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, hasRole } from '@chadavkhi/identity';
import { AppConfig, recordAudit } from '@chadavkhi/platform';
import { lessonEstimates } from '../enrollments/completion-pace';
import { PackContent, PackModule, renderCoursePack, renderMarkingKey } from './course-pack-pdf';
import { CoursePackRepository, PackVersionRow } from './course-pack.repository';
import { PackLanguage } from './pack-labels';
import { paperQuiz } from './paper-quiz';
import { PACK_SURVEY_SOURCE, PackSurveySource } from './pack-survey';

export type PrintoutKind = 'pack' | 'marking-key';

export interface Printout {
  filename: string;
  pdf: Buffer;
}

/** About 400 printed pages of lesson text: more than that is no longer one pack to carry into a room. */
export const MAX_PACK_MARKDOWN_CHARS = 1_000_000;
const CACHE_BYTES = 64 * 1024 * 1024;
/** pdfkit draws on the event loop; a few builds at once keep other requests answered. */
const CONCURRENT_BUILDS = 2;

@Injectable()
export class CoursePackService {
  private readonly cache = new Map<string, Buffer>();
  private cachedBytes = 0;
  private readonly building = new Map<string, Promise<Buffer>>();
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly packs: CoursePackRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Optional() @Inject(PACK_SURVEY_SOURCE) private readonly surveys?: PackSurveySource,
  ) {}

  /** The lessons and the answer sheet: for the trainer who owns the course, HR officers and administrators. */
  async pack(actor: AuthUser, courseId: string, versionParam: string, lang?: PackLanguage): Promise<Printout> {
    const row = await this.printable(actor, courseId, versionParam, 'pack');
    const language = lang ?? row.language;
    // The survey sheet follows the course's questions as they are now: a change prints a new pack.
    const survey = (await this.surveys?.sheetFor(row.courseId, language)) ?? null;
    const variant = survey ? createHash('sha256').update(JSON.stringify(survey)).digest('hex').slice(0, 16) : '';
    const pdf = await this.built(
      row,
      'pack',
      language,
      async (content) => renderCoursePack({ ...content, survey }, language),
      variant,
    );
    return { filename: this.filename(row, 'pack', language), pdf };
  }

  /** The answers, points and explanations of the answer sheet: for the owning trainer and administrators only. */
  async markingKey(
    actor: AuthUser,
    courseId: string,
    versionParam: string,
    ip: string | null,
    lang?: PackLanguage,
  ): Promise<Printout> {
    const row = await this.printable(actor, courseId, versionParam, 'marking-key');
    if (!finalQuiz(row))
      throw new NotFoundException(`Version ${row.version} of this course has no final quiz, so it has no marking key.`);
    const language = lang ?? row.language;
    const pdf = await this.built(row, 'marking-key', language, async (content) =>
      renderMarkingKey(content, content.quiz!, language),
    );
    // An answer key leaving the system is worth a line in the audit log, cached copy or not.
    await recordAudit(
      this.dataSource.manager,
      { id: actor.id, email: actor.email, ip },
      'course.marking_key.download',
      { type: 'course', id: row.courseId },
      { version: row.version, lang: language },
    );
    return { filename: this.filename(row, 'marking-key', language), pdf };
  }

  private async printable(
    actor: AuthUser,
    courseId: string,
    versionParam: string,
    kind: PrintoutKind,
  ): Promise<PackVersionRow & { versionId: string }> {
    if (!/^[1-9]\d{0,8}$/.test(versionParam))
      throw new BadRequestException('The version must be a whole number from 1.');
    const row = await this.packs.version(courseId, Number(versionParam));
    if (!row) throw new NotFoundException('No course has this id.');
    const owner = hasRole(actor, 'trainer') && row.ownerId === actor.id;
    const allowed = hasRole(actor, 'admin') || owner || (kind === 'pack' && hasRole(actor, 'hr_officer'));
    if (!allowed) {
      throw new ForbiddenException(
        kind === 'pack'
          ? 'Only the trainer who owns this course, HR officers and administrators can print its packs.'
          : 'Only the trainer who owns this course, or an administrator, can print its marking key.',
      );
    }
    if (!row.versionId) throw new NotFoundException(`This course has no version ${versionParam}.`);
    if (row.markdownChars > MAX_PACK_MARKDOWN_CHARS)
      throw new UnprocessableEntityException(
        `Version ${row.version} is too long to print as one pack (${row.markdownChars} characters of lessons; at most ${MAX_PACK_MARKDOWN_CHARS}).`,
      );
    return row as PackVersionRow & { versionId: string };
  }

  private async built(
    row: PackVersionRow & { versionId: string },
    kind: PrintoutKind,
    lang: PackLanguage,
    render: (content: PackContent) => Promise<Buffer>,
    variant = '',
  ): Promise<Buffer> {
    const printedAt = new Date();
    // The printing date is on the page, so a cached copy lives for that day (Ulaanbaatar time).
    const day = printedAt.toLocaleDateString('en-CA', { timeZone: 'Asia/Ulaanbaatar' });
    const key = `${row.versionId}|${kind}|${lang}|${day}|${variant}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.limited(async () => render(await this.content(row, printedAt)));
      this.building.set(key, pending);
      pending
        .then((pdf) => this.remember(key, pdf))
        .catch(() => undefined)
        .finally(() => this.building.delete(key));
    }
    return pending;
  }

  private async content(row: PackVersionRow & { versionId: string }, printedAt: Date): Promise<PackContent> {
    const lessons = await this.packs.lessons(row.versionId);
    // The same share of the course's time the completion pace gives each lesson.
    const estimates = lessonEstimates(
      row.estimatedMinutes,
      new Map(lessons.map((l) => [l.lessonId, l.bodyMarkdown.length])),
    );
    const modules: PackModule[] = row.modules.map((m) => ({
      title: m.title,
      lessons: lessons
        .filter((l) => l.moduleId === m.id)
        .map((l) => ({
          title: l.title,
          markdown: l.bodyMarkdown,
          videoUrl: l.videoUrl,
          required: l.required,
          online: l.isPackage
            ? {
                description: l.packageDescription,
                minutes: Math.max(1, Math.round((estimates.get(l.lessonId) ?? 0) / 60)),
                url: `${this.config.publicUrl}/courses/${row.courseId}/lessons/${l.lessonId}`,
              }
            : null,
        })),
    }));
    const quiz = finalQuiz(row);
    return {
      courseTitle: row.title,
      courseTitleEn: row.titleEn,
      summary: row.summary,
      courseLanguage: row.language,
      version: row.version,
      publishedAt: new Date(row.publishedAt),
      printedAt,
      modules,
      quiz: quiz ? paperQuiz(row.versionId, quiz, row.questionBanks ?? []) : null,
    };
  }

  private remember(key: string, pdf: Buffer): void {
    if (pdf.length > CACHE_BYTES / 4) return;
    this.cache.set(key, pdf);
    this.cachedBytes += pdf.length;
    for (const [oldest, value] of this.cache) {
      if (this.cachedBytes <= CACHE_BYTES) break;
      this.cache.delete(oldest);
      this.cachedBytes -= value.length;
    }
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= CONCURRENT_BUILDS) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  private filename(row: PackVersionRow, kind: PrintoutKind, lang: PackLanguage): string {
    const code = (row.code ?? 'course').replace(/[^a-z0-9-]/gi, '').slice(0, 60) || 'course';
    return `${code}-v${row.version}-${kind}-${lang}.pdf`;
  }
}

function finalQuiz(row: PackVersionRow) {
  return (row.quizzes ?? []).find((q) => q.moduleId === null) ?? null;
}
