// The open data as outside tools read it: Frictionless's own JavaScript library (datapackage, not a
// dependency of the product) loads the descriptor from the running server, finds it valid against
// the Tabular Data Package profile, fetches the CSV it points to and casts every cell to the
// column's declared type; the files carry CORS for browsers elsewhere and point at their
// descriptor; the CSV is RFC 4180 (CRLF, no byte-order mark).
import { Package } from 'datapackage';
import { MetricsService } from '@chadavkhi/accountability';
import { createUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('open data as a Data Package', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    await Promise.all(Array.from({ length: 12 }, () => createUser(t.db, { agency: 'government' })));
    await Promise.all(Array.from({ length: 6 }, () => createUser(t.db, { agency: 'ministry-finance' })));
    await t.app.get(MetricsService).recomputeAll();
  });
  afterAll(() => t.close());

  it('is a valid tabular data package whose CSV casts to the declared column types', async () => {
    const pkg = await Package.load(`${t.url}/api/v1/open-data/datapackage.json`);
    expect(pkg.errors.map(String)).toEqual([]);
    expect(pkg.valid).toBe(true);
    const { descriptor } = pkg;
    expect(descriptor.licenses[0].name).toBe('CC-BY-4.0');
    expect(descriptor.contributors).toEqual([
      expect.objectContaining({ role: 'publisher', title: expect.any(String) }),
    ]);
    expect(descriptor.updated).toMatch(/^\d{4}-\d\d-\d\dT/);
    const resource = pkg.getResource('agency-metrics');
    expect(resource.tabular).toBe(true);
    const rows = (await resource.read({ keyed: true, cast: true })) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const government = rows.find((r) => r.agency_code === 'government')!;
    expect(Number.isInteger(government.headcount)).toBe(true);
    expect(government.figures_as_of).toBeInstanceOf(Date);
    expect(government.parent_agency_code).toBeNull();
    for (const field of descriptor.resources[0].schema.fields as {
      name: string;
      title: string;
      description: string;
    }[]) {
      expect(field.title).toBeTruthy();
      expect(field.description).toBeTruthy();
    }
  });

  it('serves RFC 4180 CSV with CORS and a link to its descriptor', async () => {
    const csv = await t.http().get('/api/v1/open-data/agency-metrics.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['access-control-allow-origin']).toBe('*');
    expect(csv.headers.link).toBe('</api/v1/open-data/datapackage.json>; rel="describedby"; type="application/json"');
    expect(csv.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv.text).toMatch(/^agency_code,[^\n]*\r\n/);
    expect(csv.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const json = await t.http().get('/api/v1/open-data/agency-metrics.json');
    expect(json.headers['access-control-allow-origin']).toBe('*');
    expect(json.headers.link).toContain('rel="describedby"');
    const descriptor = await t.http().get('/api/v1/open-data/datapackage.json');
    expect(descriptor.headers['access-control-allow-origin']).toBe('*');
  });

  it('names the licence and the descriptor on the open data page', async () => {
    const page = await t.http().get('/open-data').set('accept', 'text/html');
    expect(page.text).toContain('/api/v1/open-data/datapackage.json');
    expect(page.text).toContain('https://creativecommons.org/licenses/by/4.0/');
  });
});
