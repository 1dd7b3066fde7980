// The pack's own words (title page, contents, answer sheet, marking key, footer) in the two
// languages a pack can be printed in; the course's own text stays in the course's language.
export const PACK_LANGUAGES = ['mn', 'en'] as const;
export type PackLanguage = (typeof PACK_LANGUAGES)[number];

const LABELS = {
  mn: {
    pack: 'Сургалтын хэвлэмэл материал',
    platform: 'Чадавхи — төрийн албан хаагчдын чадавхийг бэхжүүлэх платформ',
    version: 'Хувилбар {version}',
    published: 'Нийтэлсэн: {date}',
    printed: 'Хэвлэсэн: {date}',
    outline: '{modules} модуль, {lessons} хичээл',
    outlineOne: '{modules} модуль, {lessons} хичээл',
    quizOutline: 'Эцсийн шалгалт: {count} асуулт',
    contents: 'Агуулга',
    module: '{number}-р модуль. {title}',
    optional: 'нэмэлт',
    video: 'Видео',
    image: 'Зураг',
    answerSheet: 'Хариултын хуудас',
    name: 'Овог, нэр',
    agency: 'Байгууллага, албан тушаал',
    date: 'Огноо',
    score: 'Авсан оноо',
    quizFacts: '{count} асуулт · нийт {points} оноо · тэнцэх босго {percent}% ({passPoints} оноо) · {minutes} минут',
    sheetLead: 'Асуулт бүрийн хариултыг нүдэнд тэмдэглэх эсвэл зурааснаа бичнэ үү.',
    points: '{points} оноо',
    point: '{points} оноо',
    'hint.single': 'Нэг хариултыг тэмдэглэнэ үү.',
    'hint.multiple': 'Зөв бүх хариултыг тэмдэглэнэ үү.',
    'hint.true_false': 'Үнэн эсвэл худлыг тэмдэглэнэ үү.',
    'hint.numeric': 'Хариултаа тоогоор бичнэ үү.',
    'hint.text': 'Хариултаа бичнэ үү.',
    'hint.ordering': 'Үсгүүдийг зөв дарааллаар нь нүдэнд бичнэ үү.',
    true: 'Үнэн',
    false: 'Худал',
    answer: 'Хариулт',
    order: 'Дараалал',
    page: 'Хуудас {page} / {pages}',
    markingKey: 'Зөв хариултын түлхүүр',
    keyWarning: 'Зөвхөн сургагч багшид. Суралцагчдад бүү тараа.',
    keyNote: 'Энэ түлхүүр нь {version}-р хувилбарын хэвлэмэл хариултын хуудсанд яг тохирно (асуулт, үсэг нь ижил).',
    question: 'Асуулт',
    pointsColumn: 'Оноо',
    correct: 'Зөв хариулт',
    accepted: 'Зөвшөөрөгдөх хариултууд (том, жижиг үсэг, илүү зай хамаарахгүй)',
    tolerance: 'Зөвшөөрөх зөрүү: ±{tolerance}',
    partial: 'Хэсэгчилсэн оноо: зөв сонголт бүр оноо нэмж, буруу сонголт бүр хасна (сөрөг болохгүй).',
    allOrNothing: 'Бүх зөв сонголтыг тэмдэглэж, буруугүй бол л оноо өгнө.',
    orderingPoints: 'Бүх дараалал зөв бол оноо өгнө.',
    explanation: 'Тайлбар',
    passMark: 'Тэнцэх босго: {passPoints} / {points} оноо ({percent}%)',
    estimatedTime: 'Үргэлжлэх хугацаа: ойролцоогоор {minutes} минут',
    interactive:
      'Энэ хичээл интерактив (SCORM багц) тул зөвхөн онлайнаар хийнэ. Кодыг утсаараа уншуулах эсвэл доорх хаягаар орно уу.',
  },
  en: {
    pack: 'Printable course pack',
    platform: 'Chadavkhi — capacity building for civil servants',
    version: 'Version {version}',
    published: 'Published: {date}',
    printed: 'Printed: {date}',
    outline: '{modules} modules, {lessons} lessons',
    outlineOne: '{modules} module, {lessons} lesson',
    quizOutline: 'Final quiz: {count} questions',
    contents: 'Contents',
    module: 'Module {number}. {title}',
    optional: 'optional',
    video: 'Video',
    image: 'Image',
    answerSheet: 'Answer sheet',
    name: 'Name',
    agency: 'Agency and position',
    date: 'Date',
    score: 'Score',
    quizFacts:
      '{count} questions · {points} points in all · pass mark {percent}% ({passPoints} points) · {minutes} minutes',
    sheetLead: 'Tick a box or write on the line for each question.',
    points: '{points} points',
    point: '{points} point',
    'hint.single': 'Tick one answer.',
    'hint.multiple': 'Tick every right answer.',
    'hint.true_false': 'Tick true or false.',
    'hint.numeric': 'Write the answer as a number.',
    'hint.text': 'Write your answer.',
    'hint.ordering': 'Write the letters in the right order in the boxes.',
    true: 'True',
    false: 'False',
    answer: 'Answer',
    order: 'Order',
    page: 'Page {page} of {pages}',
    markingKey: 'Marking key',
    keyWarning: 'For the trainer only. Do not hand out to learners.',
    keyNote: 'This key matches the printed answer sheet of version {version} exactly (same questions, same letters).',
    question: 'Question',
    pointsColumn: 'Points',
    correct: 'Right answer',
    accepted: 'Accepted answers (capitals and extra spaces do not matter)',
    tolerance: 'Allowed difference: ±{tolerance}',
    partial: 'Partial credit: each right choice adds a share, each wrong choice takes one back (never below zero).',
    allOrNothing: 'Points only when every right choice and no wrong one is ticked.',
    orderingPoints: 'Points when the whole order is right.',
    explanation: 'Explanation',
    passMark: 'Pass mark: {passPoints} of {points} points ({percent}%)',
    estimatedTime: 'Estimated time: about {minutes} minutes',
    interactive:
      'This lesson is interactive (a SCORM package) and must be done online. Scan the code with a phone or open the address below.',
  },
} as const;

export type PackLabel = keyof (typeof LABELS)['mn'];

export function packLabel(lang: PackLanguage, key: PackLabel, values: Record<string, string | number> = {}): string {
  return LABELS[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** "1 point", "2 points" (Mongolian does not change the word). */
export function pointsText(lang: PackLanguage, points: number): string {
  return packLabel(lang, points === 1 ? 'point' : 'points', { points });
}

// Building an Intl formatter costs about as much as laying out a page of text; two are enough.
const DATE_FORMATS: Record<PackLanguage, Intl.DateTimeFormat> = {
  mn: new Intl.DateTimeFormat('mn-MN', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'Asia/Ulaanbaatar',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'Asia/Ulaanbaatar',
  }),
};

export function packDate(lang: PackLanguage, date: Date): string {
  return DATE_FORMATS[lang].format(date);
}
