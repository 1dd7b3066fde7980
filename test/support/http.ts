import type { Test } from 'supertest';
import type { TestApp } from './test-app';
import { TEST_PASSWORD } from './factories';

/** Signs in through the API and returns the bearer token. */
export async function tokenFor(t: TestApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await t.http().post('/api/v1/auth/login').send({ email, password });
  if (response.status !== 200) throw new Error(`login ${email} → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Asserts the RFC 9457 shape and returns the problem. */
export function expectProblem(
  response: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status: number,
) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(
    expect.objectContaining({ type: expect.any(String), title: expect.any(String), status }),
  );
  return response.body;
}

/** The response body as text whatever its content type (supertest parses only the types it knows), e.g. a VC-JWT. */
export function withTextBody(request: Test): Test {
  return request.buffer(true).parse((res, done) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (body += chunk));
    res.on('end', () => done(null, body));
  });
}
