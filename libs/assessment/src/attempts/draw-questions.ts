// Draws an attempt's questions from the quiz's banks, and the order their options are shown in.
import { randomInt } from 'node:crypto';
import type { QuestionBankDefinition, QuestionDefinition, QuizDefinition } from '@chadavkhi/learning';
import type { DrawnQuestion } from './quiz-attempt.entity';

export function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Ordering questions are always shown shuffled: shown in authored order, they would give the answer away. */
function optionOrder(q: QuestionDefinition, shuffle: boolean): number[] {
  const n = q.options?.length ?? 0;
  const identity = Array.from({ length: n }, (_, i) => i);
  if (q.type === 'ordering') {
    let order = shuffled(identity);
    for (let tries = 0; n > 1 && order.every((v, i) => v === i) && tries < 10; tries++) order = shuffled(identity);
    return order;
  }
  return shuffle ? shuffled(identity) : identity;
}

export function drawQuestions(quiz: QuizDefinition, banks: QuestionBankDefinition[]): DrawnQuestion[] {
  const taken = new Set<string>();
  const drawn: QuestionDefinition[] = [];
  for (const draw of quiz.draws) {
    const bank = banks.find((b) => b.id === draw.bankId);
    const pool = (bank?.questions ?? []).filter(
      (q) => !taken.has(q.id) && (!draw.competency || q.competency === draw.competency),
    );
    for (const q of shuffled(pool).slice(0, draw.count)) {
      taken.add(q.id);
      drawn.push(q);
    }
  }
  const ordered = quiz.shuffleQuestions ? shuffled(drawn) : drawn;
  return ordered.map((q) => ({ questionId: q.id, optionOrder: optionOrder(q, quiz.shuffleOptions) }));
}
