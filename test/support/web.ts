// A browser-like session for page tests: signs in through the form, sends the cookie and asks for
// HTML, and posts forms with the CSRF token taken from the last page it was shown.
import type { Response } from 'supertest';
import { TEST_PASSWORD } from './factories';
import type { TestApp } from './test-app';

let address = 0;

export interface PageSession {
  get(path: string): Promise<Response>;
  /** Posts an urlencoded form; `_csrf` is added from the last page unless the fields set it. */
  post(path: string, fields?: Record<string, string | string[]>): Promise<Response>;
  readonly cookie: string;
}

export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('the page has no form with a CSRF token');
  return match[1];
}

export async function signInPage(t: TestApp, email: string, password = TEST_PASSWORD): Promise<PageSession> {
  const from = `10.77.${Math.floor(++address / 250)}.${(address % 250) + 1}`;
  const response = await t.http().post('/signin').set('x-forwarded-for', from).type('form').send({ email, password });
  if (response.status !== 303) throw new Error(`sign-in ${email} → ${response.status}`);
  const cookie = (response.headers['set-cookie'] as unknown as string[])
    .find((c) => c.startsWith('chadavkhi_session='))!
    .split(';')[0];
  let csrf: string | undefined;
  const remember = (r: Response) => {
    const match = /name="_csrf" value="([^"]+)"/.exec(r.text ?? '');
    if (match) csrf = match[1];
    return r;
  };
  return {
    cookie,
    get: async (path) => remember(await t.http().get(path).set('cookie', cookie).set('accept', 'text/html')),
    post: async (path, fields = {}) => {
      if (!csrf && !('_csrf' in fields))
        remember(await t.http().get('/').set('cookie', cookie).set('accept', 'text/html'));
      // Repeated names (a checkbox group) are sent the way a browser sends them: name=a&name=b.
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries({ _csrf: csrf ?? '', ...fields }))
        for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
      return remember(
        await t.http().post(path).set('cookie', cookie).set('accept', 'text/html').type('form').send(form.toString()),
      );
    },
  };
}

/** Where a 303 sends the browser. */
export function location(response: Response): string {
  expect(response.status).toBe(303);
  return response.headers.location as string;
}
