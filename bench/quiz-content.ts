// The quiz the quiz and exam-storm benches grade: a bank of the six question kinds, and the answer a
// bench gives to each (some right, some wrong, so grading does real work).
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AttemptView } from '@chadavkhi/assessment';
import type { AuthUser } from '@chadavkhi/identity';
import { CoursesService } from '@chadavkhi/learning';

export function question(i: number) {
  const kinds = [
    { type: 'single', options: ['А', 'Б', 'В', 'Г'], correct: i % 4 },
    { type: 'multiple', options: ['А', 'Б', 'В', 'Г'], correct: [0, 2], scoring: 'partial' },
    { type: 'true_false', correct: i % 2 === 0 },
    { type: 'numeric', correct: 30 + i, tolerance: 0.5 },
    { type: 'text', correct: ['Авлигатай тэмцэх газар', 'АТГ'] },
    { type: 'ordering', options: ['нэг', 'хоёр', 'гурав', 'дөрөв'] },
  ];
  return { ...kinds[i % kinds.length], prompt: `Асуулт ${i + 1}`, explanation: 'Тайлбар' };
}

export function answerFor(q: AttemptView['questions'][number]): unknown {
  switch (q.type) {
    case 'single':
      return 0;
    case 'multiple':
      return [0, 1];
    case 'true_false':
      return true;
    case 'numeric':
      return 31;
    case 'text':
      return 'атг';
    case 'ordering':
      return q.options!.map((o) => o.key).reverse();
  }
}

/** A published course (one lesson) whose quiz draws 20 of the 30 questions; as the demo trainer. */
export async function publishQuizCourse(app: INestApplication): Promise<{ courseId: string; quizId: string }> {
  const [trainer] = await app
    .get(DataSource)
    .query(`SELECT id, email, roles FROM users WHERE email = 'trainer@demo.chadavkhi.mn'`);
  const courses = app.get(CoursesService);
  const draft = await courses.create(trainer as AuthUser, {
    title: 'Гүйцэтгэлийн шалгалт',
    summary: 'Бенчмарк',
    language: 'mn',
    estimatedMinutes: 30,
    modules: [{ title: 'М', lessons: [{ title: 'Х', body: 'Текст' }] }],
    questionBanks: [{ title: 'Сан', questions: Array.from({ length: 30 }, (_, i) => question(i)) as never }],
    quizzes: [
      {
        title: 'Эцсийн',
        passMarkPercent: 60,
        timeLimitMinutes: 600,
        maxAttempts: 100,
        draws: [{ bank: '0', count: 20 }],
      },
    ],
  });
  await courses.publish(trainer as AuthUser, draft.id, null);
  const quizId = (await courses.getDraft(trainer as AuthUser, draft.id)).draft.quizzes[0].id;
  return { courseId: draft.id, quizId };
}
