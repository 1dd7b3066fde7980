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
