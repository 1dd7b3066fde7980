// What GET /health answers, with 200 or 503 alike: each dependency's state, so a monitor sees which is down.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DependencyStatusView {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ type: 'integer', description: 'How long the check took, in milliseconds' }) latencyMs: number;
  @ApiPropertyOptional({ description: 'Down only: why the check failed' }) error?: string;
}

export class HealthChecksView {
  @ApiProperty({ type: DependencyStatusView }) postgres: DependencyStatusView;
  @ApiProperty({ type: DependencyStatusView }) redis: DependencyStatusView;
  @ApiProperty({ type: DependencyStatusView }) meilisearch: DependencyStatusView;
}

export class HealthReportView {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'ok (200) when every dependency is up, else degraded (503)' })
  status: 'ok' | 'degraded';
  @ApiProperty({ type: HealthChecksView }) checks: HealthChecksView;
}
