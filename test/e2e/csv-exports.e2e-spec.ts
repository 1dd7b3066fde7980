// The CSV files the product writes open in a spreadsheet as text: a person whose name is a formula
// is exported with a quote in front, so opening the staff list runs nothing.
import { parse } from 'csv-parse/sync';
import { agencyByCode, createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

describe('CSV exports against formula injection', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('exports staff whose names start with = + - @ as text, quoted, and their numbers as numbers', async () => {
    const health = await agencyByCode(t.db, 'ministry-health');
    const hr = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' })).email);
    const names = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(1)'];
    for (const name of names) await createUser(t.db, { agency: 'ministry-health', name });

    const csv = await t.http().get(`/api/v1/agencies/${health.id}/staff.csv?lang=en`).set(bearer(hr));
    expect(csv.status).toBe(200);
    const rows = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
    const exported = rows.map((r) => r.name);
    for (const name of names) expect(exported).toContain(`'${name}`);
    expect(exported.filter((n) => /^[=+\-@]/.test(n))).toEqual([]);
    const minusTwo = rows.find((r) => r.name === "'-2")!;
    expect(minusTwo).toEqual(expect.objectContaining({ assigned: '0', overdue: '0' }));
  });
});
