// The final quiz as it is printed: a fixed selection of questions (and of the order of ordering
// options), so a version's answer sheet and its marking key always show the same thing, and
// nothing printed for learners gives an answer away.
import { createHash } from 'node:crypto';
import type { QuestionBankDefinition, QuestionDefinition, QuizDefinition } from '../quizzes/quiz-definition';

export interface PaperQuestion {
  number: number;
  question: QuestionDefinition;
  /** Indexes into question.options in the order they are printed. */
  order: number[];
}

export interface PaperQuiz {
  quiz: QuizDefinition;
  questions: PaperQuestion[];
  totalPoints: number;
}

/** A stable pseudo-random rank: the same version always draws the same questions. */
function rank(seed: string, key: string): string {
  return createHash('sha256').update(seed).update('\0').update(key).digest('hex');
}

/**
 * Draws the quiz once, deterministically from the seed (the course version id): each draw takes
 * `count` questions of its bank (the ones an online attempt could draw), shown in bank order.
 */
export function paperQuiz(seed: string, quiz: QuizDefinition, banks: QuestionBankDefinition[]): PaperQuiz {
  const taken = new Set<string>();
  const picked: QuestionDefinition[] = [];
  for (const draw of quiz.draws) {
    const pool = (banks.find((b) => b.id === draw.bankId)?.questions ?? []).filter(
      (q) => !taken.has(q.id) && (!draw.competency || q.competency === draw.competency),
    );
    const chosen = new Set(
      [...pool].sort((a, b) => rank(seed, a.id).localeCompare(rank(seed, b.id))).slice(0, draw.count),
    );
    for (const q of pool.filter((q) => chosen.has(q))) {
      taken.add(q.id);
      picked.push(q);
    }
  }
  const questions = picked.map((question, i) => ({ number: i + 1, question, order: printedOrder(seed, question) }));
  return { quiz, questions, totalPoints: picked.reduce((sum, q) => sum + q.points, 0) };
}

/** Ordering questions are authored in the right order, so they are printed mixed (never as authored). */
function printedOrder(seed: string, q: QuestionDefinition): number[] {
  const identity = (q.options ?? []).map((_, i) => i);
  if (q.type !== 'ordering' || identity.length < 2) return identity;
  const order = [...identity].sort((a, b) => rank(seed, `${q.id}:${a}`).localeCompare(rank(seed, `${q.id}:${b}`)));
  return order.every((v, i) => v === i) ? [...order.slice(1), order[0]] : order;
}

const LETTERS = { mn: 'АБВГДЕЖЗИКЛМНОПРСТУФ', en: 'ABCDEFGHIJKLMNOPQRST' } as const;

/** The letter printed before an option (options are at most 20). */
export function optionLetter(lang: 'mn' | 'en', position: number): string {
  return LETTERS[lang][position] ?? String(position + 1);
}

/** The right answer in the terms of the printed sheet: letters (of the course language) for options, words for the rest. */
export function answerKey(
  letters: 'mn' | 'en',
  p: PaperQuestion,
  words: { true: string; false: string },
): { letters?: string[]; texts: string[] } {
  const q = p.question;
  const letterOf = (optionIndex: number) => optionLetter(letters, p.order.indexOf(optionIndex));
  switch (q.type) {
    case 'single':
      return { letters: [letterOf(q.correct as number)], texts: [q.options![q.correct as number]] };
    case 'multiple': {
      const correct = [...(q.correct as number[])].sort((a, b) => p.order.indexOf(a) - p.order.indexOf(b));
      return { letters: correct.map(letterOf), texts: correct.map((i) => q.options![i]) };
    }
    case 'ordering':
      return { letters: q.options!.map((_, i) => letterOf(i)), texts: [...q.options!] };
    case 'true_false':
      return { texts: [q.correct ? words.true : words.false] };
    case 'numeric':
      return { texts: [String(q.correct)] };
    case 'text':
      return { texts: [...(q.correct as string[])] };
  }
}
