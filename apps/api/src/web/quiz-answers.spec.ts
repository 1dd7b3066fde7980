import { AnswersRefusedException, ShownQuestion } from '@chadavkhi/assessment';
import { answersRefused, answerText, parseTypedNumber, readAnswers } from './quiz-answers';

const q = (id: string, type: ShownQuestion['type'], options?: string[]): ShownQuestion => ({
  id,
  type,
  prompt: id,
  points: 1,
  options: options?.map((text, key) => ({ key, text })),
});
const QUESTIONS = [
  q('s', 'single', ['a', 'b', 'c']),
  q('m', 'multiple', ['a', 'b', 'c']),
  q('t', 'true_false'),
  q('n', 'numeric'),
  q('x', 'text'),
  q('o', 'ordering', ['first', 'second', 'third']),
];

it('reads each question type from the form, leaving blanks unanswered', () => {
  const body = {
    'a-s': '2',
    'a-m': ['2', '0'],
    'a-t': 'false',
    'a-n': ' 3,5 ',
    'a-x': '  Засгийн газар ',
    'a-o-0': '3',
    'a-o-1': '1',
    'a-o-2': '2',
  };
  expect(readAnswers(body, QUESTIONS)).toEqual(
    expect.objectContaining({
      answers: { s: 2, m: [0, 2], t: false, n: 3.5, x: 'Засгийн газар', o: [1, 2, 0] },
      errors: {},
    }),
  );
  expect(readAnswers({}, QUESTIONS).answers).toEqual({});
});

it('says what is wrong instead of guessing', () => {
  const { answers, errors, typed } = readAnswers(
    { 'a-s': '7', 'a-n': 'three', 'a-o-0': '1', 'a-o-1': '1', 'a-o-2': '' },
    QUESTIONS,
  );
  expect(answers).toEqual({});
  expect(errors).toEqual({ s: 'quiz.error.option', n: 'quiz.error.number', o: 'quiz.error.ordering' });
  expect(typed['a-n']).toEqual(['three']);
});

it("words the grader's refusal of an answer beside its question: too long, or not one it can grade", () => {
  const refused = new AnswersRefusedException(
    ['x: expected text of at most 500 characters', 'q: not a question of this attempt'],
    [
      { questionId: 'x', code: 'too-long' },
      { questionId: 'q', code: 'not-in-attempt' },
    ],
  );
  expect(answersRefused(refused)).toEqual({ x: 'quiz.error.tooLong', q: 'quiz.error.option' });
  expect(answersRefused(new Error('no'))).toBeUndefined();
  // The page passes a long text on for the grader to judge, as typed (trimmed).
  expect(readAnswers({ 'a-x': 'я'.repeat(501) }, QUESTIONS).answers).toEqual({ x: 'я'.repeat(501) });
});

it('reads numbers as people type them', () => {
  expect(parseTypedNumber('1 200,5')).toBe(1200.5);
  expect(parseTypedNumber('-2')).toBe(-2);
  expect(parseTypedNumber('12abc')).toBeUndefined();
  expect(parseTypedNumber('')).toBeUndefined();
});

it('says answers in words', () => {
  const words = { yes: 'Үнэн', no: 'Худал', none: '—' };
  expect(answerText(QUESTIONS[1], [0, 2], words)).toEqual(['a', 'c']);
  expect(answerText(QUESTIONS[2], true, words)).toEqual(['Үнэн']);
  expect(answerText(QUESTIONS[5], [2, 0, 1], words)).toEqual(['1. third', '2. first', '3. second']);
  expect(answerText(QUESTIONS[4], ['a', 'b'], words)).toEqual(['a', 'b']);
  expect(answerText(QUESTIONS[0], null, words)).toEqual(['—']);
});
