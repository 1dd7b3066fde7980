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
