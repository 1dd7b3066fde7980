// The identity providers people may sign in with, read from SIGN_IN_PROVIDERS_FILE at start-up, so
// a ministry's Keycloak or AD FS, or DAN, is added without a code change. Common settings are
// checked here; each protocol (oidc/, saml/, dan/) checks its own settings when it starts, and a
// bad file stops the start with a message that names the provider and the setting.
import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@chadavkhi/platform';

export const PROVIDER_KINDS = ['oidc', 'saml', 'dan'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export type LinkBy = 'registration-number' | 'email';

export interface SignInProvider {
  /** In addresses (/signin/oidc/{id}) and the audit log: lowercase letters, digits and dashes. */
  id: string;
  kind: ProviderKind;
  /** The button's text on /signin. */
  label: { mn: string; en: string };
  /** How an identity not linked yet finds its person, in order; `email` only for providers trusted to verify addresses. */
  linkBy: LinkBy[];
  /** Just-in-time creation of people the staff list lacks, into this agency and position (codes); absent: refused. */
  createPeople?: { agency: string; position: string };
  /** The whole entry, for the protocol's own settings. */
  settings: Record<string, unknown>;
}

export class ProviderConfigError extends Error {}

@Injectable()
export class SignInProviders {
  private readonly providers: SignInProvider[];

  constructor(config: AppConfig) {
    this.providers = config.SIGN_IN_PROVIDERS_FILE ? readProviders(config.SIGN_IN_PROVIDERS_FILE) : [];
  }

  list(kind?: ProviderKind): SignInProvider[] {
    return kind ? this.providers.filter((p) => p.kind === kind) : this.providers;
  }

  /** The provider of this kind with this id, or undefined (an address naming no provider is a 404). */
  find(kind: ProviderKind, id: string): SignInProvider | undefined {
    return this.providers.find((p) => p.kind === kind && p.id === id);
  }
}

export function readProviders(path: string): SignInProvider[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ProviderConfigError(`SIGN_IN_PROVIDERS_FILE ${path}: ${(error as Error).message}`);
  }
  const list = (parsed as { providers?: unknown })?.providers;
  if (!Array.isArray(list))
    throw new ProviderConfigError(`SIGN_IN_PROVIDERS_FILE ${path}: expected {"providers": [...]}`);
  const seen = new Set<string>();
  return list.map((entry: unknown, index) => {
    const provider = checkProvider(entry, `providers[${index}]`);
    if (seen.has(provider.id))
      throw new ProviderConfigError(`providers[${index}]: the id "${provider.id}" is used twice`);
    seen.add(provider.id);
    return provider;
  });
}

function checkProvider(entry: unknown, where: string): SignInProvider {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry))
    throw new ProviderConfigError(`${where}: each provider is an object`);
  const e = entry as Record<string, unknown>;
  const fail = (setting: string, rule: string): never => {
    throw new ProviderConfigError(`${where} (${String(e.id ?? '?')}): ${setting} ${rule}`);
  };
  if (typeof e.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(e.id))
    fail('id', 'must be 1-40 lowercase letters, digits or dashes');
  if (!PROVIDER_KINDS.includes(e.kind as ProviderKind)) fail('kind', `must be one of ${PROVIDER_KINDS.join(', ')}`);
  const label = e.label as Record<string, unknown> | undefined;
  if (!label || typeof label.mn !== 'string' || typeof label.en !== 'string' || !label.mn.trim() || !label.en.trim())
    fail('label', 'must give the button text as {"mn": "...", "en": "..."}');
  const linkBy = e.linkBy ?? ['registration-number'];
  if (
    !Array.isArray(linkBy) ||
    !linkBy.length ||
    linkBy.some((l) => l !== 'registration-number' && l !== 'email') ||
    new Set(linkBy).size !== linkBy.length
  )
    fail('linkBy', 'must list "registration-number" and/or "email"');
  if ((linkBy as string[]).includes('email') && e.trustEmail !== true)
    fail('linkBy', 'may include "email" only with "trustEmail": true (the provider verifies addresses)');
  const create = e.createPeople as Record<string, unknown> | undefined;
  if (create !== undefined && (typeof create?.agency !== 'string' || typeof create?.position !== 'string'))
    fail('createPeople', 'must name an agency and a position code: {"agency": "...", "position": "..."}');
  return {
    id: e.id as string,
    kind: e.kind as ProviderKind,
    label: { mn: (label!.mn as string).trim(), en: (label!.en as string).trim() },
    linkBy: linkBy as LinkBy[],
    createPeople: create ? { agency: create.agency as string, position: create.position as string } : undefined,
    settings: e,
  };
}

/**
 * A setting that may be given directly or, for secrets, as {"env": "NAME"} so the file can be
 * shared without them. Throws a ProviderConfigError naming the provider when it is missing.
 */
export function providerSetting(
  provider: SignInProvider,
  name: string,
  options: { optional: true },
): string | undefined;
export function providerSetting(provider: SignInProvider, name: string, options?: { optional?: false }): string;
export function providerSetting(
  provider: SignInProvider,
  name: string,
  options: { optional?: boolean } = {},
): string | undefined {
  const raw = provider.settings[name];
  const value =
    raw && typeof raw === 'object' && typeof (raw as { env?: unknown }).env === 'string'
      ? process.env[(raw as { env: string }).env]
      : raw;
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (options.optional && raw === undefined) return undefined;
  const how =
    raw && typeof raw === 'object'
      ? `the environment variable ${(raw as { env: string }).env} is not set`
      : 'is missing';
  throw new ProviderConfigError(`provider ${provider.id}: ${name} ${how}`);
}
