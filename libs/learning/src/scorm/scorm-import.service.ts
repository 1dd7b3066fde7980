// Importing a SCORM package as a lesson of a course draft: the zip is checked whole (size, entries,
// names, inflated bytes, manifest, the files it names) before anything is written, then its files,
// the package and the new lesson are stored in the one transaction that saves the draft. The zip's
// SHA-256 names the package, so a zip imported before is recognised at once and stored nothing anew.
import { createHash, randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '@chadavkhi/identity';
import { AppConfig } from '@chadavkhi/platform';
import { CoursesService } from '../courses/courses.service';
import { MAX_LESSONS_PER_MODULE } from '../courses/dto/course-draft.dto';
import { addLesson } from '../courses/outline-edits';
import { ScormCourseCreatedView, ScormLessonAddedView, ScormPackageView } from './dto/scorm-package.view';
import { CreateCourseDto } from '../courses/dto/course-draft.dto';
import { DEFAULT_MAX_RATIO, readScormArchive, ScormArchive } from './scorm-archive';
import { scormLessonMarkdown, ScormManifest } from './scorm-manifest';
import { ScormManifestReader } from './scorm-manifest-reader';
import { ScormTextReader } from './scorm-text-reader';
import { NewScormPackage, ScormPackagesRepository, StoredScormPackage } from './scorm-packages.repository';
import { refuseScorm } from './scorm-refusal';

export interface ScormUpload {
  bytes: Buffer | undefined;
  /** The lesson's title; the package's own title when empty. */
  title?: string;
  revision?: number;
}

export interface ScormCourseUpload {
  bytes: Buffer | undefined;
  /** The course's title; the package's own title when empty. */
  title?: string;
  language?: 'mn' | 'en';
  estimatedMinutes?: number;
}

/** A course made from a package takes this long until its trainer says otherwise. */
export const DEFAULT_COURSE_MINUTES = 30;

interface FoundPackage {
  sha256: string;
  bytes: Buffer;
  /** Read and checked now (a package not stored before); null when it was stored already. */
  checked: { row: NewScormPackage; archive: ScormArchive } | null;
  stored: StoredScormPackage;
}

const MANIFEST = 'imsmanifest.xml';

@Injectable()
export class ScormImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesService,
    private readonly packages: ScormPackagesRepository,
    private readonly config: AppConfig,
    private readonly manifests: ScormManifestReader,
    private readonly texts: ScormTextReader,
  ) {}

  async importLesson(
    actor: AuthUser,
    courseId: string,
    moduleId: string,
    upload: ScormUpload,
  ): Promise<ScormLessonAddedView> {
    // Who may edit the course is checked before a byte of the package is read.
    await this.courses.lockForEdit(this.dataSource.manager, actor, courseId);
    const title = upload.title?.trim() ?? '';
    if (title.length > 200) throw new UnprocessableEntityException('A lesson title has at most 200 characters.');
    const found = await this.prepare(actor, upload.bytes);
    const lessonId = randomUUID();
    let newlyStored = false;
    const course = await this.dataSource.transaction(async (manager) => {
      const locked = await this.courses.lockForEdit(manager, actor, courseId, upload.revision);
      const target = locked.draft.modules.find((m) => m.id === moduleId);
      if (!target) throw new NotFoundException('This draft has no such module.');
      if (target.lessons.length >= MAX_LESSONS_PER_MODULE)
        throw new UnprocessableEntityException({
          message: `A module has at most ${MAX_LESSONS_PER_MODULE} lessons.`,
          slug: 'too-many-lessons',
          max: MAX_LESSONS_PER_MODULE,
        });
      newlyStored = await this.storeIn(manager, actor, found);
      const outline = addLesson(locked.draft.modules, moduleId, title || found.stored.title.slice(0, 200), lessonId, {
        body: scormLessonMarkdown(found.stored.manifest),
        scormPackage: found.sha256,
      })!;
      return this.courses.saveDraft(manager, locked, { modules: outline });
    });
    return { course, lessonId, package: packageView(found.stored, newlyStored) };
  }

  /**
   * A new draft course made of one package: its title and description from the manifest, one module
   * named after the package's organization, and the package as its one lesson. One lesson, not one
   * per item: the package plays as a whole (its own table of contents, its sequencing, suspend data
   * and completion span its items), as any package lesson does. The trainer edits the rest as usual.
   */
  async importCourse(actor: AuthUser, upload: ScormCourseUpload): Promise<ScormCourseCreatedView> {
    const found = await this.prepare(actor, upload.bytes);
    const manifest = found.stored.manifest;
    const packageTitle = found.stored.title.trim();
    const title = (upload.title?.trim() || packageTitle).slice(0, 200);
    let newlyStored = false;
    const course = await this.dataSource.transaction(async (manager) => {
      newlyStored = await this.storeIn(manager, actor, found);
      return this.courses.createIn(manager, actor, {
        title,
        summary: (manifest.description?.trim() || manifest.organization.title.trim() || packageTitle).slice(0, 2000),
        language: upload.language ?? 'mn',
        estimatedMinutes: upload.estimatedMinutes ?? DEFAULT_COURSE_MINUTES,
        modules: [
          {
            title: (manifest.organization.title.trim() || packageTitle).slice(0, 200),
            lessons: [
              {
                title: packageTitle.slice(0, 200),
                body: scormLessonMarkdown(manifest),
                required: true,
                scormPackage: found.sha256,
              },
            ],
          },
        ],
      } as CreateCourseDto);
    });
    return { course, lessonId: course.draft.modules[0].lessons[0].id, package: packageView(found.stored, newlyStored) };
  }

  /** The upload's bytes, hashed; the package as stored already, or read and checked whole (nothing stored yet). */
  private async prepare(actor: AuthUser, bytes: Buffer | undefined): Promise<FoundPackage> {
    if (!Buffer.isBuffer(bytes) || !bytes.length)
      refuseScorm('no-package-file', 'Choose the SCORM package (.zip) to add: send it as the form field "file".');
    if (bytes.length > this.config.SCORM_MAX_PACKAGE_BYTES)
      refuseScorm(
        'package-too-large',
        `The package is ${bytes.length} bytes; a package may be at most ${this.config.SCORM_MAX_PACKAGE_BYTES} bytes.`,
        { max: this.config.SCORM_MAX_PACKAGE_BYTES },
      );
    const sha256 = await sha256Of(bytes);
    const known = await this.packages.find(this.dataSource.manager, sha256);
    const checked = known ? null : await this.check(actor, sha256, bytes);
    return { sha256, bytes, checked, stored: known ?? checked!.row };
  }

  /** Stores a new package in the caller's transaction; true when it was stored now. */
  private async storeIn(manager: EntityManager, actor: AuthUser, found: FoundPackage): Promise<boolean> {
    // A package stored before may have been cleaned up since it was found: checked and stored again from these bytes.
    const fresh =
      found.checked ??
      ((await this.packages.unknown(manager, [found.sha256])).length
        ? await this.check(actor, found.sha256, found.bytes)
        : null);
    return fresh ? this.store(manager, fresh.row, fresh.archive) : false;
  }

  /** Reads and checks the whole package; refuses (4xx, nothing stored) what cannot be played safely. */
  private async check(
    actor: AuthUser,
    sha256: string,
    bytes: Buffer,
  ): Promise<{ row: NewScormPackage; archive: ScormArchive }> {
    const archive = await readScormArchive(bytes, {
      maxFiles: this.config.SCORM_MAX_FILES,
      maxUnpackedBytes: this.config.SCORM_MAX_UNPACKED_BYTES,
      maxRatio: DEFAULT_MAX_RATIO,
    });
    const manifestFile = archive.files.get(MANIFEST);
    if (!manifestFile) {
      const names = [...archive.files.keys()];
      if (names.some((n) => n.toLowerCase() === 'cmi5.xml'))
        refuseScorm(
          'unsupported-version',
          'This is a cmi5 package (cmi5.xml), which is not supported yet. Export it as SCORM 1.2 or SCORM 2004 3rd/4th edition.',
          { version: 'cmi5' },
        );
      if (names.some((n) => /\.(crs|au|des|cst)$/i.test(n)))
        refuseScorm(
          'unsupported-version',
          'This is an AICC package, which is not supported. Export it as SCORM 1.2 or SCORM 2004 3rd/4th edition.',
          { version: 'AICC' },
        );
      const nested = names.find((n) => n.toLowerCase().endsWith('/imsmanifest.xml'));
      refuseScorm(
        'no-manifest',
        nested
          ? `imsmanifest.xml must be at the top of the zip, not in "${nested.slice(0, 200)}": zip the folder's contents, not the folder.`
          : 'The zip has no imsmanifest.xml at its top, so it is not a SCORM package.',
      );
    }
    const xml = manifestFile.bytes.toString('utf8');
    const { manifest, namedFiles } = await this.manifests.read(xml);
    const missing = namedFiles.filter((path) => !archive.files.has(path));
    if (missing.length)
      refuseScorm(
        'missing-file',
        `The manifest names ${missing.length === 1 ? 'a file' : `${missing.length} files`} the zip does not hold: ${missing
          .slice(0, 5)
          .map((m) => `"${m.slice(0, 200)}"`)
          .join(', ')}${missing.length > 5 ? '…' : ''}.`,
        { file: missing[0].slice(0, 200) },
      );
    const files = [...archive.files.values()];
    const pageText = await this.texts.read(manifest, archive);
    return {
      archive,
      row: {
        sha256,
        version: manifest.version,
        title: manifest.title,
        manifest,
        fileCount: files.length,
        packageBytes: bytes.length,
        unpackedBytes: archive.unpackedBytes,
        uploadedBy: actor.id,
        pageText,
        files: files.map((f) => ({ path: f.path, sha256: f.sha256 })),
      },
    };
  }

  /** The files not stored yet, then the package (ON CONFLICT: another import of the same zip may have won). */
  private async store(manager: EntityManager, row: NewScormPackage, archive: ScormArchive): Promise<boolean> {
    const unique = new Map([...archive.files.values()].map((f) => [f.sha256, f]));
    const already = await this.packages.storedFiles(manager, [...unique.keys()]);
    for (const file of unique.values()) if (!already.has(file.sha256)) await this.packages.insertFile(manager, file);
    return this.packages.insertPackage(manager, row);
  }
}

/** A megabyte at a time, giving the event loop a turn between: 100 MiB hashed at once would hold it for a few hundred milliseconds. */
async function sha256Of(bytes: Buffer): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += 1024 * 1024) {
    hash.update(bytes.subarray(at, at + 1024 * 1024));
    await nextTurn();
  }
  return hash.digest('hex');
}

function packageView(p: StoredScormPackage, newlyStored: boolean): ScormPackageView {
  const m: ScormManifest = p.manifest;
  return {
    sha256: p.sha256,
    version: p.version,
    title: p.title,
    description: m.description,
    launch: m.launch,
    scoCount: m.scoCount,
    items: m.organization.items,
    fileCount: p.fileCount,
    packageBytes: Number(p.packageBytes),
    unpackedBytes: Number(p.unpackedBytes),
    newlyStored,
  };
}
