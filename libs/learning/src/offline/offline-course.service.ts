// What "Save for offline" stores on a device: the pages of the enrolment's pinned version (its
// overview and every lesson) and the same-site images those lessons show. The version tells the
// device when its copy is out of date; nothing here ever includes a quiz or its answers. A SCORM
// package lesson's files live on the content origin, which only the package's player can store
// them for: the manifest names each package's player.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@chadavkhi/identity';
import { CoursesRepository } from '../courses/courses.repository';
import { EnrollmentsRepository } from '../enrollments/enrollments.repository';
import { EnrollmentsService } from '../enrollments/enrollments.service';
import { ScormPackagesRepository } from '../scorm/scorm-packages.repository';
import { OfflineManifestView } from './dto/offline.view';

const IMG_SRC = /<img\b[^>]*?\ssrc="(\/(?!\/)[^"]*)"/gi;

@Injectable()
export class OfflineCourseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrollments: EnrollmentsService,
    private readonly enrollmentRows: EnrollmentsRepository,
    private readonly courses: CoursesRepository,
    private readonly packages: ScormPackagesRepository,
  ) {}

  /** `contentOrigin`: where packages play for the page asking (scormContentOrigin), null where they cannot. */
  async manifest(actor: AuthUser, enrollmentId: string, contentOrigin: string | null): Promise<OfflineManifestView> {
    const enrollment = await this.enrollments.get(actor, enrollmentId);
    const courseVersionId = (await this.enrollmentRows.courseVersionId(this.dataSource.manager, enrollmentId))!;
    const lessons = await this.courses.lessonBodies(this.dataSource.manager, courseVersionId);
    const images = new Set<string>();
    for (const l of lessons)
      for (const match of l.body_html.matchAll(IMG_SRC)) images.add(match[1].replace(/&amp;/g, '&'));
    const shas = lessons.flatMap((l) => (l.scorm_package ? [l.scorm_package] : []));
    const sizes = shas.length ? await this.packages.unpackedBytes(this.dataSource.manager, shas) : new Map();
    const pages = [`/learn/${enrollmentId}`, ...lessons.map((l) => `/learn/${enrollmentId}/lessons/${l.lesson_id}`)];
    return {
      enrollmentId,
      courseId: enrollment.courseId,
      courseVersionId,
      version: enrollment.version,
      title: enrollment.courseTitle,
      pages,
      images: [...images],
      packages: lessons
        .filter((l) => l.scorm_package)
        .map((l) => ({
          lessonId: l.lesson_id,
          packageSha256: l.scorm_package!,
          bytes: sizes.get(l.scorm_package!) ?? 0,
          playerUrl: contentOrigin ? `${contentOrigin}/scorm-player/${l.scorm_package}` : undefined,
        })),
    };
  }
}
