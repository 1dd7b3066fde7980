// Test data. createUser writes a user straight into the database (for HTTP specs, where the API is
// what is exercised, not the setup); the builders below go through the owning libs' services, so
// service specs start from data those services made (with their outbox events).
import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser, Role } from '@chadavkhi/identity';
import { UsersService } from '@chadavkhi/identity';
import { Agency } from '../../libs/identity/src/agencies/agency.entity';
import { hashPassword } from '../../libs/identity/src/auth/password-hasher';
import { Position } from '../../libs/identity/src/positions/position.entity';
import { User } from '../../libs/identity/src/users/user.entity';
import { CoursesService, EnrollmentsService } from '@chadavkhi/learning';
import { CreateDocumentDto, KnowledgeDocumentsService } from '@chadavkhi/knowledge';
// Internal to identity: the same profile lookup the auth guard turns into the AuthUser of a request.
import { UsersRepository } from '../../libs/identity/src/users/users.repository';
import { courseBody } from './courses';

export const TEST_PASSWORD = 'Correct-Horse-42';
let cachedHash: Promise<string> | undefined;

export async function agencyByCode(db: DataSource, code: string): Promise<Agency> {
  return db.getRepository(Agency).findOneByOrFail({ code });
}

export async function positionByCode(db: DataSource, code = 'specialist'): Promise<Position> {
  return db.getRepository(Position).findOneByOrFail({ code });
}

/** A user made by createUser: always with an e-mail address (which HR records may leave out). */
export type TestUser = User & { email: string };

export async function createUser(
  db: DataSource,
  options: { roles?: Role[]; agency?: string; position?: string; email?: string; name?: string } = {},
): Promise<TestUser> {
  const agency = await agencyByCode(db, options.agency ?? 'ministry-finance');
  const position = await positionByCode(db, options.position ?? 'specialist');
  const email = options.email ?? `user-${randomBytes(5).toString('hex')}@test.chadavkhi.mn`;
  const passwordHash = await (cachedHash ??= hashPassword(TEST_PASSWORD));
  const repo = db.getRepository(User);
  const { identifiers } = await repo.insert({
    email,
    name: options.name ?? 'Тест Хэрэглэгч',
    passwordHash,
    roles: options.roles ?? ['learner'],
    agencyId: agency.id,
    positionId: position.id,
  });
  await db.query(
    `INSERT INTO user_placements (user_id, agency_id, position_id, valid_from) VALUES ($1, $2, $3, (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date)`,
    [identifiers[0].id, agency.id, position.id],
  );
  return (await repo.findOneByOrFail({ id: identifiers[0].id })) as TestUser;
}

/** What the service builders need: a Nest context (a TestApp's app or a ServiceContext's) and its database. */
export interface Services {
  app: Pick<INestApplicationContext, 'get'>;
  db: DataSource;
}

/** The signed-in user a request would carry, built as the auth guard builds it. */
export async function actorOf(s: Services, userId: string): Promise<AuthUser> {
  const profile = await s.app.get(UsersRepository, { strict: false }).findProfile(userId);
  if (!profile) throw new Error(`no user ${userId}`);
  const u = profile.session;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    agencyId: u.agencyId,
    agencyPath: u.agencyPath,
    positionId: u.positionId,
    locale: u.locale,
    via: 'bearer',
    tokenId: `test-${u.id}`,
    sessionId: `test-${u.id}`,
    sessionStartedAt: Date.now(),
    profile: profile.view,
  };
}

/** A person made by identity's UsersService (with user.created), as the AuthUser a request of theirs carries. */
export async function createPerson(
  s: Services,
  options: { roles?: Role[]; agency?: string; position?: string; name?: string } = {},
): Promise<AuthUser> {
  const agency = await agencyByCode(s.db, options.agency ?? 'ministry-finance');
  const position = await positionByCode(s.db, options.position ?? 'specialist');
  const { id } = await s.db.transaction((manager) =>
    s.app.get(UsersService, { strict: false }).createWithPassword(manager, {
      email: `person-${randomBytes(5).toString('hex')}@test.chadavkhi.mn`,
      name: options.name ?? 'Тест Хэрэглэгч',
      password: TEST_PASSWORD,
      roles: options.roles ?? ['learner'],
      agencyId: agency.id,
      positionId: position.id,
    }),
  );
  return actorOf(s, id);
}

/** A course created and published by its trainer through CoursesService (courseBody with the overrides). */
export async function publishedCourse(
  s: Services,
  trainer: AuthUser,
  overrides: Record<string, unknown> = {},
): Promise<{ courseId: string; courseVersionId: string }> {
  const courses = s.app.get(CoursesService, { strict: false });
  const course = await courses.create(trainer, courseBody(overrides) as never);
  const { courseVersionId } = await courses.publish(trainer, course.id, null);
  return { courseId: course.id, courseVersionId };
}

/** The learner enrolled on a published course through EnrollmentsService, with the enrolment's lessons and quizzes. */
export async function enrolled(s: Services, learner: AuthUser, courseId: string) {
  const enrollments = s.app.get(EnrollmentsService, { strict: false });
  const { enrollment } = await enrollments.enroll(learner, courseId);
  return enrollments.get(learner, enrollment.id);
}

/** A knowledge document created by its author through KnowledgeDocumentsService (a draft unless the input says otherwise). */
export async function createDocument(s: Services, author: AuthUser, overrides: Partial<CreateDocumentDto> = {}) {
  return s.app.get(KnowledgeDocumentsService, { strict: false }).create(author, {
    title: 'Худалдан авах ажиллагааны заавар',
    summary: 'Товч',
    body: '## Заавар\n\nЭхний хувилбар.',
    type: 'guideline',
    tags: ['procurement'],
    language: 'mn',
    visibility: 'internal',
    ...overrides,
  });
}
