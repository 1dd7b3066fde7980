// The CLI's Nest context: the platform (config, PostgreSQL) and only the libs a command resolves its
// services from. No HTTP, and RUN_WORKERS is off, so no queue worker or outbox relay starts.
import { DynamicModule, Module } from '@nestjs/common';
import { AccountabilityModule } from '@chadavkhi/accountability';
import { CertificationModule } from '@chadavkhi/certification';
import { IdentityModule } from '@chadavkhi/identity';
import { KnowledgeModule } from '@chadavkhi/knowledge';
import { LearningModule } from '@chadavkhi/learning';
import { AppConfig, PlatformModule } from '@chadavkhi/platform';

export const COMMANDS = [
  'migrate',
  'import-content',
  'create-admin',
  'rotate-keys',
  'reindex',
  'import-staff',
] as const;
export type Command = (typeof COMMANDS)[number];

const LIBS: Record<Command, DynamicModule['imports']> = {
  migrate: [],
  'import-content': [IdentityModule, LearningModule, KnowledgeModule, AccountabilityModule],
  'create-admin': [IdentityModule],
  'rotate-keys': [CertificationModule],
  reindex: [KnowledgeModule],
  'import-staff': [IdentityModule],
};

@Module({})
export class CliModule {
  static forCommand(command: Command, config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [PlatformModule.forRoot(config), ...(LIBS[command] ?? [])] };
  }
}
