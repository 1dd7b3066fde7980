// Identity's sign-in through a provider, whatever the protocol: an identity is linked to exactly one
// person (by registration number, or by e-mail only where the provider is trusted to verify it),
// later sign-ins use the link, leavers and people outside the staff list are refused (each refusal
// audited, never a session), and people are created only where a provider is configured for it.
import { randomInt } from 'node:crypto';
import { FederatedSignInService, SignInProvider, SignInRefusal } from '@chadavkhi/identity';
import { createUser } from '../support/factories';
import { ServiceContext, startServiceContext } from '../support/service-context';

function provider(overrides: Partial<SignInProvider> = {}): SignInProvider {
  const base = {
    id: 'keycloak-mof',
    kind: 'oidc' as const,
    label: { mn: 'Яам', en: 'Ministry' },
    linkBy: ['registration-number' as const],
  };
  return { ...base, settings: {}, ...overrides };
}

/** A registration number nobody else in this database has: two letters, a birth date, two digits. */
function registrationNumber(): string {
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const month = String(randomInt(1, 13)).padStart(2, '0');
  return `УБ${randomInt(60, 99)}${month}${day}${String(randomInt(0, 100)).padStart(2, '0')}`;
}

describe('FederatedSignInService', () => {
  let s: ServiceContext;
  let federated: FederatedSignInService;
  const context = { ip: '10.1.2.3', userAgent: 'test' };

  beforeAll(async () => {
    s = await startServiceContext(['identity']);
    federated = s.get(FederatedSignInService);
  });
  afterAll(() => s.close());

  async function person(options: { leftOn?: string; active?: boolean } = {}) {
    const user = await createUser(s.db);
    let number = registrationNumber();
    for (;;) {
      const [{ taken }] = await s.db.query(`SELECT count(*)::int AS taken FROM users WHERE registration_number = $1`, [
        number,
      ]);
      if (!taken) break;
      number = registrationNumber();
    }
    await s.db.query(`UPDATE users SET registration_number = $2, left_on = $3, is_active = $4 WHERE id = $1`, [
      user.id,
      number,
      options.leftOn ?? null,
      options.active ?? true,
    ]);
    return { ...user, registrationNumber: number };
  }

  async function refusal(promise: Promise<unknown>): Promise<SignInRefusal> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignInRefusal);
    return error as SignInRefusal;
  }

  async function audited(action: string, providerId: string) {
    return s.db.query(
      `SELECT actor_id, target_id, details FROM audit_log_entries WHERE action = $1 AND details->>'provider' = $2 ORDER BY created_at`,
      [action, providerId],
    );
  }

  it('links an identity by registration number (spaces and case as people type them), then signs in by the link alone', async () => {
    const p = provider({ id: 'link-by-number' });
    const someone = await person();
    const typed = `${someone.registrationNumber.slice(0, 2).toLowerCase()} ${someone.registrationNumber.slice(2)}`;
    const first = await federated.signIn(p, { subject: 'sub-1', registrationNumber: typed }, context);
    expect(first.user.id).toBe(someone.id);
    const again = await federated.signIn(p, { subject: 'sub-1' }, context);
    expect(again.user.id).toBe(someone.id);
    const links = await s.db.query(
      `SELECT provider_id, subject, linked_by, last_sign_in_at FROM external_identities WHERE user_id = $1`,
      [someone.id],
    );
    expect(links).toEqual([
      expect.objectContaining({ provider_id: 'link-by-number', subject: 'sub-1', linked_by: 'registration-number' }),
    ]);
    const sessions = await s.db.query(`SELECT method, provider_id, ip FROM sessions WHERE user_id = $1`, [someone.id]);
    expect(sessions).toEqual([
      { method: 'provider', provider_id: 'link-by-number', ip: '10.1.2.3' },
      { method: 'provider', provider_id: 'link-by-number', ip: '10.1.2.3' },
    ]);
    expect(await audited('auth.provider.link', 'link-by-number')).toHaveLength(1);
    expect(await audited('auth.provider.sign-in', 'link-by-number')).toHaveLength(2);
  });

  it('refuses someone not in the staff list, audited, with no session', async () => {
    const p = provider({ id: 'unknown-number' });
    const refused = await refusal(
      federated.signIn(p, { subject: 'sub-x', registrationNumber: registrationNumber() }, context),
    );
    expect(refused.reason).toBe('not-in-staff-list');
    expect(await audited('auth.provider.refused', 'unknown-number')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ reason: 'not-in-staff-list' }) }),
    ]);
    expect(await s.db.query(`SELECT 1 FROM sessions WHERE provider_id = 'unknown-number'`)).toEqual([]);
  });

  it('refuses a leaver and a switched-off account, even through an existing link', async () => {
    const p = provider({ id: 'leavers' });
    const leaver = await person({ leftOn: '2020-01-31' });
    expect(
      (await refusal(federated.signIn(p, { subject: 'l-1', registrationNumber: leaver.registrationNumber }, context)))
        .reason,
    ).toBe('left-service');
    const linked = await person();
    await federated.signIn(p, { subject: 'l-2', registrationNumber: linked.registrationNumber }, context);
    await s.db.query(`UPDATE users SET is_active = false WHERE id = $1`, [linked.id]);
    expect((await refusal(federated.signIn(p, { subject: 'l-2' }, context))).reason).toBe('left-service');
  });

  it('finds people by e-mail only for providers trusted with it', async () => {
    const someone = await person();
    const untrusted = provider({ id: 'untrusted-mail' });
    expect((await refusal(federated.signIn(untrusted, { subject: 'm-1', email: someone.email }, context))).reason).toBe(
      'no-identifier',
    );
    const trusted = provider({ id: 'trusted-mail', linkBy: ['registration-number', 'email'] });
    const result = await federated.signIn(trusted, { subject: 'm-1', email: someone.email.toUpperCase() }, context);
    expect(result.user.id).toBe(someone.id);
  });

  it('links a person to one identity per provider: a second identity for them is refused', async () => {
    const p = provider({ id: 'one-per-person' });
    const someone = await person();
    await federated.signIn(p, { subject: 'first', registrationNumber: someone.registrationNumber }, context);
    const refused = await refusal(
      federated.signIn(p, { subject: 'second', registrationNumber: someone.registrationNumber }, context),
    );
    expect(refused.reason).toBe('linked-to-another');
  });

  it('creates a person the staff list lacks only where the provider is configured to, in its agency and position', async () => {
    const number = registrationNumber();
    const p = provider({ id: 'jit', createPeople: { agency: 'ministry-finance', position: 'specialist' } });
    const result = await federated.signIn(
      p,
      { subject: 'new-1', registrationNumber: number, familyName: 'Бат', givenName: 'Болд', email: null },
      context,
    );
    const [created] = await s.db.query(
      `SELECT u.registration_number, u.family_name, u.given_name, a.code AS agency, p.code AS position
         FROM users u JOIN agencies a ON a.id = u.agency_id JOIN positions p ON p.id = u.position_id WHERE u.id = $1`,
      [result.user.id],
    );
    expect(created).toEqual({
      registration_number: number,
      family_name: 'Бат',
      given_name: 'Болд',
      agency: 'ministry-finance',
      position: 'specialist',
    });
    const [{ placements }] = await s.db.query(
      `SELECT count(*)::int AS placements FROM user_placements WHERE user_id = $1`,
      [result.user.id],
    );
    expect(placements).toBe(1);
  });

  it('refuses an identity without a subject as an invalid answer', async () => {
    expect((await refusal(federated.signIn(provider({ id: 'no-subject' }), { subject: ' ' }, context))).reason).toBe(
      'invalid-response',
    );
  });
});
