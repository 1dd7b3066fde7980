// A real OpenID Provider for the tests: panva's `oidc-provider` (the certified one), run as a child
// process by oidc-provider.ts. Its one addition is a plain login page listing the test accounts (a
// person "signs in" by pressing their button), and a test-only switch that alters the next id_token
// the way a broken or hostile provider would (another audience, an expiry in the past, a foreign
// nonce, `alg: none`, a stranger's key), re-signed with the provider's own key unless the key is the point.
// Configuration comes as JSON in OIDC_PROVIDER_CONFIG: { clients, accounts }.
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import Provider from 'oidc-provider';
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';

const { clients = [], accounts = [] } = JSON.parse(process.env.OIDC_PROVIDER_CONFIG ?? '{}');
const byId = new Map(accounts.map((a) => [a.sub, a]));
let redirectUris = clients.flatMap((c) => c.redirect_uris ?? []);
let tamper = null;

// Clients are read through the adapter (not the static list) so the tests can set the redirect
// URIs once the app under test is listening and its port is known.
class Adapter extends MemoryAdapter {
  constructor(name) {
    super(name);
    this.name = name;
  }
  async find(id) {
    if (this.name !== 'Client') return super.find(id);
    const client = clients.find((c) => c.client_id === id);
    return client && { ...client, redirect_uris: redirectUris };
  }
}

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const { privateKey: foreignKey } = await generateKeyPair('RS256');
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  adapter: Adapter,
  jwks: { keys: [signingKey] },
  cookies: { keys: ['oidc-provider-test-cookie-key'] },
  // Registration number, names and e-mail ride in the id_token (as a ministry's Keycloak mapper puts them).
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['family_name', 'given_name', 'name', 'regnum'],
  },
  enabledJWA: { idTokenSigningAlgValues: ['RS256', 'HS256'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // First-party clients: everything they ask for is granted, so the only step is the login.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(' ') : 'openid');
    grant.addOIDCClaims([...(ctx.oidc.requestParamClaims ?? [])]);
    await grant.save();
    return grant;
  },
  async findAccount(ctx, id) {
    const account = byId.get(id);
    return account && { accountId: id, claims: () => ({ sub: id, ...account.claims }) };
  },
});

// The tampering switch: applied to the id_token of the next token response, then cleared.
provider.use(async (ctx, next) => {
  await next();
  if (!tamper || ctx.method !== 'POST' || ctx.path !== '/token' || !ctx.body?.id_token) return;
  const changes = tamper;
  tamper = null;
  const payload = { ...decodeJwt(ctx.body.id_token), ...changes.claims };
  if (changes.alg === 'none') {
    const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
    ctx.body = { ...ctx.body, id_token: `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.` };
    return;
  }
  const header = decodeProtectedHeader(ctx.body.id_token);
  const key = changes.foreignKey ? foreignKey : privateKey;
  ctx.body = { ...ctx.body, id_token: await new SignJWT(payload).setProtectedHeader(header).sign(key) };
});

const page = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Test identity provider</title></head><body><main>${body}</main></body></html>`;
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function readJson(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return JSON.parse(body || '{}');
}

const callback = provider.callback();
server.on('request', async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    const login = url.pathname.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (url.pathname === '/test/tamper' && req.method === 'POST') {
      tamper = await readJson(req);
      return res.writeHead(204).end();
    }
    if (url.pathname === '/test/redirect-uris' && req.method === 'POST') {
      redirectUris = (await readJson(req)).uris;
      return res.writeHead(204).end();
    }
    if (login && req.method === 'GET') {
      const details = await provider.interactionDetails(req, res);
      const buttons = accounts
        .map(
          (a) =>
            `<form method="post" action="/interaction/${details.uid}/login"><input type="hidden" name="account" value="${escape(a.sub)}"><button type="submit">Sign in as ${escape(a.claims?.name ?? a.sub)}</button></form>`,
        )
        .join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(`<h1>Test identity provider</h1>${buttons}`));
    }
    if (login?.[2] && req.method === 'POST') {
      const account = (await readForm(req)).get('account');
      if (!byId.has(account)) return res.writeHead(400).end('unknown account');
      return await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account } },
        { mergeWithLastSubmission: false },
      );
    }
    return callback(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error?.stack ?? error));
  }
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
