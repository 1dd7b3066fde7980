// npm start's demo identity provider: so that "sign in through your ministry's identity provider"
// can be tried on a laptop, a real OpenID Provider (panva's oidc-provider, the same server the tests
// use: test/support/oidc-provider-server.mjs) runs beside the product with the demo people as its
// accounts, and /signin shows its button. Only with the demo content and when no
// SIGN_IN_PROVIDERS_FILE is given (a real deployment names its own providers); skipped, with a
// note, where the development dependencies are not installed.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stopChild } from './stack.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
export const DEMO_PROVIDER_ID = 'demo-ministry';

/** Starts the provider; resolves with the environment the API needs and a stop function, or undefined. */
export async function startDemoProvider({ dataDir, port, say }) {
  if (process.env.SIGN_IN_PROVIDERS_FILE) return undefined;
  const require = createRequire(import.meta.url);
  let parseYaml;
  try {
    require.resolve('oidc-provider');
    ({ parse: parseYaml } = require('yaml'));
  } catch {
    say('  (no demo identity provider: the development dependencies are not installed)');
    return undefined;
  }
  const demo = parseYaml(readFileSync(join(root, 'content/demo/users.yaml'), 'utf8'));
  const accounts = demo.users.map((u) => ({
    sub: `demo-${u.email.split('@')[0]}`,
    claims: { name: u.name, email: u.email, email_verified: true },
  }));
  const secret = randomBytes(24).toString('base64url');
  const callback = (host) => `http://${host}:${port}/signin/oidc/${DEMO_PROVIDER_ID}/callback`;
  const child = spawn(process.execPath, [join(root, 'test/support/oidc-provider-server.mjs')], {
    env: {
      ...process.env,
      OIDC_PROVIDER_CONFIG: JSON.stringify({
        clients: [
          {
            client_id: 'chadavkhi-demo',
            client_secret: secret,
            redirect_uris: [callback('127.0.0.1'), callback('localhost')],
          },
        ],
        accounts,
      }),
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const issuer = await new Promise((done) => {
    child.once('exit', () => done(undefined));
    createInterface({ input: child.stdout }).once('line', (line) => done(JSON.parse(line).issuer));
  });
  if (!issuer) {
    say('  (the demo identity provider did not start; passwords only)');
    return undefined;
  }
  const file = join(dataDir, 'demo-sign-in-providers.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        providers: [
          {
            id: DEMO_PROVIDER_ID,
            kind: 'oidc',
            label: { mn: 'Демо яамны бүртгэлээр нэвтрэх', en: "Sign in with the demo ministry's account" },
            issuer,
            clientId: 'chadavkhi-demo',
            clientSecret: { env: 'DEMO_OIDC_CLIENT_SECRET' },
            // The demo people have no registration numbers; the demo provider vouches for their e-mail.
            linkBy: ['email'],
            trustEmail: true,
          },
        ],
      },
      null,
      2,
    ),
  );
  return {
    issuer,
    env: { SIGN_IN_PROVIDERS_FILE: file, DEMO_OIDC_CLIENT_SECRET: secret },
    // Also when it has stopped already: Ctrl-C signals the terminal's whole process group, and the
    // provider, which handles SIGTERM only, dies of the SIGINT (exitCode null, signalCode set).
    stop: () => stopChild(child, 'SIGTERM'),
  };
}
