// Staff sync over SCIM 2.0 (issue 17 §3), driven through an independent SCIM implementation (scimmy):
// it builds the PatchOp messages and checks every User and ListResponse the server returns, over
// real HTTP. Connected systems are made through /api/v1/scim-connections, as an administrator or
// HR officer would; a token for one subtree never reaches another.
import { createHash } from 'node:crypto';
import SCIMMY from 'scimmy';
import { createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { signInPage } from '../support/web';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const STAFF = 'urn:chadavkhi:params:scim:schemas:extension:staff:2.0:User';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

// The core User with the enterprise extension, as scimmy defines them (scimmy accepts only
// urn:ietf:params:scim:schemas: URNs, so the Chadavkhi staff extension is checked by hand).
const userDefinition = SCIMMY.Schemas.User.definition.extend(SCIMMY.Schemas.EnterpriseUser.definition);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SCIM resources are read as free JSON
type Json = Record<string, any>;

describe('SCIM connections and /scim/v2', () => {
  let t: TestApp;
  let admin: string;
  let hrFinance: string;
  let hrHealth: string;
  let learner: string;
  let agencyIds: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    const [a, hf, hh, l] = await Promise.all([
      createUser(t.db, { roles: ['admin', 'learner'], agency: 'civil-service-council' }),
      createUser(t.db, { roles: ['hr_officer', 'learner'], agency: 'ministry-finance' }),
      createUser(t.db, { roles: ['hr_officer', 'learner'], agency: 'ministry-health' }),
      createUser(t.db, { roles: ['learner'], agency: 'ministry-finance' }),
    ]);
    [admin, hrFinance, hrHealth, learner] = await Promise.all([
      tokenFor(t, a.email),
      tokenFor(t, hf.email),
      tokenFor(t, hh.email),
      tokenFor(t, l.email),
    ]);
    const rows: { id: string; code: string }[] = await t.db.query(
      `SELECT id, code FROM agencies WHERE code IN ('ministry-finance', 'ministry-health', 'tax-general-department')`,
    );
    agencyIds = Object.fromEntries(rows.map((r) => [r.code, r.id]));
  });
  afterAll(() => t.close());

  const connect = (token: string, agency: string, name = `HR system ${agency}`) =>
    t.http().post('/api/v1/scim-connections').set(bearer(token)).send({ name, agencyId: agencyIds[agency] });

  describe('connected systems', () => {
    it('lets HR connect a system for their own subtree, shows the token once and keeps only its hash', async () => {
      const created = await connect(hrFinance, 'ministry-finance');
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'HR system ministry-finance', agencyCode: 'ministry-finance' });
      expect(created.body.token).toMatch(/^chs_[A-Za-z0-9_-]{43}$/);
      expect(created.body.tokenHint).toBe(`chs_…${created.body.token.slice(-4)}`);
      const [row] = await t.db.query(`SELECT * FROM scim_connections WHERE id = $1`, [created.body.id]);
      expect(row.token_sha256).toBe(createHash('sha256').update(created.body.token).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(created.body.token);

      const listed = await t.http().get('/api/v1/scim-connections').set(bearer(hrFinance));
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((c: Json) => c.id)).toContain(created.body.id);
      expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

      const [audit] = await t.db.query(
        `SELECT action, details FROM audit_log_entries WHERE target_id = $1 AND action = 'scim-connection.create'`,
        [created.body.id],
      );
      expect(audit.details).toMatchObject({ agencyCode: 'ministry-finance' });
    });

    it('refuses learners, and HR officers outside the agency they would connect or revoke', async () => {
      expectProblem(await t.http().get('/api/v1/scim-connections').set(bearer(learner)), 403);
      expectProblem(await connect(learner, 'ministry-finance'), 403);
      expectProblem(await connect(hrHealth, 'ministry-finance'), 403);
      const finance = await connect(hrFinance, 'tax-general-department');
      expect(finance.status).toBe(201);
      const seenByHealth = await t.http().get('/api/v1/scim-connections?limit=100').set(bearer(hrHealth));
      expect(seenByHealth.body.items.map((c: Json) => c.id)).not.toContain(finance.body.id);
      expectProblem(
        await t.http().post(`/api/v1/scim-connections/${finance.body.id}/revoke`).set(bearer(hrHealth)),
        404,
      );
      expectProblem(await t.http().post(`/api/v1/scim-connections`).set(bearer(hrFinance)).send({ name: 'x' }), 400);
    });

    it('keeps the page /hr/connections to HR officers and administrators', async () => {
      const learnerUser = await createUser(t.db, { roles: ['learner'], agency: 'ministry-finance' });
      const page = await signInPage(t, learnerUser.email);
      expect((await page.get('/hr/connections')).status).toBe(403);
      expect((await page.post('/hr/connections', { name: 'Mine' })).status).toBe(403);
      const hrUser = await createUser(t.db, { roles: ['hr_officer', 'learner'], agency: 'ministry-health' });
      const hrPage = await signInPage(t, hrUser.email);
      const finance = await connect(hrFinance, 'ministry-finance', 'Not yours');
      expect((await hrPage.get('/hr/connections')).text).not.toContain('Not yours');
      expect((await hrPage.post(`/hr/connections/${finance.body.id}/revoke`)).status).toBe(404);
      const made = await hrPage.post('/hr/connections', { name: 'Health HR' });
      expect(made.status).toBe(200);
      expect(made.headers['cache-control']).toBe('no-store');
      expect(made.text).toMatch(/value="chs_[A-Za-z0-9_-]{43}"/);
    });

    it('lets an administrator connect any agency, and revoke; revoking twice changes nothing', async () => {
      const created = await connect(admin, 'ministry-health');
      expect(created.status).toBe(201);
      const revoked = await t.http().post(`/api/v1/scim-connections/${created.body.id}/revoke`).set(bearer(hrHealth));
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      const again = await t.http().post(`/api/v1/scim-connections/${created.body.id}/revoke`).set(bearer(admin));
      expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
      const audits = await t.db.query(
        `SELECT 1 FROM audit_log_entries WHERE target_id = $1 AND action = 'scim-connection.revoke'`,
        [created.body.id],
      );
      expect(audits).toHaveLength(1);
    });
  });
  describe('/scim/v2', () => {
    let finance: string;
    let health: string;
    let serial = 10;

    beforeAll(async () => {
      finance = (await connect(hrFinance, 'ministry-finance', 'MoF HR')).body.token;
      health = (await connect(hrHealth, 'ministry-health', 'MoH HR')).body.token;
    });

    async function scim(
      token: string | undefined,
      method: string,
      path: string,
      body?: unknown,
      type = 'application/scim+json',
    ) {
      const response = await fetch(`${t.url}/scim/v2${path}`, {
        method,
        headers: {
          accept: 'application/scim+json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': type } : {}),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: (text ? JSON.parse(text) : undefined) as Json,
      };
    }

    /** A User resource as scimmy's core and enterprise definitions accept it, with the staff extension filled. */
    function checkUser(resource: Json): Json {
      expect(() => userDefinition.coerce(resource)).not.toThrow();
      expect(resource.schemas).toEqual([USER, ENTERPRISE, STAFF]);
      expect(resource[STAFF]).toEqual(
        expect.objectContaining({ agencyCode: expect.any(String), positionCode: expect.any(String) }),
      );
      expect(resource.meta).toEqual({
        resourceType: 'User',
        created: expect.any(String),
        lastModified: expect.any(String),
        location: `${t.config.publicUrl.replace(/\/$/, '')}/scim/v2/Users/${resource.id}`,
      });
      return resource;
    }

    function checkList(body: Json): Json[] {
      const list = new SCIMMY.Messages.ListResponse(body as never);
      expect(list.totalResults).toBe(body.totalResults);
      expect(body.itemsPerPage).toBe(body.Resources.length);
      return (body.Resources as Json[]).map(checkUser);
    }

    function expectScimError(
      response: { status: number; headers: Headers; body: Json },
      status: number,
      scimType?: string,
    ) {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      expect(response.body).toMatchObject({ schemas: [ERROR], status: String(status) });
      if (scimType) expect(response.body.scimType).toBe(scimType);
      return response.body;
    }

    /** A new person's resource, checked against scimmy's User definition before it is sent. */
    function newUser(overrides: { agency?: string; position?: string; externalId?: string } = {}): Json {
      const n = serial++;
      const core = userDefinition.coerce(
        {
          schemas: [USER, ENTERPRISE],
          userName: `УБ990615${String(n).padStart(2, '0')}`,
          externalId: overrides.externalId ?? `HR-${n}`,
          name: { familyName: 'Доржийн', givenName: `Бат${'а'.repeat(n % 5)}` },
          emails: [{ value: `person${n}@mof.gov.mn`, type: 'work', primary: true }],
          phoneNumbers: [{ value: '+976 99112233', type: 'work' }],
          active: true,
          [ENTERPRISE]: { employeeNumber: `S-${n}` },
        },
        'in',
      );
      return {
        ...JSON.parse(JSON.stringify(core)),
        schemas: [USER, ENTERPRISE, STAFF],
        [STAFF]: {
          agencyCode: overrides.agency ?? 'ministry-finance',
          positionCode: overrides.position ?? 'specialist',
          joinedServiceOn: '2015-09-01',
          positionSince: '2020-01-15',
        },
      };
    }

    async function created(token: string, body: Json): Promise<Json> {
      const response = await scim(token, 'POST', '/Users', body);
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(response.body.meta.location);
      return checkUser(response.body);
    }

    /** A PatchOp a client would not send (scimmy refuses to build it), for the server's refusals. */
    const rawPatch = (...Operations: Json[]) => ({ schemas: [SCIMMY.Messages.PatchOp.id], Operations });
    const patchOp = (...Operations: Json[]) =>
      JSON.parse(
        JSON.stringify(new SCIMMY.Messages.PatchOp({ schemas: [SCIMMY.Messages.PatchOp.id], Operations } as never)),
      );

    it('describes itself: ServiceProviderConfig, ResourceTypes, Schemas', async () => {
      const config = await scim(finance, 'GET', '/ServiceProviderConfig');
      expect(config.status).toBe(200);
      expect(config.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      expect(config.body).toMatchObject({
        patch: { supported: true },
        filter: { supported: true },
        bulk: { supported: false },
      });
      const types = await scim(finance, 'GET', '/ResourceTypes');
      expect(new SCIMMY.Messages.ListResponse(types.body as never).Resources).toEqual([
        expect.objectContaining({ id: 'User', endpoint: '/Users', schema: USER }),
      ]);
      const schemas = await scim(finance, 'GET', '/Schemas');
      expect(schemas.body.Resources.map((s: Json) => s.id)).toEqual([USER, ENTERPRISE, STAFF]);
      expect((await scim(finance, 'GET', `/Schemas/${STAFF}`)).body.attributes.map((a: Json) => a.name)).toContain(
        'positionCode',
      );
    });

    it('answers 401 with WWW-Authenticate without a token, with a wrong one, and with a person’s sign-in token', async () => {
      for (const token of [undefined, 'chs_' + 'x'.repeat(43), 'nonsense', hrFinance]) {
        const response = await scim(token, 'GET', '/Users');
        expectScimError(response, 401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    });

    it('creates a person, finds them by userName and externalId, and refuses the same userName twice', async () => {
      const body = newUser({ externalId: 'HR-create' });
      const person = await created(finance, body);
      expect(person).toMatchObject({
        userName: body.userName,
        externalId: 'HR-create',
        name: { familyName: 'Доржийн', givenName: body.name.givenName },
        active: true,
        emails: [{ value: body.emails[0].value, type: 'work', primary: true }],
        [ENTERPRISE]: { employeeNumber: body[ENTERPRISE].employeeNumber, organization: 'ministry-finance' },
        [STAFF]: { agencyCode: 'ministry-finance', positionCode: 'specialist', joinedServiceOn: '2015-09-01' },
      });
      const [row] = await t.db.query(`SELECT registration_number, external_id, is_active FROM users WHERE id = $1`, [
        person.id,
      ]);
      expect(row).toEqual({ registration_number: body.userName, external_id: 'HR-create', is_active: true });
      const audits = await t.db.query(
        `SELECT actor_email FROM audit_log_entries WHERE action = 'staff.scim.create' AND target_id = $1`,
        [person.id],
      );
      expect(audits).toEqual([{ actor_email: 'scim:MoF HR' }]);

      const byUserName = await scim(
        finance,
        'GET',
        `/Users?filter=${encodeURIComponent(`userName eq "${body.userName}"`)}`,
      );
      expect(checkList(byUserName.body).map((u) => u.id)).toEqual([person.id]);
      const byExternal = await scim(finance, 'GET', `/Users?filter=${encodeURIComponent('externalId eq "HR-create"')}`);
      expect(checkList(byExternal.body).map((u) => u.id)).toEqual([person.id]);
      const both = await scim(
        finance,
        'GET',
        `/Users?filter=${encodeURIComponent(`userName eq "${body.userName}" and externalId eq "HR-create"`)}`,
      );
      expect(both.body.totalResults).toBe(1);
      const neither = await scim(
        finance,
        'GET',
        `/Users?filter=${encodeURIComponent(`userName eq "${body.userName}" and externalId eq "HR-other"`)}`,
      );
      expect(neither.body.totalResults).toBe(0);
      expect((await scim(finance, 'GET', `/Users/${person.id}`)).body).toEqual(person);

      expectScimError(await scim(finance, 'POST', '/Users', { ...body, externalId: 'HR-again' }), 409, 'uniqueness');
    });

    it('names a supervisor by their SCIM id (enterprise manager.value), and refuses one it cannot see', async () => {
      const boss = await created(finance, newUser({ position: 'head-of-department' }));
      const body = newUser();
      body[ENTERPRISE].manager = { value: boss.id };
      const report = await created(finance, body);
      expect(report[ENTERPRISE].manager).toEqual({ value: boss.id, $ref: boss.meta.location });
      const [row] = await t.db.query(`SELECT supervisor_id FROM users WHERE id = $1`, [report.id]);
      expect(row.supervisor_id).toBe(boss.id);
      const removed = await scim(
        finance,
        'PATCH',
        `/Users/${report.id}`,
        patchOp({ op: 'remove', path: `${ENTERPRISE}:manager` }),
      );
      expect(removed.body[ENTERPRISE]).not.toHaveProperty('manager');
      const elsewhere = await created(health, newUser({ agency: 'ministry-health' }));
      expectScimError(
        await scim(
          finance,
          'PATCH',
          `/Users/${report.id}`,
          patchOp({ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: elsewhere.id } }),
        ),
        400,
        'invalidValue',
      );
    });

    it('accepts application/json as well as application/scim+json', async () => {
      const response = await scim(finance, 'POST', '/Users', newUser(), 'application/json');
      expect(response.status).toBe(201);
      checkUser(response.body);
    });

    it('pages with startIndex and count, and answers an or-filter', async () => {
      const people = [
        await created(finance, newUser()),
        await created(finance, newUser()),
        await created(finance, newUser()),
      ];
      const filter = encodeURIComponent(people.map((p) => `externalId eq "${p.externalId}"`).join(' or '));
      const first = await scim(finance, 'GET', `/Users?filter=${filter}&startIndex=1&count=2`);
      expect(first.body).toMatchObject({ totalResults: 3, itemsPerPage: 2, startIndex: 1 });
      const second = await scim(finance, 'GET', `/Users?filter=${filter}&startIndex=3&count=2`);
      expect(second.body).toMatchObject({ totalResults: 3, itemsPerPage: 1, startIndex: 3 });
      const ids = [...checkList(first.body), ...checkList(second.body)].map((u) => u.id);
      expect(ids.sort()).toEqual(people.map((p) => p.id).sort());

      const all = await scim(finance, 'GET', '/Users?startIndex=2&count=2');
      expect(all.body).toMatchObject({ itemsPerPage: 2, startIndex: 2 });
      expect(all.body.totalResults).toBeGreaterThanOrEqual(people.length);
      checkList(all.body);
      const none = await scim(finance, 'GET', '/Users?count=0');
      expect(none.body.Resources).toEqual([]);
      expect(none.body.totalResults).toBeGreaterThanOrEqual(people.length);
      const capped = await scim(finance, 'GET', '/Users?count=100000');
      expect(capped.status).toBe(200);
      expect(capped.body.itemsPerPage).toBeLessThanOrEqual(200);
    });

    it('patches a field, and active: false deactivates (sessions end, user.moved in the outbox)', async () => {
      const person = await created(finance, newUser());
      const renamed = await scim(
        finance,
        'PATCH',
        `/Users/${person.id}`,
        patchOp({ op: 'replace', path: 'name.givenName', value: 'Болд' }),
      );
      expect(renamed.status).toBe(200);
      expect(checkUser(renamed.body).name).toMatchObject({ givenName: 'Болд', familyName: 'Доржийн' });
      const noPath = await scim(
        finance,
        'PATCH',
        `/Users/${person.id}`,
        patchOp({
          op: 'replace',
          value: { [`${ENTERPRISE}:employeeNumber`]: 'S-900', 'phoneNumbers[type eq "work"].value': '+976 88001122' },
        }),
      );
      expect(noPath.body[ENTERPRISE].employeeNumber).toBe('S-900');
      expect(noPath.body.phoneNumbers).toEqual([expect.objectContaining({ value: '+976 88001122' })]);

      const [before] = await t.db.query(`SELECT token_version FROM users WHERE id = $1`, [person.id]);
      const off = await scim(
        finance,
        'PATCH',
        `/Users/${person.id}`,
        patchOp({ op: 'replace', path: 'active', value: false }),
      );
      expect(off.status).toBe(200);
      expect(checkUser(off.body).active).toBe(false);
      const [after] = await t.db.query(`SELECT is_active, token_version FROM users WHERE id = $1`, [person.id]);
      expect(after.is_active).toBe(false);
      expect(after.token_version).toBeGreaterThan(before.token_version);
      const events = await t.db.query(
        `SELECT payload FROM outbox_events WHERE type = 'user.moved' AND payload->>'userId' = $1`,
        [person.id],
      );
      expect(events.map((e: Json) => e.payload)).toContainEqual(
        expect.objectContaining({ userId: person.id, isActive: false, wasActive: true }),
      );
    });

    it('replaces a person with PUT (a move to another position) and refuses a changed id', async () => {
      const person = await created(finance, newUser());
      const body: Json = { ...person, [STAFF]: { ...person[STAFF], positionCode: 'head-of-department' } };
      delete body.meta;
      const replaced = await scim(finance, 'PUT', `/Users/${person.id}`, body);
      expect(replaced.status).toBe(200);
      expect(checkUser(replaced.body)[STAFF].positionCode).toBe('head-of-department');
      const [row] = await t.db.query(
        `SELECT p.code FROM users u JOIN positions p ON p.id = u.position_id WHERE u.id = $1`,
        [person.id],
      );
      expect(row.code).toBe('head-of-department');
      expectScimError(
        await scim(finance, 'PUT', `/Users/${person.id}`, { ...body, id: agencyIds['ministry-finance'] }),
        400,
        'mutability',
      );
    });

    it('treats DELETE as leaving: 204, deactivated, kept', async () => {
      const person = await created(finance, newUser());
      const gone = await scim(finance, 'DELETE', `/Users/${person.id}`);
      expect(gone.status).toBe(204);
      const [row] = await t.db.query(`SELECT is_active, left_on FROM users WHERE id = $1`, [person.id]);
      expect(row.is_active).toBe(false);
      expect(row.left_on).not.toBeNull();
      const still = await scim(finance, 'GET', `/Users/${person.id}`);
      expect(still.status).toBe(200);
      expect(checkUser(still.body).active).toBe(false);
      const back = await scim(
        finance,
        'PATCH',
        `/Users/${person.id}`,
        patchOp({ op: 'replace', path: 'active', value: true }),
      );
      expect(back.status).toBe(200);
      expect(checkUser(back.body).active).toBe(true);
      const [again] = await t.db.query(`SELECT is_active FROM users WHERE id = $1`, [person.id]);
      expect(again.is_active).toBe(true);
    });

    it('answers mistakes with SCIM errors and their scimType, never a 500', async () => {
      expectScimError(
        await scim(finance, 'GET', `/Users?filter=${encodeURIComponent('userName co "УБ"')}`),
        400,
        'invalidFilter',
      );
      expectScimError(
        await scim(finance, 'GET', `/Users?filter=${encodeURIComponent('displayName eq "x"')}`),
        400,
        'invalidFilter',
      );
      expectScimError(
        await scim(finance, 'GET', `/Users?filter=${encodeURIComponent('userName eq')}`),
        400,
        'invalidFilter',
      );
      expectScimError(await scim(finance, 'POST', '/Users', '{"userName": '), 400, 'invalidSyntax');
      expectScimError(
        await scim(finance, 'POST', '/Users', { ...newUser(), userName: 'AB12345678' }),
        400,
        'invalidValue',
      );
      expectScimError(
        await scim(finance, 'POST', '/Users', {
          ...newUser(),
          [STAFF]: { agencyCode: 'no-such-agency', positionCode: 'specialist' },
        }),
        400,
        'invalidValue',
      );
      expectScimError(await scim(finance, 'GET', '/Users/not-a-uuid'), 404);
      expectScimError(await scim(finance, 'GET', '/Groups'), 404);
      expectScimError(await scim(finance, 'GET', `/Users/${agencyIds['ministry-finance']}`), 404);
      const person = await created(finance, newUser());
      expectScimError(await scim(finance, 'PATCH', `/Users/${person.id}`, { Operations: [] }), 400, 'invalidSyntax');
      expectScimError(await scim(finance, 'PATCH', `/Users/${person.id}`, rawPatch({ op: 'remove' })), 400, 'noTarget');
      expectScimError(
        await scim(finance, 'PATCH', `/Users/${person.id}`, rawPatch({ op: 'replace', path: 'id', value: 'x' })),
        400,
        'mutability',
      );
      expectScimError(
        await scim(finance, 'PATCH', `/Users/${person.id}`, rawPatch({ op: 'replace', path: 'shoeSize', value: 44 })),
        400,
        'invalidPath',
      );
    });

    it('never lets a token for one subtree read, find, create in, change or remove people of another', async () => {
      const person = await created(finance, newUser());
      const own = await created(health, newUser({ agency: 'ministry-health' }));
      expectScimError(await scim(health, 'GET', `/Users/${person.id}`), 404);
      const found = await scim(
        health,
        'GET',
        `/Users?filter=${encodeURIComponent(`userName eq "${person.userName}" or externalId eq "${person.externalId}"`)}`,
      );
      expect(found.body.totalResults).toBe(0);
      const everyone = await scim(health, 'GET', '/Users?count=200');
      expect(checkList(everyone.body).map((u) => u[STAFF].agencyCode)).not.toContain('ministry-finance');
      expect(everyone.body.Resources.map((u: Json) => u.id)).toContain(own.id);
      const intoFinance = await scim(health, 'POST', '/Users', newUser({ agency: 'ministry-finance' }));
      expect(intoFinance.status).toBe(403);
      expect(JSON.stringify(intoFinance.body)).not.toContain(person.id);
      expectScimError(
        await scim(health, 'PATCH', `/Users/${person.id}`, patchOp({ op: 'replace', path: 'active', value: false })),
        404,
      );
      expectScimError(await scim(health, 'PUT', `/Users/${person.id}`, { ...person, meta: undefined }), 404);
      expectScimError(await scim(health, 'DELETE', `/Users/${person.id}`), 404);
      const moveOut = await scim(
        finance,
        'PATCH',
        `/Users/${person.id}`,
        patchOp({ op: 'replace', path: `${STAFF}:agencyCode`, value: 'ministry-health' }),
      );
      expectScimError(moveOut, 403);
      const [row] = await t.db.query(`SELECT is_active FROM users WHERE id = $1`, [person.id]);
      expect(row.is_active).toBe(true);
    });

    it('refuses a revoked token from the next request on', async () => {
      const made = await connect(hrFinance, 'ministry-finance', 'short-lived');
      expect((await scim(made.body.token, 'GET', '/Users?count=1')).status).toBe(200);
      const [used] = await t.db.query(`SELECT last_used_at FROM scim_connections WHERE id = $1`, [made.body.id]);
      expect(used.last_used_at).not.toBeNull();
      await scim(made.body.token, 'GET', '/Users?count=1');
      const [still] = await t.db.query(`SELECT last_used_at FROM scim_connections WHERE id = $1`, [made.body.id]);
      expect(still.last_used_at).toEqual(used.last_used_at);
      await t.http().post(`/api/v1/scim-connections/${made.body.id}/revoke`).set(bearer(hrFinance)).expect(200);
      expectScimError(await scim(made.body.token, 'GET', '/Users?count=1'), 401);
    });

    it('answers 429 past 20 wrong tokens a minute from one address, while a valid token still passes', async () => {
      const wrong = `chs_${'w'.repeat(43)}`;
      let last = await scim(wrong, 'GET', '/Users');
      for (let i = 0; i < 25 && last.status === 401; i++) last = await scim(wrong, 'GET', '/Users');
      expectScimError(last, 429);
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await scim(finance, 'GET', '/Users?count=1')).status).toBe(200);
    });
  });
});
