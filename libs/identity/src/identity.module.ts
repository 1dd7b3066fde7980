import { Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesController } from './agencies/agencies.controller';
import { AgenciesRepository } from './agencies/agencies.repository';
import { AgenciesService } from './agencies/agencies.service';
import { Agency } from './agencies/agency.entity';
import { AuditLogController } from './audit/audit-log.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { DanSignInService } from './federation/dan/dan-sign-in.service';
import { ExternalIdentitiesRepository } from './federation/external-identities.repository';
import { FederatedSignInService } from './federation/federated-sign-in.service';
import { SamlSignInService } from './federation/saml/saml-sign-in.service';
import { OidcSignInService } from './federation/oidc/oidc-sign-in.service';
import { ProviderRequestsRepository } from './federation/provider-requests.repository';
import { SignInProviders } from './federation/sign-in-providers';
import { HandoversRepository } from './handover/handovers.repository';
import { HandoversService } from './handover/handovers.service';
import { IdentityContentService } from './content/identity-content.service';
import { LoginThrottle } from './auth/login-throttle';
import { SessionsRepository } from './auth/sessions.repository';
import { SignInAddressesRepository } from './auth/sign-in-addresses.repository';
import { TokenService } from './auth/token.service';
import { AccountLinksRepository } from './passwords/account-links.repository';
import { PasswordsController } from './passwords/passwords.controller';
import { PasswordsService } from './passwords/passwords.service';
import { Position } from './positions/position.entity';
import { PositionsController } from './positions/positions.controller';
import { PositionsRepository } from './positions/positions.repository';
import { PositionsService } from './positions/positions.service';
import { SignInSessionsController } from './sessions/sign-in-sessions.controller';
import { SignInSessionsService } from './sessions/sign-in-sessions.service';
import { ScimConnectionsController } from './scim/scim-connections.controller';
import { ScimConnectionsRepository } from './scim/scim-connections.repository';
import { ScimConnectionsService } from './scim/scim-connections.service';
import { MeController } from './users/me.controller';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';
import { StaffFileReader } from './staff/staff-file.reader';
import { StaffImportsController } from './staff/staff-imports.controller';
import { StaffImportsService } from './staff/staff-imports.service';
import { StaffSyncService } from './staff/staff-sync.service';
import { RequestAuthenticator } from './auth/request-authenticator';
import { registerUploadAccess } from './auth/upload-route';
import { StaffRepository } from './staff/staff.repository';
import { SecondFactorController } from './second-factor/second-factor.controller';
import { SecondFactorKeys } from './second-factor/second-factor-keys';
import { SecondFactorRepository } from './second-factor/second-factor.repository';
import { SecondFactorService } from './second-factor/second-factor.service';

/** Agencies, positions, users, sign-in and the guard every route passes through. */
@Module({
  imports: [TypeOrmModule.forFeature([Agency, Position, User])],
  controllers: [
    AuthController,
    SecondFactorController,
    PasswordsController,
    MeController,
    UsersController,
    AgenciesController,
    PositionsController,
    AuditLogController,
    ScimConnectionsController,
    StaffImportsController,
    SignInSessionsController,
  ],
  providers: [
    UsersRepository,
    UsersService,
    AgenciesRepository,
    AgenciesService,
    PositionsRepository,
    PositionsService,
    AuthService,
    TokenService,
    LoginThrottle,
    SessionsRepository,
    SignInAddressesRepository,
    PasswordsService,
    AccountLinksRepository,
    IdentityContentService,
    ScimConnectionsRepository,
    ScimConnectionsService,
    StaffRepository,
    StaffSyncService,
    StaffImportsService,
    StaffFileReader,
    HandoversRepository,
    HandoversService,
    SignInProviders,
    ExternalIdentitiesRepository,
    FederatedSignInService,
    ProviderRequestsRepository,
    SignInSessionsService,
    SamlSignInService,
    SecondFactorKeys,
    SecondFactorRepository,
    SecondFactorService,
    OidcSignInService,
    DanSignInService,
    RequestAuthenticator,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [
    UsersService,
    HandoversService,
    IdentityContentService,
    AgenciesService,
    AuthService,
    PasswordsService,
    TokenService,
    ScimConnectionsService,
    StaffSyncService,
    StaffImportsService,
    SignInProviders,
    FederatedSignInService,
    SignInSessionsService,
    SamlSignInService,
    SecondFactorService,
    OidcSignInService,
    DanSignInService,
  ],
})
export class IdentityModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  /** Large uploads (staff files, SCORM packages, attachments) are read only after their sender is checked (auth/upload-route.ts). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (fastify?.addHook) registerUploadAccess(fastify, this.authenticator);
  }
}
