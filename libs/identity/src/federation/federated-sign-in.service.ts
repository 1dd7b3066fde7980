// Signing in with an identity a provider has proved (OpenID Connect, SAML, DAN): the identity is
// linked to exactly one person — already linked, or found by registration number (or by e-mail,
// where the provider is trusted to verify addresses) — and a session is opened. People not in the
// staff list are refused (or created, where the provider is configured to), leavers are refused,
// and every refusal, the protocol's own included, is written to the audit log. No session ever
// begins here except through AuthService.startSession.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordAudit } from '@chadavkhi/platform';
import { AuthService, LoginResult } from '../auth/auth.service';
import { normalizeRegistrationNumber, registrationNumberProblem } from '../staff/registration-number';
import { checkStaffRecord } from '../staff/staff-record';
import { StaffSyncService } from '../staff/staff-sync.service';
import { todayInUlaanbaatar } from '../users/users.service';
import { ExternalIdentitiesRepository, LinkedBy, SignInCandidate } from './external-identities.repository';
import { SignInProvider } from './sign-in-providers';

/** What a provider said about the person, after its protocol checked the answer. */
export interface ExternalIdentity {
  /** The provider's stable id for the person (OIDC `sub`, SAML NameID, DAN's citizen id). */
  subject: string;
  registrationNumber?: string | null;
  email?: string | null;
  familyName?: string | null;
  givenName?: string | null;
}

export type SignInRefusalReason =
  /** The provider's answer failed a check (signature, audience, expiry, replay, state, nonce, …). */
  | 'invalid-response'
  /** Nobody in the staff list has this registration number (or e-mail). */
  | 'not-in-staff-list'
  /** The person has left the service or their account is switched off. */
  | 'left-service'
  /** The person is already linked to another identity at this provider. */
  | 'linked-to-another'
  /** The provider gave nothing this product can find a person by. */
  | 'no-identifier';

/** A sign-in refused: shown as a page with the reason (never a session), and audited. */
export class SignInRefusal extends Error {
  constructor(
    readonly providerId: string,
    readonly reason: SignInRefusalReason,
    /** For the audit log and the operator's logs; not shown to the person. */
    readonly detail: string,
  ) {
    super(`${providerId}: ${reason}: ${detail}`);
  }
}

export interface ProviderSignInContext {
  ip: string | null;
  userAgent?: string | null;
}

