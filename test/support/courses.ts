// A small course body for tests: two modules, three lessons (one optional).
export function courseBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Төрийн албан хаагчийн ёс зүй',
    titleEn: 'Civil service ethics',
    summary: 'Ашиг сонирхлын зөрчлөөс урьдчилан сэргийлэх.',
    language: 'mn',
    estimatedMinutes: 45,
    validityMonths: 24,
    competencyCodes: ['ethics'],
    modules: [
      {
        title: 'Үндэс',
        lessons: [
          { title: 'Танилцуулга', body: '## Ёс зүй\n\nТөрийн алба **шударга** байна.' },
          { title: 'Нэмэлт унших', body: 'Нэмэлт', required: false },
        ],
      },
      { title: 'Практик', lessons: [{ title: 'Жишээ', body: 'Жишээ нөхцөл байдал.' }] },
    ],
    ...overrides,
  };
}

/**
 * A question bank with one question of each kind. The explanation and the accepted text answers are
 * markers a test looks for (or makes sure are absent) in what a learner is shown.
 */
export function everyKindBank(o: { explained: string; textAnswers: string[]; ordering: string[]; title?: string }) {
  return {
    title: o.title ?? 'Ёс зүйн асуултууд',
    questions: [
      {
        type: 'single',
        prompt: 'Q-single',
        options: ['s-wrong-1', 's-right', 's-wrong-2'],
        correct: 1,
        explanation: o.explained,
      },
      {
        type: 'multiple',
        points: 2,
        prompt: 'Q-multiple',
        options: ['m-right-1', 'm-wrong', 'm-right-2'],
        correct: [0, 2],
        scoring: 'partial',
        explanation: o.explained,
      },
      { type: 'true_false', prompt: 'Q-tf', correct: true, explanation: o.explained },
      { type: 'numeric', prompt: 'Q-numeric', correct: 30, tolerance: 1, explanation: o.explained },
      { type: 'text', prompt: 'Q-text', correct: o.textAnswers, explanation: o.explained },
      { type: 'ordering', prompt: 'Q-ordering', options: o.ordering, explanation: o.explained },
    ],
  };
}
