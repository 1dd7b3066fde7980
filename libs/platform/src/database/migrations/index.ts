// The single ordered migration history; append, never edit a migration that has shipped.
import { PlatformAndIdentity1763870400000 } from './1763870400000-platform-and-identity';
import { Learning1763956800000 } from './1763956800000-learning';

export const migrations = [PlatformAndIdentity1763870400000, Learning1763956800000];
