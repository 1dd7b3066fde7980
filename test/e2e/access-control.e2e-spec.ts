// Who may see and create whom: role and agency-subtree scoping enforced by the server.
import { SignJWT } from 'jose';
import { createUser, positionByCode, agencyByCode, TEST_PASSWORD } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

describe('access control', () => {
  let t: TestApp;
  let hrFinance: string;
  let learner: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    const [hr, l, a] = await Promise.all([
      createUser(t.db, { roles: ['hr_officer', 'learner'], agency: 'ministry-finance' }),
      createUser(t.db, { roles: ['learner'], agency: 'tax-general-department' }),
      createUser(t.db, { roles: ['admin'], agency: 'civil-service-council' }),
    ]);
    await createUser(t.db, { agency: 'ministry-health', name: 'Эрүүл мэндийн ажилтан' });
    [hrFinance, learner, admin] = await Promise.all([
      tokenFor(t, hr.email),
      tokenFor(t, l.email),
      tokenFor(t, a.email),
    ]);
  });
  afterAll(() => t.close());

  it('refuses a request without a token, and with an expired or forged one', async () => {
    expectProblem(await t.http().get('/api/v1/me'), 401);
    const key = new TextEncoder().encode(t.config.JWT_SECRET);
    const user = await createUser(t.db);
    const expired = await new SignJWT({ ver: 0, sst: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('chadavkhi')
      .setAudience('chadavkhi-api')
      .setJti('x')
      .setIssuedAt(1000)
      .setExpirationTime(2000)
      .sign(key);
    expectProblem(await t.http().get('/api/v1/me').set(bearer(expired)), 401);
    const forged = await new SignJWT({ ver: 0, sst: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('chadavkhi')
      .setAudience('chadavkhi-api')
      .setJti('x')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough-1234'));
    expectProblem(await t.http().get('/api/v1/me').set(bearer(forged)), 401);
  });

  it('lets an hr_officer list the staff of their agency and its sub-agencies only', async () => {
    const own = await t.http().get('/api/v1/users?limit=100').set(bearer(hrFinance));
    expect(own.status).toBe(200);
    const codes = own.body.items.map((u: { agency: { code: string } }) => u.agency.code);
    expect(codes).toEqual(expect.arrayContaining(['ministry-finance', 'tax-general-department']));
    expect(codes).not.toContain('ministry-health');
    expect(codes).not.toContain('civil-service-council');
  });

  it('refuses an hr_officer listing staff of another agency', async () => {
    const health = await agencyByCode(t.db, 'ministry-health');
    const problem = expectProblem(
      await t.http().get(`/api/v1/users?agencyId=${health.id}`).set(bearer(hrFinance)),
      403,
    );
    expect(problem.detail).toMatch(/outside the agencies you manage/);
  });

  it('refuses an hr_officer creating a user in another agency, and creates one in their own', async () => {
    const position = await positionByCode(t.db);
    const health = await agencyByCode(t.db, 'ministry-health');
    const body = { email: 'new.person@mof.gov.mn', name: 'Шинэ Ажилтан', agencyId: health.id, positionId: position.id };
    expectProblem(await t.http().post('/api/v1/users').set(bearer(hrFinance)).send(body), 403);
    const tax = await agencyByCode(t.db, 'tax-general-department');
    const created = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(hrFinance))
      .send({ ...body, agencyId: tax.id });
    expect(created.status).toBe(202);
    expect(created.body).toEqual(expect.objectContaining({ status: 'invited', email: 'new.person@mof.gov.mn' }));
    const listed = await t.http().get('/api/v1/users?q=new.person@mof.gov.mn').set(bearer(hrFinance));
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        email: 'new.person@mof.gov.mn',
        roles: ['learner'],
        agency: expect.objectContaining({ code: 'tax-general-department' }),
      }),
    ]);
    expect(listed.body.items[0]).not.toHaveProperty('passwordHash');
    expectProblem(
      await t
        .http()
        .post('/api/v1/users')
        .set(bearer(hrFinance))
        .send({ ...body, agencyId: tax.id }),
      409,
    );
  });

  it('does not let an hr_officer grant administrator rights', async () => {
    const [position, tax] = await Promise.all([positionByCode(t.db), agencyByCode(t.db, 'tax-general-department')]);
    const response = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(hrFinance))
      .send({ email: 'x@mof.gov.mn', name: 'X Y', agencyId: tax.id, positionId: position.id, roles: ['admin'] });
    expectProblem(response, 403);
  });

  it('refuses a learner creating or listing users', async () => {
    const [position, tax] = await Promise.all([positionByCode(t.db), agencyByCode(t.db, 'tax-general-department')]);
    expectProblem(
      await t
        .http()
        .post('/api/v1/users')
        .set(bearer(learner))
        .send({ email: 'y@mof.gov.mn', name: 'Y Z', agencyId: tax.id, positionId: position.id }),
      403,
    );
    expectProblem(await t.http().get('/api/v1/users').set(bearer(learner)), 403);
  });

  it('lets only an admin create agencies, and records it in the audit log', async () => {
    const parent = await agencyByCode(t.db, 'ministry-finance');
    const body = {
      code: 'mof-audit-unit',
      kind: 'department',
      nameMn: 'Дотоод аудитын хэлтэс',
      nameEn: 'Internal Audit Unit',
      parentId: parent.id,
    };
    expectProblem(await t.http().post('/api/v1/agencies').set(bearer(hrFinance)).send(body), 403);
    const created = await t.http().post('/api/v1/agencies').set(bearer(admin)).send(body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ code: 'mof-audit-unit', parentId: parent.id, depth: 2 }));
    expectProblem(await t.http().post('/api/v1/agencies').set(bearer(admin)).send(body), 409);
    const audit = await t.http().get('/api/v1/audit-log').set(bearer(admin));
    expect(audit.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'agency.create', targetId: created.body.id })]),
    );
    expectProblem(await t.http().get('/api/v1/audit-log').set(bearer(hrFinance)), 403);
  });

  it('shows a signed-in user their own profile with agency and position', async () => {
    const me = await t.http().get('/api/v1/me').set(bearer(learner));
    expect(me.status).toBe(200);
    expect(me.body).toEqual(
      expect.objectContaining({
        roles: ['learner'],
        agency: expect.objectContaining({ code: 'tax-general-department' }),
        position: expect.objectContaining({ code: 'specialist' }),
      }),
    );
    expect(TEST_PASSWORD).toBeTruthy();
  });

  it('serves the agency tree and a single agency with its ancestors', async () => {
    const tree = await t.http().get('/api/v1/agencies/tree').set(bearer(learner));
    expect(tree.status).toBe(200);
    expect(tree.body).toHaveLength(1);
    expect(tree.body[0].code).toBe('government');
    const aimags = tree.body[0].children.filter((c: { kind: string }) => c.kind === 'aimag');
    expect(aimags).toHaveLength(21);
    const tax = await agencyByCode(t.db, 'tax-general-department');
    const detail = await t.http().get(`/api/v1/agencies/${tax.id}`).set(bearer(learner));
    expect(detail.body.ancestors.map((a: { code: string }) => a.code)).toEqual(['government', 'ministry-finance']);
    expectProblem(await t.http().get('/api/v1/agencies/not-a-uuid').set(bearer(learner)), 400);
    const page = await t.http().get('/api/v1/agencies?kind=aimag&limit=5').set(bearer(learner));
    expect(page.body).toEqual(expect.objectContaining({ total: 21, page: 1, limit: 5 }));
    expect(page.body.items).toHaveLength(5);
  });
});
