// Sign-in through an OpenID Connect provider (a ministry's Keycloak or AD FS): authorization code
// with PKCE, state and nonce; the id_token's issuer, audience, expiry, nonce, algorithm and
// signature are checked by openid-client (panva's certified client), never by hand. Discovery is
// done on first use and kept, so the product starts while a provider is down.
import { Injectable, OnModuleInit } from '@nestjs/common';
import * as oidc from 'openid-client';
import { ExternalIdentity, FederatedSignInService, ProviderSignInContext } from '../federated-sign-in.service';
import { ProviderRequestsRepository } from '../provider-requests.repository';
import { describeProviderError, isLoopback, isNetworkFailure, ProviderUnavailableError } from '../provider-unavailable';
import { SignInProvider, SignInProviders } from '../sign-in-providers';
import { checkOidcSettings, OidcSettings } from './oidc-settings';

/** Seconds to wait for a provider's discovery, token or key answer. */
const PROVIDER_TIMEOUT_SECONDS = 10;

@Injectable()
export class OidcSignInService implements OnModuleInit {
  private readonly settings = new Map<string, OidcSettings>();
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    private readonly providers: SignInProviders,
    private readonly requests: ProviderRequestsRepository,
    private readonly federated: FederatedSignInService,
  ) {}

  onModuleInit(): void {
    for (const provider of this.providers.list('oidc')) this.settings.set(provider.id, checkOidcSettings(provider));
  }

  /** The provider's authorization address for a new sign-in (remembered by its state for 10 minutes). */
  async begin(provider: SignInProvider, redirectUri: string, nextPath: string): Promise<string> {
    const config = await this.configuration(provider);
    const settings = this.settingsOf(provider);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    await this.requests.save({ id: state, providerId: provider.id, nonce, codeVerifier, nextPath });
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    }).href;
  }

  /**
   * Checks the provider's answer at the callback and returns who it proved, with the page to go on
   * to; throws a SignInRefusal (audited) for any answer that fails a check.
   */
  async complete(
    provider: SignInProvider,
    redirectUri: string,
    query: URLSearchParams,
    context: ProviderSignInContext,
  ): Promise<{ identity: ExternalIdentity; nextPath: string | null }> {
    const refuse = async (detail: string) => this.federated.refuse(provider, 'invalid-response', detail, context);
    const state = query.get('state');
    // Taken first, so an error answer or a failed check still uses the state up.
    const request = state ? await this.requests.take(provider.id, state) : undefined;
    if (query.has('error'))
      throw await refuse(
        `the provider answered ${query.get('error')!.slice(0, 100)}: ${(query.get('error_description') ?? '').slice(0, 200)}`,
      );
    if (!request) throw await refuse('unknown, expired or already used state');
    const config = await this.configuration(provider);
    const currentUrl = new URL(redirectUri);
    currentUrl.search = query.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        expectedState: request.id,
        expectedNonce: request.nonce ?? undefined,
        pkceCodeVerifier: request.codeVerifier ?? undefined,
        idTokenExpected: true,
      });
    } catch (error) {
      if (isNetworkFailure(error)) throw new ProviderUnavailableError(provider.id, (error as Error).message);
      throw await refuse(describeProviderError(error));
    }
    const claims = tokens.claims()!;
    return { identity: this.identityFrom(provider, claims), nextPath: request.nextPath ?? null };
  }

  private identityFrom(provider: SignInProvider, claims: oidc.IDToken): ExternalIdentity {
    const numberClaim = this.settingsOf(provider).registrationNumberClaim;
    const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
    return {
      subject: claims.sub,
      registrationNumber: numberClaim ? text(claims[numberClaim]) : null,
      // An address the provider has not verified could be anyone's, so it links nobody.
      email: claims.email_verified === true ? text(claims.email) : null,
      familyName: text(claims.family_name),
      givenName: text(claims.given_name),
    };
  }

  private settingsOf(provider: SignInProvider): OidcSettings {
    const settings = this.settings.get(provider.id);
    if (!settings) throw new Error(`provider ${provider.id} is not an OpenID Connect provider`);
    return settings;
  }

  /** Discovery once per provider; a failed one is forgotten so the next sign-in tries again. */
  private configuration(provider: SignInProvider): Promise<oidc.Configuration> {
    let config = this.configurations.get(provider.id);
    if (!config) {
      config = this.discover(provider);
      this.configurations.set(provider.id, config);
      config.catch(() => this.configurations.delete(provider.id));
    }
    return config;
  }

  private async discover(provider: SignInProvider): Promise<oidc.Configuration> {
    const s = this.settingsOf(provider);
    const insecure = s.issuer.protocol === 'http:' && isLoopback(s.issuer);
    const auth =
      s.tokenEndpointAuthMethod === 'client_secret_post'
        ? oidc.ClientSecretPost(s.clientSecret)
        : oidc.ClientSecretBasic(s.clientSecret);
    let discovered: oidc.Configuration;
    try {
      discovered = await oidc.discovery(s.issuer, s.clientId, undefined, auth, {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        execute: insecure ? [oidc.allowInsecureRequests] : [],
      });
    } catch (error) {
      throw new ProviderUnavailableError(
        provider.id,
        `discovery at ${s.issuer.href} failed: ${describeProviderError(error)}`,
      );
    }
    const { supportsPKCE: _helper, ...server } = discovered.serverMetadata();
    // The allow-list, narrowed to what the provider says it uses: a token signed any other way
    // (or unsigned) fails openid-client's algorithm check.
    const advertised = server.id_token_signing_alg_values_supported ?? ['RS256'];
    const config = new oidc.Configuration(
      { ...server, id_token_signing_alg_values_supported: advertised.filter((a) => s.algorithms.includes(a)) },
      s.clientId,
      { client_secret: s.clientSecret, [oidc.clockTolerance]: s.clockToleranceSeconds },
      auth,
    );
    config.timeout = PROVIDER_TIMEOUT_SECONDS;
    if (insecure) oidc.allowInsecureRequests(config);
    // The id_token's signature is checked against the provider's keys too, not only trusted for
    // arriving over TLS from the token endpoint.
    oidc.enableNonRepudiationChecks(config);
    return config;
  }
}
