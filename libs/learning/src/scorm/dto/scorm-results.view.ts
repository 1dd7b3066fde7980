// A course's package lessons as their trainer reads them: each scored interaction with how many
// answered it, the share answered correctly and the responses given.
import { ApiProperty } from '@nestjs/swagger';

export class ScormResponseView {
  @ApiProperty({ description: 'What learners answered (the runtime’s learner response)' }) response: string;
  @ApiProperty() count: number;
}

export class ScormInteractionResultView {
  @ApiProperty({ description: 'The interaction’s id in the package' }) id: string;
  @ApiProperty({ description: 'Answers recorded (one per learner and SCO)' }) answered: number;
  @ApiProperty({ description: 'Share answered correctly, 0-100' }) correctPercent: number;
  @ApiProperty({ type: [ScormResponseView], description: 'The responses given, most frequent first (at most 10)' })
  responses: ScormResponseView[];
}

export class ScormLessonResultsView {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty({ description: "The package's title" }) title: string;
  @ApiProperty({ type: [ScormInteractionResultView] }) interactions: ScormInteractionResultView[];
}

export class ScormResultsView {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ description: "The course's title (its draft's)" }) title: string;
  @ApiProperty({ type: [ScormLessonResultsView], description: 'Package lessons with scored interactions' })
  lessons: ScormLessonResultsView[];
}
