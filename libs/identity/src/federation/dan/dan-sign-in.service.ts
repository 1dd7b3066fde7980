// Sign-in through DAN (sso.gov.mn): OAuth 2.0 authorization code with state (PKCE where
// configured) through openid-client, then the citizen's record from DAN's service endpoint with the
// access token. The registration number on the record is the person's identity at DAN.
import { Injectable, OnModuleInit } from '@nestjs/common';
import * as oidc from 'openid-client';
import { normalizeRegistrationNumber } from '../../staff/registration-number';
import { ExternalIdentity, FederatedSignInService, ProviderSignInContext } from '../federated-sign-in.service';
import { ProviderRequestsRepository } from '../provider-requests.repository';
import { describeProviderError, isLoopback, isNetworkFailure, ProviderUnavailableError } from '../provider-unavailable';
import { SignInProvider, SignInProviders } from '../sign-in-providers';
import { checkDanSettings, DanSettings, danScope } from './dan-settings';

const PROVIDER_TIMEOUT_SECONDS = 10;

/** One service's answer in DAN's service response. */
interface DanServiceResult {
  resultCode?: number | string;
  resultMessage?: string;
  response?: Record<string, unknown> | null;
}

@Injectable()
export class DanSignInService implements OnModuleInit {
  private readonly settings = new Map<string, DanSettings>();
  private readonly configurations = new Map<string, oidc.Configuration>();

  constructor(
    private readonly providers: SignInProviders,
    private readonly requests: ProviderRequestsRepository,
    private readonly federated: FederatedSignInService,
  ) {}

  onModuleInit(): void {
    for (const provider of this.providers.list('dan')) {
      const settings = checkDanSettings(provider);
      this.settings.set(provider.id, settings);
      this.configurations.set(provider.id, configurationFor(settings));
    }
  }

  /** DAN's authorization address for a new sign-in (remembered by its state for 10 minutes). */
  async begin(provider: SignInProvider, redirectUri: string, nextPath: string): Promise<string> {
    const { settings, config } = this.of(provider);
    const state = oidc.randomState();
    const codeVerifier = settings.pkce ? oidc.randomPKCECodeVerifier() : null;
    await this.requests.save({ id: state, providerId: provider.id, codeVerifier, nextPath });
    const parameters: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: danScope(settings.services),
      state,
    };
    if (codeVerifier) {
      parameters.code_challenge = await oidc.calculatePKCECodeChallenge(codeVerifier);
      parameters.code_challenge_method = 'S256';
    }
    return oidc.buildAuthorizationUrl(config, parameters).href;
  }

  /** Checks DAN's answer and reads the citizen's record; throws a SignInRefusal (audited) otherwise. */
  async complete(
    provider: SignInProvider,
    redirectUri: string,
    query: URLSearchParams,
    context: ProviderSignInContext,
  ): Promise<{ identity: ExternalIdentity; nextPath: string | null }> {
    const { settings, config } = this.of(provider);
    const refuse = async (detail: string) => this.federated.refuse(provider, 'invalid-response', detail, context);
    const state = query.get('state');
    const request = state ? await this.requests.take(provider.id, state) : undefined;
    if (query.has('error'))
      throw await refuse(
        `DAN answered ${query.get('error')!.slice(0, 100)}: ${(query.get('error_description') ?? '').slice(0, 200)}`,
      );
    if (!request) throw await refuse('unknown, expired or already used state');
    const currentUrl = new URL(redirectUri);
    currentUrl.search = query.toString();
    let record: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        expectedState: request.id,
        pkceCodeVerifier: request.codeVerifier ?? undefined,
      });
      const answer = await oidc.fetchProtectedResource(config, tokens.access_token, settings.serviceEndpoint, 'GET');
      if (answer.status >= 500) throw new ProviderUnavailableError(provider.id, `service endpoint ${answer.status}`);
      if (!answer.ok) throw await refuse(`DAN's service endpoint answered ${answer.status}`);
      const result = findService(await answer.json().catch(() => null), settings.registrationNumberService);
      if (!result) throw await refuse(`DAN's answer has no ${settings.registrationNumberService} record`);
      if (Number(result.resultCode) !== 0 || !result.response)
        throw await refuse(
          `${settings.registrationNumberService} answered ${String(result.resultCode)}: ${String(result.resultMessage ?? '').slice(0, 200)}`,
        );
      record = result.response;
    } catch (error) {
      if (error instanceof ProviderUnavailableError) throw error;
      if (isNetworkFailure(error)) throw new ProviderUnavailableError(provider.id, (error as Error).message);
      if (
        error instanceof oidc.ClientError ||
        error instanceof oidc.ResponseBodyError ||
        error instanceof oidc.AuthorizationResponseError ||
        error instanceof oidc.WWWAuthenticateChallengeError
      )
        throw await refuse(describeProviderError(error));
      throw error;
    }
    const number = record[settings.registrationNumberField];
    if (typeof number !== 'string' || !number.trim())
      throw await refuse(`the ${settings.registrationNumberService} record has no ${settings.registrationNumberField}`);
    const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
    const registrationNumber = normalizeRegistrationNumber(number);
    return {
      identity: {
        subject: registrationNumber,
        registrationNumber,
        familyName: text(record.lastname),
        givenName: text(record.firstname),
      },
      nextPath: request.nextPath ?? null,
    };
  }

  private of(provider: SignInProvider): { settings: DanSettings; config: oidc.Configuration } {
    const settings = this.settings.get(provider.id);
    const config = this.configurations.get(provider.id);
    if (!settings || !config) throw new Error(`provider ${provider.id} is not a DAN provider`);
    return { settings, config };
  }
}

/** A Configuration from DAN's endpoints (no discovery: DAN publishes no metadata). */
function configurationFor(settings: DanSettings): oidc.Configuration {
  const auth =
    settings.tokenEndpointAuthMethod === 'client_secret_basic'
      ? oidc.ClientSecretBasic(settings.clientSecret)
      : oidc.ClientSecretPost(settings.clientSecret);
  const config = new oidc.Configuration(
    {
      issuer: settings.authorizationEndpoint.origin,
      authorization_endpoint: settings.authorizationEndpoint.href,
      token_endpoint: settings.tokenEndpoint.href,
    },
    settings.clientId,
    { client_secret: settings.clientSecret },
    auth,
  );
  config.timeout = PROVIDER_TIMEOUT_SECONDS;
  if (
    [settings.authorizationEndpoint, settings.tokenEndpoint, settings.serviceEndpoint].some(
      (u) => u.protocol === 'http:' && isLoopback(u),
    )
  )
    oidc.allowInsecureRequests(config);
  return config;
}

/** DAN answers a list; the entry holding `services[name]` is the one asked about. */
function findService(body: unknown, name: string): DanServiceResult | undefined {
  if (!Array.isArray(body)) return undefined;
  for (const entry of body) {
    const result = (entry as { services?: Record<string, unknown> } | null)?.services?.[name];
    if (result && typeof result === 'object') return result as DanServiceResult;
  }
  return undefined;
}
