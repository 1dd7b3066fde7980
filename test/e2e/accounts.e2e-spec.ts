// Managing accounts: invitations instead of passwords chosen by someone else, "forgot password"
// links by e-mail (received on a real SMTP server), changing one's own password, deactivation and
// roles within scope; every one of them ends the sessions it should.
import { PasswordsService } from '@chadavkhi/identity';
import { ValidationProblemException } from '@chadavkhi/platform';
import { agencyByCode, createUser, positionByCode, TEST_PASSWORD } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { SmtpListener } from '../support/smtp-listener';
import { startTestApp, TestApp } from '../support/test-app';
import { location, signInPage } from '../support/web';

const NEW_PASSWORD = 'Brand-new-passphrase-7';

describe('accounts', () => {
  let smtp: SmtpListener;
  let t: TestApp;
  let admin: { id: string; email: string; token: string };
  let hrFinance: { id: string; email: string; token: string };
  // Behind a trusted proxy the client address comes from X-Forwarded-For: each test its own client.
  let nextAddress = 1;
  const from = () => `10.2.0.${nextAddress++}`;

  beforeAll(async () => {
    smtp = new SmtpListener();
    await smtp.start();
    t = await startTestApp({
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://training.example.mn',
      TRUST_PROXY: true,
    });
    const a = await createUser(t.db, { roles: ['admin'], agency: 'civil-service-council' });
    const h = await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' });
    admin = { id: a.id, email: a.email, token: await tokenFor(t, a.email) };
    hrFinance = { id: h.id, email: h.email, token: await tokenFor(t, h.email) };
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const login = (email: string, password: string) =>
    t.http().post('/api/v1/auth/login').set('x-forwarded-for', from()).send({ email, password });
  /** The token at the end of the link in the newest mail to this address. */
  async function linkTokenIn(email: string, count = 1): Promise<string> {
    const mails = await smtp.waitFor(email, count);
    const match = /https:\/\/training\.example\.mn\/password\/set\/([A-Za-z0-9._-]+)/.exec(mails[count - 1].text);
    if (!match) throw new Error(`no link in: ${mails[count - 1].text}`);
    return match[1];
  }
  async function newStaffBody(email: string, agency = 'tax-general-department') {
    const [a, p] = await Promise.all([agencyByCode(t.db, agency), positionByCode(t.db)]);
    return { email, name: 'Шинэ Ажилтан', agencyId: a.id, positionId: p.id };
  }

  describe('invitations', () => {
    it('invites a new person instead of letting the HR officer choose their password, and the link lets them choose it once', async () => {
      const email = `invited-${Date.now()}@mof.gov.mn`;
      const created = await t
        .http()
        .post('/api/v1/users')
        .set(bearer(hrFinance.token))
        .send(await newStaffBody(email));
      expect(created.status).toBe(202);
      expect(created.body).toEqual({ status: 'invited', email, message: expect.any(String) });
      // Nothing the creator could have typed signs in as them.
      expectProblem(
        await t
          .http()
          .post('/api/v1/users')
          .set(bearer(hrFinance.token))
          .send({ ...(await newStaffBody(`other-${email}`)), password: 'Long-enough-1' }),
        400,
      );
      expectProblem(await login(email, 'Long-enough-1'), 401);

      const token = await linkTokenIn(email);
      const [mail] = smtp.to(email);
      expect(mail.subject).toBe('Чадавхи дахь таны бүртгэл: нууц үгээ тохируулна уу');
      expect((await t.http().post('/api/v1/auth/password').send({ token, password: NEW_PASSWORD })).status).toBe(204);
      expect((await login(email, NEW_PASSWORD)).status).toBe(200);
      const again = expectProblem(
        await t.http().post('/api/v1/auth/password').send({ token, password: 'Someone-elses-pass-1' }),
        422,
      );
      expect(again.detail).toMatch(/not valid/);
      expectProblem(
        await t
          .http()
          .post('/api/v1/auth/password')
          .send({ token: `${token.slice(0, 37)}forged`, password: 'Someone-elses-pass-1' }),
        422,
      );
      const audit = await t.db.query(
        `SELECT action FROM audit_log_entries WHERE target_id = (SELECT id::text FROM users WHERE email = $1) ORDER BY created_at`,
        [email],
      );
      expect(audit.map((r: { action: string }) => r.action)).toEqual(['user.create', 'user.invitation.accept']);
    });

    it('answers an HR officer alike for an address used outside their agencies and for a new one, and e-mails nobody for the former', async () => {
      const elsewhere = await createUser(t.db, { agency: 'ministry-health' });
      const fresh = `fresh-${Date.now()}@mof.gov.mn`;
      const forExisting = await t
        .http()
        .post('/api/v1/users')
        .set(bearer(hrFinance.token))
        .send(await newStaffBody(elsewhere.email));
      const forFresh = await t
        .http()
        .post('/api/v1/users')
        .set(bearer(hrFinance.token))
        .send(await newStaffBody(fresh));
      expect(forExisting.status).toBe(forFresh.status);
      expect(Object.keys(forExisting.body).sort()).toEqual(Object.keys(forFresh.body).sort());
      expect({ ...forExisting.body, email: '' }).toEqual({ ...forFresh.body, email: '' });
      expect(forExisting.headers['content-type']).toBe(forFresh.headers['content-type']);
      await smtp.waitFor(fresh);
      expect(smtp.to(elsewhere.email)).toEqual([]);
      const [moved] = await t.db.query(
        `SELECT a.code FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1`,
        [elsewhere.id],
      );
      expect(moved.code).toBe('ministry-health');

      // Inside their own agencies they may be told: that person is theirs to know about.
      const own = await createUser(t.db, { agency: 'tax-general-department' });
      expectProblem(
        await t
          .http()
          .post('/api/v1/users')
          .set(bearer(hrFinance.token))
          .send(await newStaffBody(own.email)),
        409,
      );
    });
  });

  describe('forgot password', () => {
    it('answers alike for a known and an unknown address, and e-mails a one-time link that ends every session', async () => {
      const person = await createUser(t.db);
      const oldSession = await tokenFor(t, person.email);
      const known = await t
        .http()
        .post('/api/v1/auth/password-reset')
        .set('x-forwarded-for', from())
        .send({ email: person.email });
      const unknown = await t
        .http()
        .post('/api/v1/auth/password-reset')
        .set('x-forwarded-for', from())
        .send({ email: `nobody-${Date.now()}@mof.gov.mn` });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(known.body).toEqual(unknown.body);

      const token = await linkTokenIn(person.email);
      expect(smtp.to(person.email)[0].subject).toBe('Чадавхийн шинэ нууц үг тохируулах');
      expect((await t.http().post('/api/v1/auth/password').send({ token, password: NEW_PASSWORD })).status).toBe(204);
      expectProblem(await t.http().get('/api/v1/me').set(bearer(oldSession)), 401);
      expectProblem(await login(person.email, TEST_PASSWORD), 401);
      expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);
      expectProblem(
        await t.http().post('/api/v1/auth/password').send({ token, password: 'Another-passphrase-8' }),
        422,
      );
    });

    it('voids a link once it has expired', async () => {
      const person = await createUser(t.db);
      await t.http().post('/api/v1/auth/password-reset').set('x-forwarded-for', from()).send({ email: person.email });
      const token = await linkTokenIn(person.email);
      await t.db.query(`UPDATE account_links SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
        person.id,
      ]);
      expectProblem(await t.http().post('/api/v1/auth/password').send({ token, password: NEW_PASSWORD }), 422);
      expect((await login(person.email, TEST_PASSWORD)).status).toBe(200);
    });

    it('limits requests from one address with 429', async () => {
      const ip = from();
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++)
        statuses.push(
          (
            await t
              .http()
              .post('/api/v1/auth/password-reset')
              .set('x-forwarded-for', ip)
              .send({ email: `probe-${i}@mof.gov.mn` })
          ).status,
        );
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
      expectProblem(
        await t
          .http()
          .post('/api/v1/auth/password-reset')
          .set('x-forwarded-for', ip)
          .send({ email: 'probe@mof.gov.mn' }),
        429,
      );
    });
  });

  describe("changing one's own password", () => {
    it('needs the current password, ends the other sessions and keeps this one', async () => {
      const person = await createUser(t.db);
      const [here, elsewhere] = [await tokenFor(t, person.email), await tokenFor(t, person.email)];
      const wrong = expectProblem(
        await t
          .http()
          .post('/api/v1/me/password')
          .set(bearer(here))
          .send({ currentPassword: 'not-it-at-all', newPassword: NEW_PASSWORD }),
        422,
      );
      expect(wrong.detail).toMatch(/current password is wrong/);
      expectProblem(
        await t
          .http()
          .post('/api/v1/me/password')
          .set(bearer(here))
          .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' }),
        400,
      );

      const changed = await t
        .http()
        .post('/api/v1/me/password')
        .set(bearer(here))
        .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
      expect(changed.status).toBe(200);
      expectProblem(await t.http().get('/api/v1/me').set(bearer(elsewhere)), 401);
      expect((await t.http().get('/api/v1/me').set(bearer(changed.body.accessToken))).status).toBe(200);
      expectProblem(await login(person.email, TEST_PASSWORD), 401);
      expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);
    });
  });

  describe('deactivation and roles', () => {
    it('lets an administrator deactivate a person, ending their sessions and sign-in, and reactivate them', async () => {
      const person = await createUser(t.db, { agency: 'ministry-health' });
      const session = await tokenFor(t, person.email);
      const off = await t.http().post(`/api/v1/users/${person.id}/deactivate`).set(bearer(admin.token));
      expect(off.status).toBe(200);
      expect(off.body.isActive).toBe(false);
      expectProblem(await t.http().get('/api/v1/me').set(bearer(session)), 401);
      expectProblem(await login(person.email, TEST_PASSWORD), 401);
      // Deactivated people get no reset link either.
      await t.http().post('/api/v1/auth/password-reset').set('x-forwarded-for', from()).send({ email: person.email });
      expect(
        (await t.http().post(`/api/v1/users/${person.id}/reactivate`).set(bearer(admin.token))).body.isActive,
      ).toBe(true);
      expect((await login(person.email, TEST_PASSWORD)).status).toBe(200);
      expect(await t.db.query(`SELECT id FROM account_links WHERE user_id = $1`, [person.id])).toEqual([]);
      const audit = await t.http().get('/api/v1/audit-log?limit=100').set(bearer(admin.token));
      const actions = audit.body.items
        .filter((e: { targetId: string }) => e.targetId === person.id)
        .map((e: { action: string }) => e.action);
      expect(actions.sort()).toEqual(['user.deactivate', 'user.reactivate']);
    });

    it('lets an HR officer deactivate a learner in their agencies, and nothing more', async () => {
      const learner = await createUser(t.db, { agency: 'tax-general-department' });
      const outsider = await createUser(t.db, { agency: 'ministry-health' });
      const trainer = await createUser(t.db, { roles: ['trainer'], agency: 'tax-general-department' });
      expect((await t.http().post(`/api/v1/users/${learner.id}/deactivate`).set(bearer(hrFinance.token))).status).toBe(
        200,
      );
      expectProblem(await t.http().post(`/api/v1/users/${outsider.id}/deactivate`).set(bearer(hrFinance.token)), 404);
      expectProblem(await t.http().post(`/api/v1/users/${trainer.id}/deactivate`).set(bearer(hrFinance.token)), 403);
      expectProblem(
        await t
          .http()
          .put(`/api/v1/users/${learner.id}/roles`)
          .set(bearer(hrFinance.token))
          .send({ roles: ['learner', 'trainer'] }),
        403,
      );
      expectProblem(
        await t
          .http()
          .put(`/api/v1/users/${learner.id}/roles`)
          .set(bearer(hrFinance.token))
          .send({ roles: ['admin'] }),
        403,
      );
      expectProblem(await t.http().post(`/api/v1/users/${hrFinance.id}/deactivate`).set(bearer(hrFinance.token)), 409);
      const [row] = await t.db.query(`SELECT is_active, roles FROM users WHERE id = $1`, [outsider.id]);
      expect(row).toEqual({ is_active: true, roles: ['learner'] });
    });

    it('refuses a learner deactivating anyone or changing roles', async () => {
      const learner = await createUser(t.db, { agency: 'tax-general-department' });
      const colleague = await createUser(t.db, { agency: 'tax-general-department' });
      const token = await tokenFor(t, learner.email);
      expectProblem(await t.http().post(`/api/v1/users/${colleague.id}/deactivate`).set(bearer(token)), 403);
      expectProblem(
        await t
          .http()
          .put(`/api/v1/users/${learner.id}/roles`)
          .set(bearer(token))
          .send({ roles: ['admin'] }),
        403,
      );
    });

    it("lets an administrator change roles, which ends the person's sessions", async () => {
      const person = await createUser(t.db, { agency: 'tax-general-department' });
      const session = await tokenFor(t, person.email);
      const changed = await t
        .http()
        .put(`/api/v1/users/${person.id}/roles`)
        .set(bearer(admin.token))
        .send({ roles: ['learner', 'trainer'] });
      expect(changed.status).toBe(200);
      expect(changed.body.roles).toEqual(['learner', 'trainer']);
      expectProblem(await t.http().get('/api/v1/me').set(bearer(session)), 401);
      const me = await t
        .http()
        .get('/api/v1/me')
        .set(bearer(await tokenFor(t, person.email)));
      expect(me.body.roles).toEqual(['learner', 'trainer']);
      expectProblem(
        await t.http().put(`/api/v1/users/${person.id}/roles`).set(bearer(admin.token)).send({ roles: [] }),
        400,
      );
    });
  });
  describe('on the web, without JavaScript', () => {
    it('leads from the sign-in page to a reset link by e-mail, the same notice for any address, then to signing in with the new password', async () => {
      const person = await createUser(t.db);
      const signIn = await t.http().get('/signin');
      expect(signIn.text).toContain('href="/password/forgot"');
      expect((await t.http().get('/password/forgot?lang=en')).text).toContain('Forgot your password?');
      const post = (email: string) =>
        t.http().post('/password/forgot').set('x-forwarded-for', from()).type('form').send({ email });
      const [known, unknown] = [await post(person.email), await post(`nobody-${Date.now()}@mof.gov.mn`)];
      expect(known.status).toBe(200);
      expect(unknown.status).toBe(200);
      expect(known.text).toContain('холбоос илгээгдлээ');
      expect(known.text.replace(person.email, '')).toEqual(unknown.text.replace(/nobody-\d+@mof\.gov\.mn/, ''));

      const token = await linkTokenIn(person.email);
      const page = await t.http().get(`/password/set/${token}`);
      expect(page.status).toBe(200);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      const mismatch = await t
        .http()
        .post(`/password/set/${token}`)
        .type('form')
        .send({ password: NEW_PASSWORD, confirm: 'something else' });
      expect(mismatch.status).toBe(400);
      expect(mismatch.text).toContain('Хоёр шинэ нууц үг таарахгүй байна.');
      const short = await t
        .http()
        .post(`/password/set/${token}?lang=en`)
        .type('form')
        .send({ password: 'short', confirm: 'short' });
      expect(short.status).toBe(400);
      expect(short.text).toContain('The password must be 10 to 128 characters long.');
      expect(
        location(
          await t
            .http()
            .post(`/password/set/${token}`)
            .type('form')
            .send({ password: NEW_PASSWORD, confirm: NEW_PASSWORD }),
        ),
      ).toBe('/signin?passwordSet=1');
      const used = await t
        .http()
        .post(`/password/set/${token}?lang=en`)
        .type('form')
        .send({ password: NEW_PASSWORD, confirm: NEW_PASSWORD });
      expect(used.status).toBe(422);
      expect(used.text).toContain('This link does not work any more');
      await signInPage(t, person.email, NEW_PASSWORD);
    });

    it("words the password service's refusal of an address or a new password in the page's language", async () => {
      const forgot = (email: string, lang: string) =>
        t.http().post(`/password/forgot?lang=${lang}`).set('x-forwarded-for', from()).type('form').send({ email });
      const mn = await forgot('not-an-address', 'mn');
      expect(mn.status).toBe(400);
      expect(mn.text).toContain('И-мэйл хаягаа оруулна уу.');
      expect(mn.text).toContain('value="not-an-address"');
      const en = await forgot(`${'a'.repeat(250)}@mof.gov.mn`, 'en');
      expect(en.status).toBe(400);
      expect(en.text).toContain('Enter your email address.');
      const direct = await t.app
        .get(PasswordsService)
        .requestReset('not-an-address', from())
        .catch((e: unknown) => e);
      expect(direct).toBeInstanceOf(ValidationProblemException);
      expect((direct as ValidationProblemException).fieldErrors).toEqual([
        { field: 'email', messages: ['email must be an email address'] },
      ]);

      const person = await createUser(t.db);
      const here = await signInPage(t, person.email);
      const short = { currentPassword: TEST_PASSWORD, newPassword: 'short', confirm: 'short' };
      const mnShort = await here.post('/account/password', short);
      expect(mnShort.status).toBe(400);
      expect(mnShort.text).toContain('Нууц үг 10–128 тэмдэгт байх ёстой.');
      const enShort = await here.post('/account/password?lang=en', short);
      expect(enShort.status).toBe(400);
      expect(enShort.text).toContain('The password must be 10 to 128 characters long.');
      const tooLongCurrent = await here.post('/account/password', {
        currentPassword: 'x'.repeat(129),
        newPassword: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      });
      expect(tooLongCurrent.status).toBe(400);
      expect(tooLongCurrent.text).toContain('Одоогийн нууц үг буруу байна.');
      await signInPage(t, person.email); // the old password still works: nothing was changed
    });

    it("changes one's own password on the account page, keeping this session and ending a copied one", async () => {
      const person = await createUser(t.db);
      const here = await signInPage(t, person.email);
      const elsewhere = await signInPage(t, person.email);
      const account = await here.get('/account');
      expect(account.status).toBe(200);
      expect(account.text).toContain('Нууц үгээ солих');
      const wrong = await here.post('/account/password', {
        currentPassword: 'not-the-password',
        newPassword: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      });
      expect(wrong.status).toBe(422);
      expect(wrong.text).toContain('Одоогийн нууц үг буруу байна.');
      const changed = await here.post('/account/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      });
      expect(location(changed)).toBe('/account?changed=1');
      const renewed = (changed.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('chadavkhi_session='))!
        .split(';')[0];
      expect((await t.http().get('/account').set('cookie', renewed).set('accept', 'text/html')).status).toBe(200);
      expect(location(await elsewhere.get('/account'))).toMatch(/^\/signin/);
    });

    it("lets an HR officer deactivate and reactivate a learner of their agencies from the person's page, and not a trainer", async () => {
      const hr = await signInPage(t, hrFinance.email);
      const learner = await createUser(t.db, { agency: 'tax-general-department' });
      const trainer = await createUser(t.db, { roles: ['trainer'], agency: 'tax-general-department' });
      const page = await hr.get(`/hr/people/${learner.id}`);
      expect(page.text).toContain(`action="/hr/people/${learner.id}/deactivate"`);
      expect(page.text).not.toContain('name="roles"'); // roles are an administrator's call
      expect(location(await hr.post(`/hr/people/${learner.id}/deactivate`))).toBe(
        `/hr/people/${learner.id}?done=deactivated`,
      );
      expectProblem(await login(learner.email, TEST_PASSWORD), 401);
      const after = await hr.get(`/hr/people/${learner.id}?done=deactivated`);
      expect(after.text).toContain('Идэвхгүй боллоо');
      expect(after.text).toContain(`action="/hr/people/${learner.id}/reactivate"`);
      expect(location(await hr.post(`/hr/people/${learner.id}/reactivate`))).toBe(
        `/hr/people/${learner.id}?done=reactivated`,
      );
      expect((await login(learner.email, TEST_PASSWORD)).status).toBe(200);

      expect((await hr.get(`/hr/people/${trainer.id}`)).text).not.toContain(`/hr/people/${trainer.id}/deactivate`);
      expect((await hr.post(`/hr/people/${trainer.id}/deactivate`)).status).toBe(403);
    });

    it("lets an administrator set roles from the person's page", async () => {
      const adminPage = await signInPage(t, admin.email);
      const person = await createUser(t.db, { agency: 'ministry-health' });
      expect((await adminPage.get(`/hr/people/${person.id}`)).text).toContain('name="roles"');
      expect(location(await adminPage.post(`/hr/people/${person.id}/roles`, { roles: ['learner', 'trainer'] }))).toBe(
        `/hr/people/${person.id}?done=roles`,
      );
      const [row] = await t.db.query(`SELECT roles FROM users WHERE id = $1`, [person.id]);
      expect(row.roles).toEqual(['learner', 'trainer']);
    });
  });
});
