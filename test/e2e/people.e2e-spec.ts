// The person as HR records know them: the record's fields, the registration number whole only for
// the person, HR of their subtree and administrators (another subtree's HR does not see the person
// at all), the position history, and the HR pages that show them.
import { agencyByCode, createUser, positionByCode, TestUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { signInPage } from '../support/web';

describe('the person as HR records know them', () => {
  let t: TestApp;
  let person: TestUser;
  let supervisor: TestUser;
  let hrFinance: TestUser;
  let hrHealth: TestUser;
  let admin: TestUser;
  let colleague: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    supervisor = await createUser(t.db, { agency: 'tax-general-department', name: 'Бат Дорж' });
    person = await createUser(t.db, { agency: 'tax-general-department', name: 'Сүхбаатар Болд' });
    hrFinance = await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' });
    hrHealth = await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' });
    admin = await createUser(t.db, { roles: ['admin'], agency: 'ministry-health' });
    colleague = await createUser(t.db, { agency: 'tax-general-department' });
    await t.db.query(
      `UPDATE users SET registration_number = 'УБ99061512', family_name = 'Сүхбаатар', given_name = 'Болд',
              name_latin = 'Sukhbaatar Bold', phone = '+976 9911 2233', supervisor_id = $2, joined_service_on = '2015-03-02',
              position_since = '2021-07-01', agency_since = '2019-01-15'
        WHERE id = $1`,
      [person.id, supervisor.id],
    );
    // Backdated history: treasury 2019-01-15 → 2021-07-01 as a specialist, then the tax department;
    // and an empty same-day row that must not show.
    const treasury = await agencyByCode(t.db, 'ministry-finance-treasury');
    const tax = await agencyByCode(t.db, 'tax-general-department');
    const specialist = await positionByCode(t.db);
    await t.db.query(`DELETE FROM user_placements WHERE user_id = $1`, [person.id]);
    await t.db.query(
      `INSERT INTO user_placements (user_id, agency_id, position_id, valid_from, valid_to) VALUES
         ($1, $2, $4, '2019-01-15', '2021-07-01'), ($1, $3, $4, '2021-07-01', '2021-07-01'), ($1, $3, $4, '2021-07-01', NULL)`,
      [person.id, treasury.id, tax.id, specialist.id],
    );
  });
  afterAll(() => t.close());

  const profileAs = async (viewer: TestUser) =>
    t
      .http()
      .get(`/api/v1/users/${person.id}`)
      .set(bearer(await tokenFor(t, viewer.email)));

  it('shows the whole record, the registration number whole, to the person, HR of their subtree and an administrator', async () => {
    for (const viewer of [person, hrFinance, admin]) {
      const response = await profileAs(viewer);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          registrationNumber: 'УБ99061512',
          familyName: 'Сүхбаатар',
          givenName: 'Болд',
          nameLatin: 'Sukhbaatar Bold',
          phone: '+976 9911 2233',
          supervisor: { id: supervisor.id, name: 'Бат Дорж' },
          joinedServiceOn: '2015-03-02',
          positionSince: '2021-07-01',
          agencySince: '2019-01-15',
          leftOn: null,
          staffNumber: null,
        }),
      );
    }
    const me = await t
      .http()
      .get('/api/v1/me')
      .set(bearer(await tokenFor(t, person.email)));
    expect(me.body.registrationNumber).toBe('УБ99061512');
  });

  it('does not show the person at all to HR of another subtree or to a colleague, nor their history', async () => {
    for (const viewer of [hrHealth, colleague]) {
      expectProblem(await profileAs(viewer), 404);
      const history = await t
        .http()
        .get(`/api/v1/users/${person.id}/placements`)
        .set(bearer(await tokenFor(t, viewer.email)));
      expectProblem(history, 404);
    }
    const list = await t
      .http()
      .get('/api/v1/users?q=УБ99061512')
      .set(bearer(await tokenFor(t, hrHealth.email)));
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
  });

  it('finds the person by registration number in any case or spacing, on the API staff lists', async () => {
    const hr = await tokenFor(t, hrFinance.email);
    const users = await t
      .http()
      .get(`/api/v1/users?q=${encodeURIComponent('уб 9906 1512')}`)
      .set(bearer(hr));
    expect(users.body.items.map((u: { id: string }) => u.id)).toEqual([person.id]);
    expect(users.body.items[0].registrationNumber).toBe('УБ99061512');
    const finance = await agencyByCode(t.db, 'ministry-finance');
    const staff = await t
      .http()
      .get(`/api/v1/agencies/${finance.id}/staff?registrationNumber=${encodeURIComponent('уб99061512')}`)
      .set(bearer(hr));
    expect(staff.status).toBe(200);
    expect(staff.body.items.map((u: { id: string }) => u.id)).toEqual([person.id]);
    expect(staff.body.items[0].registrationNumber).toBe('УБ99061512');
    const bad = await t.http().get(`/api/v1/agencies/${finance.id}/staff?registrationNumber=12345`).set(bearer(hr));
    expectProblem(bad, 422);
  });

  it('answers the position history oldest first, without empty same-day rows', async () => {
    const response = await t
      .http()
      .get(`/api/v1/users/${person.id}/placements`)
      .set(bearer(await tokenFor(t, hrFinance.email)));
    expect(response.status).toBe(200);
    expect(
      response.body.map((p: { agency: { code: string }; validFrom: string; validTo: string | null }) => [
        p.agency.code,
        p.validFrom,
        p.validTo,
      ]),
    ).toEqual([
      ['ministry-finance-treasury', '2019-01-15', '2021-07-01'],
      ['tax-general-department', '2021-07-01', null],
    ]);
  });

  it('describes the new fields and the history route in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json')).body;
    const view = doc.components.schemas.UserView.properties;
    for (const field of [
      'registrationNumber',
      'familyName',
      'givenName',
      'nameLatin',
      'phone',
      'supervisor',
      'joinedServiceOn',
      'positionSince',
      'agencySince',
      'leftOn',
    ])
      expect(view[field]).toBeDefined();
    expect(doc.paths['/api/v1/users/{id}/placements']).toBeDefined();
  });

  it('shows the record and the history on the HR person page, and finds the person on the staff page', async () => {
    const hr = await signInPage(t, hrFinance.email);
    const page = await hr.get(`/hr/people/${person.id}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('УБ99061512');
    expect(page.text).toContain('Sukhbaatar Bold');
    expect(page.text).toContain(`href="/hr/people/${supervisor.id}"`);
    expect(page.text).toContain('Position history');
    expect(page.text).toContain('State Treasury Department');
    const tax = await agencyByCode(t.db, 'tax-general-department');
    const found = await hr.get(`/hr/agencies/${tax.id}/staff?registrationNumber=${encodeURIComponent('уб99061512')}`);
    expect(found.status).toBe(200);
    expect(found.text).toContain(`/hr/people/${person.id}`);
    expect(found.text).not.toContain(`/hr/people/${colleague.id}`);
    const bad = await hr.get(`/hr/agencies/${tax.id}/staff?registrationNumber=12345&lang=en`);
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('That is not a registration number');
    const mn = await hr.get(`/hr/people/${person.id}?lang=mn`);
    expect(mn.text).toContain('Албан тушаалын түүх');
    const other = await signInPage(t, hrHealth.email);
    expect((await other.get(`/hr/people/${person.id}`)).status).toBe(404);
  });
});
