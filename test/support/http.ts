import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** The response body as a Buffer whatever its content type (a PDF, a zip). */
export function withBinaryBody(request: Test): Test {
  return request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

/**
 * Starts an upload that declares `declaredBytes` of body but sends only its first 64 KiB, and waits
 * for the answer: an answer proves the server refused without reading the body (it never had the
 * rest); a server that waits for the body answers nothing, and this fails after 5 s.
 */
export async function answerBeforeBody(
  t: TestApp,
  o: { method: string; path: string; headers: Record<string, string>; declaredBytes: number },
): Promise<{ status: number; headers: Record<string, string>; body: Record<string, unknown>; bytesSent: number }> {
  const server = t.app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const head = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: o.method,
      path: o.path,
      headers: { ...o.headers, 'content-length': String(o.declaredBytes) },
    });
    const timer = setTimeout(
      () => (request.destroy(), reject(new Error('no answer until the whole body was sent'))),
      5000,
    );
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        clearTimeout(timer);
        request.destroy();
        const text = Buffer.concat(chunks).toString();
        resolve({
          status: response.statusCode!,
          headers: response.headers as Record<string, string>,
          body: /json/.test(String(response.headers['content-type'])) ? JSON.parse(text) : { text },
          bytesSent: head.length,
        });
      });
    });
    request.write(head);
  });
}
