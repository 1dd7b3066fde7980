// A real OpenID Provider (oidc-provider-server.mjs) in a child process, for sign-in tests, and the
// person's part of the code flow: follow the provider's redirects, press the account's button on
// its login page, and hand back the address the provider sends the browser to (the app's callback).
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface OidcTestAccount {
  sub: string;
  claims: Record<string, unknown>;
}

export interface OidcTestClient {
  client_id: string;
  client_secret: string;
  redirect_uris?: string[];
  id_token_signed_response_alg?: string;
}

export interface OidcTestProvider {
  issuer: string;
  /** Redirect URIs every client accepts (once the app's address is known). */
  setRedirectUris(uris: string[]): Promise<void>;
  /**
   * Alters the next id_token the provider issues: claims replaced, `alg: 'none'` leaves it unsigned,
   * `foreignKey` signs it with a key that is not the provider's (under the same key id).
   */
  tamperNextIdToken(changes: { claims?: Record<string, unknown>; alg?: 'none'; foreignKey?: boolean }): Promise<void>;
  /** Signs `account` in at the provider from its authorization address; resolves with where it sends the browser back. */
  authorize(authorizationUrl: string, account: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startOidcProvider(options: {
  clients: OidcTestClient[];
  accounts: OidcTestAccount[];
}): Promise<OidcTestProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs')], {
    env: { ...process.env, OIDC_PROVIDER_CONFIG: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // oidc-provider warns on Node 20 (it prefers 22); anything else it says goes to the test's output.
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString().replace(/^oidc-provider WARNING: Unsupported runtime.*\n?/m, '');
    if (text.trim()) process.stderr.write(text);
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the test OpenID Provider exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { issuer: string }).issuer),
    );
  });
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${issuer}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (response.status !== 204) throw new Error(`${path}: ${response.status}`);
  };
  return {
    issuer,
    setRedirectUris: (uris) => post('/test/redirect-uris', { uris }),
    tamperNextIdToken: (changes) => post('/test/tamper', changes),
    authorize: (authorizationUrl, account) => authorizeAt(issuer, authorizationUrl, account),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The browser's part: redirects within the provider with its cookies, and the login button. */
export async function authorizeAt(issuer: string, authorizationUrl: string, account: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    if (!url.startsWith(issuer)) return url;
    const interaction = new URL(url).pathname.match(/^\/interaction\/([\w-]+)$/);
    const response = interaction
      ? await fetch(`${issuer}/interaction/${interaction[1]}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ account }).toString(),
        })
      : await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader() } });
    keep(response);
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider answered ${response.status} at ${url}: ${await response.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects at the provider');
}
