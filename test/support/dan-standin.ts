// A STAND-IN for DAN (sso.gov.mn), the national sign-in, for tests only: a small real HTTP server
// answering as DAN's public documentation (developer.sso.gov.mn) shows its OAuth 2.0 mode —
// /oauth2/authorize (response_type=code, client_id, redirect_uri, state, and `scope` = base64 of the
// JSON list of state data services), /oauth2/token (client_id, client_secret, code, redirect_uri,
// grant_type in the form body), and /oauth2/api/v1/service (bearer access token) answering a list
// whose entry `services.WS100101_getCitizenIDCardInfo.response` is the citizen's ID card record
// (`regnum`, `firstname`, `lastname`, …). It checks the client's id and secret, the registered
// redirect URI and that a code is used once. It is not DAN: check against DAN's test environment by
// hand before going live (docs/dan-manual-check.md).
import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DanCitizen {
  regnum: string;
  firstname: string;
  lastname: string;
  surname?: string;
}

export interface DanStandIn {
  url: string;
  /** Who signs in at the next authorization (until told otherwise). */
  citizenSignsIn(citizen: DanCitizen): void;
  /** The next service answer carries this result code and message instead of the record. */
  failNextService(resultCode: number, resultMessage: string): void;
  /** The redirect URIs registered for the client (once the app's address is known). */
  setRedirectUris(uris: string[]): void;
  /** The scope of the last authorization request, decoded from base64 JSON. */
  lastScope(): unknown;
  /** Presses the page's button as the person would; resolves with where DAN sends the browser back. */
  authorize(authorizationUrl: string, answer?: 'confirm' | 'deny'): Promise<string>;
  stop(): Promise<void>;
}

export async function startDanStandIn(options: {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}): Promise<DanStandIn> {
  let citizen: DanCitizen | undefined;
  let failure: { resultCode: number; resultMessage: string } | undefined;
  let lastScope: unknown;
  let redirectUris = options.redirectUris;
  const codes = new Map<string, { citizen: DanCitizen; redirectUri: string; services: string[]; expires: number }>();
  const tokens = new Map<string, { citizen: DanCitizen; services: string[] }>();

  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const read = async (req: IncomingMessage) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    return new URLSearchParams(body);
  };

  /** The authorization request's checks; the problem as text, or the requested service names. */
  function checkAuthorization(params: URLSearchParams): string | { services: string[] } {
    if (params.get('response_type') !== 'code') return 'response_type must be code';
    if (params.get('client_id') !== options.clientId) return 'unknown client_id';
    if (!redirectUris.includes(params.get('redirect_uri') ?? '')) return 'redirect_uri is not registered';
    if (!params.get('state')) return 'state is missing';
    try {
      const list = JSON.parse(Buffer.from(params.get('scope') ?? '', 'base64').toString('utf8')) as {
        services: string[];
        wsdl: string;
      }[];
      if (!Array.isArray(list) || list.some((e) => !Array.isArray(e.services) || typeof e.wsdl !== 'string'))
        return 'scope must be base64 of [{"services": [...], "wsdl": "..."}]';
      lastScope = list;
      return { services: list.flatMap((e) => e.services) };
    } catch {
      return 'scope must be base64 of a JSON list';
    }
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://dan.invalid');
    if (url.pathname === '/oauth2/authorize') {
      const params = req.method === 'POST' ? await read(req) : url.searchParams;
      const checked = checkAuthorization(params);
      if (typeof checked === 'string') return res.writeHead(400, { 'content-type': 'text/plain' }).end(checked);
      if (req.method === 'GET') {
        const hidden = [...params]
          .map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/"/g, '&quot;')}">`)
          .join('');
        return res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<!doctype html><html lang="mn"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>DAN stand-in</title></head><body><main><h1>DAN stand-in</h1><form method="post" action="/oauth2/authorize">${hidden}<button type="submit" name="answer" value="confirm">Зөвшөөрөх</button><button type="submit" name="answer" value="deny">Татгалзах</button></form></main></body></html>`,
          );
      }
      const back = new URL(params.get('redirect_uri')!);
      back.searchParams.set('state', params.get('state')!);
      if (params.get('answer') === 'deny' || !citizen) back.searchParams.set('error', 'access_denied');
      else {
        const code = randomBytes(16).toString('hex');
        codes.set(code, {
          citizen,
          redirectUri: params.get('redirect_uri')!,
          services: checked.services,
          expires: Date.now() + 60_000,
        });
        back.searchParams.set('code', code);
      }
      return res.writeHead(302, { location: back.href }).end();
    }
    if (url.pathname === '/oauth2/token' && req.method === 'POST') {
      const form = await read(req);
      if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret)
        return json(res, 401, { error: 'invalid_client' });
      if (form.get('grant_type') !== 'authorization_code') return json(res, 400, { error: 'unsupported_grant_type' });
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!grant || grant.expires < Date.now() || grant.redirectUri !== form.get('redirect_uri'))
        return json(res, 400, { error: 'invalid_grant' });
      const accessToken = randomBytes(24).toString('hex');
      tokens.set(accessToken, { citizen: grant.citizen, services: grant.services });
      return json(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: 3600 });
    }
    if (url.pathname === '/oauth2/api/v1/service' && req.method === 'GET') {
      const token = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /i, ''));
      if (!token) return json(res, 401, { error: 'invalid_token' });
      const result = failure
        ? { ...failure, response: null }
        : {
            resultCode: 0,
            resultMessage: 'амжилттай',
            response: { ...token.citizen, civilId: '123456789012', gender: 'Эрэгтэй', nationality: 'Монгол' },
          };
      failure = undefined;
      return json(res, 200, [
        { citizen_loginType: 2, image: null },
        {
          services: Object.fromEntries(token.services.map((name) => [name, result])),
          wsdl: 'https://xyp.gov.mn/citizen-1.5.0/ws?WSDL',
        },
      ]);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    citizenSignsIn: (next) => (citizen = next),
    failNextService: (resultCode, resultMessage) => (failure = { resultCode, resultMessage }),
    setRedirectUris: (uris) => (redirectUris = uris),
    lastScope: () => lastScope,
    async authorize(authorizationUrl, answer = 'confirm') {
      const page = await fetch(authorizationUrl);
      if (page.status !== 200) throw new Error(`the DAN stand-in answered ${page.status}: ${await page.text()}`);
      const params = new URL(authorizationUrl).searchParams;
      params.set('answer', answer);
      const response = await fetch(`${url}/oauth2/authorize`, { method: 'POST', body: params, redirect: 'manual' });
      return response.headers.get('location')!;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
