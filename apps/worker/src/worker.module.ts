import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, PlatformModule } from '@chadavkhi/platform';

/** The job side: the outbox relay now, and each lib's processors as they arrive. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [PlatformModule.forRoot(config)] };
  }
}
