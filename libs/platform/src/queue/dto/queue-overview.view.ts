// What administrators read of the job queues (GET /admin/queues) and what a retry answers.
import { ApiProperty } from '@nestjs/swagger';
import { QUEUES, type QueueName } from '../queue-contract';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export class FailedJobView {
  @ApiProperty({ description: "BullMQ's job id" }) id: string;
  @ApiProperty({ description: 'The job name (what it does)' }) name: string;
  @ApiProperty({ description: 'The last error, at most 500 characters' }) failedReason: string;
  @ApiProperty({ type: 'integer' }) attemptsMade: number;
  @ApiProperty({ type: 'integer', description: 'How many attempts it was allowed' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt: string | null;
}

export class JobCountsView implements Record<JobState, number> {
  @ApiProperty({ type: 'integer' }) waiting: number;
  @ApiProperty({ type: 'integer' }) active: number;
  @ApiProperty({ type: 'integer' }) delayed: number;
  @ApiProperty({ type: 'integer' }) failed: number;
  @ApiProperty({ type: 'integer' }) completed: number;
}

export class QueueOverview {
  @ApiProperty({ enum: QUEUES }) name: QueueName;
  @ApiProperty({ type: JobCountsView }) counts: JobCountsView;
  @ApiProperty({ type: [FailedJobView], description: 'The latest failed jobs, newest first (20 at most)' })
  failed: FailedJobView[];
}

export class QueuesOverviewView {
  @ApiProperty({ type: [QueueOverview] }) queues: QueueOverview[];
}

export class RetriedJobView {
  @ApiProperty({ enum: QUEUES }) queue: QueueName;
  @ApiProperty() jobId: string;
  @ApiProperty({ description: 'The job name' }) name: string;
}

export class RetriedFailedJobsView {
  @ApiProperty({ enum: QUEUES }) queue: QueueName;
  @ApiProperty({ type: 'integer', description: 'How many failed jobs are waiting again' }) retried: number;
}
