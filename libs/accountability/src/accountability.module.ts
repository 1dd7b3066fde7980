import { Module } from '@nestjs/common';
import { AgencyMetricsRepository } from './metrics/agency-metrics.repository';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { OpenDataService } from './open-data/open-data.service';

/** Per-agency HR accountability figures and open data. */
@Module({
  controllers: [MetricsController],
  providers: [AgencyMetricsRepository, MetricsService, OpenDataService],
  exports: [AgencyMetricsRepository, MetricsService, OpenDataService],
})
export class AccountabilityModule {}
