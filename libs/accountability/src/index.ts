// Accountability's public surface.
export { AccountabilityModule } from './accountability.module';
export { AccountabilityWorkerModule } from './accountability-worker.module';
export { AgencyMetricsRepository } from './metrics/agency-metrics.repository';
export { MetricsService } from './metrics/metrics.service';
export { OpenDataService, SMALL_GROUP } from './open-data/open-data.service';
export { AgencyMetricsView } from './metrics/dto/agency-metrics.view';