@Injectable()
export class FederatedSignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identities: ExternalIdentitiesRepository,
    private readonly auth: AuthService,
    private readonly staff: StaffSyncService,
  ) {}

  /** Links (when needed) and opens a session; throws a SignInRefusal (already audited) otherwise. */
  async signIn(
    provider: SignInProvider,
    identity: ExternalIdentity,
    context: ProviderSignInContext,
  ): Promise<LoginResult> {
    const subject = identity.subject?.trim();
    if (!subject || subject.length > 255)
      throw await this.refuse(
        provider,
        'invalid-response',
        'the identity has no subject (or one over 255 characters)',
        context,
      );
    let person = await this.identities.findLinked(provider.id, subject);
    let linkedBy: LinkedBy | undefined;
    if (!person) {
      const found = await this.findPerson(provider, identity, context);
      person = found.person;
      linkedBy = found.by;
    }
    if (!person.isActive || (person.leftOn && person.leftOn <= todayInUlaanbaatar()))
      throw await this.refuse(
        provider,
        'left-service',
        `person ${person.id} has left or is switched off`,
        context,
        person.id,
      );
    if (linkedBy) {
      // The insert refuses both a taken identity and a person already linked at this provider.
      const linked = await this.dataSource.transaction(async (manager) => {
        if (!(await this.identities.link(manager, provider.id, subject, person.id, linkedBy))) return false;
        await recordAudit(
          manager,
          { id: person.id, email: null, ip: context.ip },
          'auth.provider.link',
          { type: 'user', id: person.id },
          {
            provider: provider.id,
            by: linkedBy,
          },
        );
        return true;
      });
      if (!linked)
        throw await this.refuse(
          provider,
          'linked-to-another',
          `person ${person.id} is linked to another identity at this provider`,
          context,
          person.id,
        );
    } else {
      await this.identities.markUsed(provider.id, subject);
    }
    const result = await this.auth.startSession(person, { ...context, providerId: provider.id });
    await recordAudit(
      this.dataSource.manager,
      { id: person.id, email: result.user.email, ip: context.ip },
      'auth.provider.sign-in',
      {
        type: 'user',
        id: person.id,
      },
      { provider: provider.id },
    );
    return result;
  }

  /**
   * Writes a refused sign-in to the audit log and returns the refusal to throw. Protocols call it
   * for their own failures (a bad signature, a replayed assertion, a state mismatch).
   */
  async refuse(
    provider: Pick<SignInProvider, 'id'>,
    reason: SignInRefusalReason,
    detail: string,
    context: ProviderSignInContext,
    userId?: string,
  ): Promise<SignInRefusal> {
    await recordAudit(
      this.dataSource.manager,
      { id: userId ?? null, email: null, ip: context.ip },
      'auth.provider.refused',
      { type: 'user', id: userId ?? null },
      { provider: provider.id, reason, detail: detail.slice(0, 500) },
    );
    return new SignInRefusal(provider.id, reason, detail);
  }

  private async findPerson(
    provider: SignInProvider,
    identity: ExternalIdentity,
    context: ProviderSignInContext,
  ): Promise<{ person: SignInCandidate; by: LinkedBy }> {
    const registrationNumber = identity.registrationNumber
      ? normalizeRegistrationNumber(identity.registrationNumber)
      : undefined;
    const validNumber =
      registrationNumber && !registrationNumberProblem(registrationNumber) ? registrationNumber : undefined;
    let tried = false;
    for (const by of provider.linkBy) {
      if (by === 'registration-number' && validNumber) {
        tried = true;
        const person = await this.identities.findByRegistrationNumber(validNumber);
        if (person) return { person, by };
      }
      if (by === 'email' && identity.email) {
        tried = true;
        const person = await this.identities.findByEmail(identity.email);
        if (person) return { person, by };
      }
    }
    if (!tried)
      throw await this.refuse(
        provider,
        'no-identifier',
        `the provider gave no ${provider.linkBy.join(' or ')}`,
        context,
      );
    if (provider.createPeople && validNumber)
      return { person: await this.create(provider, identity, validNumber, context), by: 'created' };
    throw await this.refuse(provider, 'not-in-staff-list', 'no person in the staff list matches', context);
  }

  /** Just-in-time: a person the staff list lacks, created from the provider's answer where configured. */
  private async create(
    provider: SignInProvider,
    identity: ExternalIdentity,
    registrationNumber: string,
    context: ProviderSignInContext,
  ): Promise<SignInCandidate> {
    const checked = checkStaffRecord({
      registration_number: registrationNumber,
      family_name: identity.familyName ?? '',
      given_name: identity.givenName ?? '',
      email: identity.email ?? '',
      agency_code: provider.createPeople!.agency,
      position_code: provider.createPeople!.position,
    });
    if ('problems' in checked)
      throw await this.refuse(
        provider,
        'not-in-staff-list',
        `not in the staff list, and cannot be created: ${checked.problems.map((p) => `${p.field} ${p.code}`).join(', ')}`,
        context,
      );
    const { record } = checked;
    try {
      await this.staff.saveRecord(
        { kind: 'provider', label: provider.id, actorId: null, rootAgencyId: null, ip: context.ip },
        record,
      );
    } catch (error) {
      throw await this.refuse(
        provider,
        'not-in-staff-list',
        `not in the staff list, and cannot be created: ${(error as Error).message}`,
        context,
      );
    }
    const person = await this.identities.findByRegistrationNumber(registrationNumber);
    if (!person) throw await this.refuse(provider, 'not-in-staff-list', 'created but not found', context);
    return person;
  }
}
