import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LearningModule } from '@chadavkhi/learning';
import { QuizResultsController } from './analysis/quiz-results.controller';
import { QuizResultsService } from './analysis/quiz-results.service';
import { AttemptsController } from './attempts/attempts.controller';
import { AttemptsRepository } from './attempts/attempts.repository';
import { AttemptsService } from './attempts/attempts.service';
import { QuizAttempt } from './attempts/quiz-attempt.entity';

/** Quiz attempts, server-side grading and item analysis. */
@Module({
  imports: [TypeOrmModule.forFeature([QuizAttempt]), LearningModule],
  controllers: [AttemptsController, QuizResultsController],
  providers: [AttemptsRepository, AttemptsService, QuizResultsService],
  exports: [AttemptsService, QuizResultsService],
})
export class AssessmentModule {}
