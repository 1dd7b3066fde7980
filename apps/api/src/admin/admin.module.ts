import { Module } from '@nestjs/common';
import { QueuesController } from './queues.controller';

/** Administration endpoints that belong to no one domain (the job queues). */
@Module({ controllers: [QueuesController] })
export class AdminModule {}
