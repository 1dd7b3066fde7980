// Identity's public surface.
export { IdentityModule } from './identity.module';
export { ROLES, Role } from './roles';
export { AGENCY_KINDS, AgencyKind } from './agencies/agency.entity';
export { AgenciesService } from './agencies/agencies.service';
export { staffScopeOf, scopeCovers, StaffScope } from './agencies/agency-scope';
export { UsersService } from './users/users.service';
export type { Placement } from './users/placement';
export { HandoversService } from './handover/handovers.service';
export type { PersonMove } from './handover/person-move';
export { HandoverView, HandoverPersonView, HandoverAgencyView } from './handover/dto/handover.view';
export { SetSuccessorDto } from './handover/dto/set-successor.dto';
export { LocalizedName, PersonRef, PlacementView, PositionRef, UserView } from './users/dto/user.view';
export { readsRegistrationNumberOf, registrationNumberFor } from './users/registration-number-access';
export {
  maskRegistrationNumber,
  normalizeRegistrationNumber,
  registrationNumberProblem,
} from './staff/registration-number';
export { AuthService, LoginResult, SignInContext } from './auth/auth.service';
export {
  SignInProviders,
  SignInProvider,
  ProviderKind,
  ProviderConfigError,
  providerSetting,
} from './federation/sign-in-providers';
export {
  FederatedSignInService,
  ExternalIdentity,
  SignInRefusal,
  SignInRefusalReason,
  ProviderSignInContext,
} from './federation/federated-sign-in.service';
export { SignInSessionsService } from './sessions/sign-in-sessions.service';
export { SignInSessionView, SignInSessionsEndedView } from './sessions/dto/sign-in-session.view';
export {
  SamlSignInService,
  SamlResponseRefusal,
  SamlAnswer,
  SAML_RESPONSE_MAX_CHARS,
} from './federation/saml/saml-sign-in.service';
export { OidcSignInService } from './federation/oidc/oidc-sign-in.service';
export { DanSignInService } from './federation/dan/dan-sign-in.service';
export { ProviderUnavailableError } from './federation/provider-unavailable';
export { TokenService } from './auth/token.service';
export { SecondFactorService, SecondFactorStatus } from './second-factor/second-factor.service';
export {
  SecondFactorRequiredException,
  SecondFactorRefusal,
  CHALLENGE_SECONDS,
} from './second-factor/second-factor-errors';
export { totpCode } from './second-factor/totp';
export { PasswordsService, PasswordRefusal } from './passwords/passwords.service';
export { accountLinkUrl } from './passwords/account-link-token';
export { PASSWORD_MIN, PASSWORD_MAX } from './passwords/dto/password-fields';
export { SetPasswordDto } from './passwords/dto/set-password.dto';
export { InvitationView } from './users/dto/invitation.view';
export { AuthUser, hasRole } from './auth/auth-user';
export { CurrentUser } from './auth/current-user.decorator';
export { Roles } from './auth/roles.decorator';
export { AuditedDownload } from './auth/audited-download.decorator';
export { SESSION_COOKIE, setSessionCookie, clearSessionCookie } from './auth/session-cookie';
export { DEVICE_COOKIE, setDeviceCookie } from './auth/device-cookie';
export { ContentError, flattenAgencies, ImportCounts } from './content/identity-content';
export { IdentityContentService } from './content/identity-content.service';
export {
  StaffSyncService,
  StaffRecordRefusal,
  type StaffSource,
  type StaffPerson,
  type StaffChange,
} from './staff/staff-sync.service';
export {
  StaffImportsService,
  StaffFileRefusal,
  type StaffImportActor,
  type StaffImportProgress,
} from './staff/staff-imports.service';
export { StaffImportView, StaffImportResult, StaffCounts } from './staff/dto/staff-import.view';
export { StaffUploadRoute } from './staff/staff-upload-route';
export { declaredByteLimit, UploadRoute } from './auth/upload-route';
export type { UploadRouteOptions } from './auth/upload-route';
export { STAFF_COLUMNS, checkStaffRecord, type StaffRecord, type StaffRecordProblem } from './staff/staff-record';
export { ScimModule } from './scim/scim.module';
export { renderScimProblem } from './scim/scim-error';
export { ScimConnectionsService } from './scim/scim-connections.service';
export type { ScimConnection } from './scim/scim-connections.service';
