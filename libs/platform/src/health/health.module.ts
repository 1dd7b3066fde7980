import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** GET /api/v1/health (HealthService itself comes from the global PlatformModule). */
@Module({ controllers: [HealthController] })
export class HealthModule {}
