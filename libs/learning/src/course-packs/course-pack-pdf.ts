// The two printouts of a published version: the course pack (title page, contents, one lesson per
// page onwards, then the final quiz as an answer sheet with no answers) and the trainer's marking
// key (the answers, points and explanations of exactly that answer sheet).
import { answerKey, optionLetter, PaperQuestion, PaperQuiz } from './paper-quiz';
import {
  breathe,
  CONTENT_WIDTH,
  drawFooters,
  drawQrCode,
  INK,
  keepTogether,
  MUTED,
  newPackDocument,
  PAGE,
  RULE,
  use,
} from './pack-document';
import { packDate, packLabel, PackLanguage, pointsText } from './pack-labels';
import { printMarkdown } from './markdown-print';
import type { PaperSurveySheet } from './pack-survey';

export interface PackLesson {
  title: string;
  markdown: string;
  videoUrl: string | null;
  required: boolean;
  /** A SCORM package lesson: printed as what it is and where to do it online, not as its text. */
  online?: PackOnlineLesson | null;
}

export interface PackOnlineLesson {
  description: string | null;
  /** Its share of the course's estimated time. */
  minutes: number;
  /** Opens the lesson for whoever scans it (signing in and enrolling on the way if need be). */
  url: string;
}

export interface PackModule {
  title: string;
  lessons: PackLesson[];
}

export interface PackContent {
  courseTitle: string;
  courseTitleEn: string | null;
  summary: string;
  courseLanguage: 'mn' | 'en';
  version: number;
  publishedAt: Date;
  printedAt: Date;
  modules: PackModule[];
  quiz: PaperQuiz | null;
  /** The course survey sheet (evaluation), when there is one to print. */
  survey?: PaperSurveySheet | null;
}

interface ContentsEntry {
  level: 0 | 1;
  number: string;
  title: string;
  destination: string;
  page?: number;
}

const CONTENTS_TOP = PAGE.margin + 40;

const round = (n: number) => Math.round(n * 100) / 100;
const passPoints = (quiz: PaperQuiz) => round((quiz.totalPoints * quiz.quiz.passMarkPercent) / 100);

export async function renderCoursePack(content: PackContent, lang: PackLanguage): Promise<Buffer> {
  const label = (key: Parameters<typeof packLabel>[1], values?: Record<string, string | number>) =>
    packLabel(lang, key, values);
  const { doc, done } = newPackDocument({
    title: `${content.courseTitle} — ${label('version', { version: content.version })}`,
    subject: label('pack'),
    lang: content.courseLanguage === 'mn' ? 'mn-MN' : 'en-GB',
  });

  // ---- title page ----
  const lessonCount = content.modules.reduce((n, m) => n + m.lessons.length, 0);
  use(doc, 'sans', 10, MUTED).text(label('pack').toUpperCase(), PAGE.margin, PAGE.margin + 110, {
    width: CONTENT_WIDTH,
    characterSpacing: 1,
  });
  doc.moveDown(1.2);
  use(doc, 'sans-bold', 26).text(content.courseTitle, { width: CONTENT_WIDTH, lineGap: 4 });
  if (content.courseTitleEn && content.courseTitleEn !== content.courseTitle) {
    doc.moveDown(0.4);
    use(doc, 'sans', 14, MUTED).text(content.courseTitleEn, { width: CONTENT_WIDTH });
  }
  doc.moveDown(1.2);
  use(doc, 'serif', 11).text(content.summary, { width: CONTENT_WIDTH, lineGap: 3 });
  doc.moveDown(2);
  const facts = [
    label('version', { version: content.version }),
    label('published', { date: packDate(lang, content.publishedAt) }),
    label('printed', { date: packDate(lang, content.printedAt) }),
    label(lessonCount === 1 ? 'outlineOne' : 'outline', { modules: content.modules.length, lessons: lessonCount }),
    ...(content.quiz ? [label('quizOutline', { count: content.quiz.questions.length })] : []),
  ];
  for (const [i, fact] of facts.entries())
    use(doc, i === 0 ? 'sans-bold' : 'sans', i === 0 ? 13 : 11, i === 0 ? INK : MUTED).text(fact, {
      width: CONTENT_WIDTH,
      lineGap: 3,
    });
  use(doc, 'sans', 9, MUTED).text(label('platform'), PAGE.margin, PAGE.height - PAGE.margin - 20, {
    width: CONTENT_WIDTH,
  });
  doc.outline.addItem(content.courseTitle);

  // ---- contents: pages reserved now, written at the end when the page numbers are known ----
  const entries: ContentsEntry[] = [];
  content.modules.forEach((m, mi) => {
    // A module without lessons has nothing to print (its number is kept, as the web outline shows it).
    if (!m.lessons.length) return;
    entries.push({
      level: 0,
      number: '',
      title: label('module', { number: mi + 1, title: m.title }),
      destination: `module-${mi + 1}`,
    });
    m.lessons.forEach((l, li) =>
      entries.push({
        level: 1,
        number: `${mi + 1}.${li + 1}`,
        title: l.required ? l.title : `${l.title} (${label('optional')})`,
        destination: `lesson-${mi + 1}-${li + 1}`,
      }),
    );
  });
  if (content.quiz)
    entries.push({
      level: 0,
      number: '',
      title: `${label('answerSheet')}: ${content.quiz.quiz.title}`,
      destination: 'answer-sheet',
    });
  if (content.survey) entries.push({ level: 0, number: '', title: content.survey.title, destination: 'survey-sheet' });
  const contentsPages = layoutContents(doc, entries, false);
  doc.addPage();
  const contentsStart = doc.bufferedPageRange().count - 1;
  doc.outline.addItem(label('contents'));
  for (let i = 1; i < contentsPages; i++) doc.addPage();

  // ---- lessons, each from the top of a page ----
  const pageNow = () => doc.bufferedPageRange().start + doc.bufferedPageRange().count;
  const startsAt = (destination: string) => {
    entries.find((e) => e.destination === destination)!.page = pageNow();
    doc.addNamedDestination(destination);
  };
  for (const [mi, m] of content.modules.entries()) {
    if (!m.lessons.length) continue;
    const moduleItem = doc.outline.addItem(label('module', { number: mi + 1, title: m.title }));
    for (const [li, lesson] of m.lessons.entries()) {
      doc.addPage();
      if (li === 0) {
        startsAt(`module-${mi + 1}`);
        use(doc, 'sans-bold', 11, MUTED).text(
          label('module', { number: mi + 1, title: m.title }),
          PAGE.margin,
          PAGE.margin,
          { width: CONTENT_WIDTH },
        );
        doc
          .moveTo(PAGE.margin, doc.y + 3)
          .lineTo(PAGE.margin + CONTENT_WIDTH, doc.y + 3)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
        doc.moveDown(1);
      }
      startsAt(`lesson-${mi + 1}-${li + 1}`);
      moduleItem.addItem(`${mi + 1}.${li + 1} ${lesson.title}`);
      use(doc, 'sans-bold', 18).text(`${mi + 1}.${li + 1}  ${lesson.title}`, PAGE.margin, doc.y, {
        width: CONTENT_WIDTH,
        lineGap: 2,
      });
      if (!lesson.required) use(doc, 'sans', 9.5, MUTED).text(label('optional'), { width: CONTENT_WIDTH });
      if (lesson.videoUrl)
        use(doc, 'sans', 9.5, MUTED).text(`${label('video')}: ${lesson.videoUrl}`, { width: CONTENT_WIDTH });
      doc.moveDown(0.8);
      if (lesson.online) drawOnlineLesson(doc, lesson.online, lang);
      else printMarkdown(doc, lesson.markdown, { imageLabel: label('image') });
      await breathe();
    }
  }

  // ---- the final quiz as an answer sheet ----
  if (content.quiz) {
    doc.addPage();
    startsAt('answer-sheet');
    doc.outline.addItem(label('answerSheet'));
    drawAnswerSheet(doc, content, content.quiz, lang);
  }

  // ---- the course survey, answered on paper and typed in later ----
  if (content.survey) {
    doc.addPage();
    startsAt('survey-sheet');
    doc.outline.addItem(content.survey.title);
    drawSurveySheet(doc, content, content.survey, lang);
  }

  // ---- back to the reserved pages for the contents ----
  await breathe();
  doc.switchToPage(contentsStart);
  use(doc, 'sans-bold', 18).text(label('contents'), PAGE.margin, PAGE.margin, { width: CONTENT_WIDTH });
  layoutContents(doc, entries, true, contentsStart);
  drawFooters(doc, `${content.courseTitle} · ${label('version', { version: content.version })}`, (page, pages) =>
    label('page', { page, pages }),
  );
  await breathe();
  // Compresses and writes every buffered page and subsets the fonts: the one long stretch left.
  doc.end();
  return done;
}

/** Lays the contents out (drawing them when `draw`); returns the pages it takes. */
function layoutContents(doc: PDFKit.PDFDocument, entries: ContentsEntry[], draw: boolean, firstPage = 0): number {
  const numberWidth = 36;
  const pageWidth = 30;
  let y = CONTENTS_TOP;
  let pages = 1;
  const bottom = PAGE.height - PAGE.margin;
  for (const e of entries) {
    const x = PAGE.margin + (e.level ? 16 : 0);
    const textX = x + (e.level ? numberWidth : 0);
    const width = PAGE.margin + CONTENT_WIDTH - pageWidth - 10 - textX;
    use(doc, e.level ? 'serif' : 'sans-bold', e.level ? 10.5 : 11);
    const h = doc.heightOfString(e.title, { width, lineGap: 2 });
    const gap = e.level ? 4 : 9;
    if (y + gap + h > bottom) {
      pages++;
      y = PAGE.margin;
      if (draw) doc.switchToPage(firstPage + pages - 1);
    }
    y += gap;
    if (draw) {
      if (e.level) doc.text(e.number, x, y, { width: numberWidth, lineBreak: false });
      doc.text(e.title, textX, y, { width, lineGap: 2, goTo: e.destination });
      const lastLineY = y + h - doc.currentLineHeight(true) - 2;
      doc.text(String(e.page ?? ''), PAGE.margin + CONTENT_WIDTH - pageWidth, lastLineY, {
        width: pageWidth,
        align: 'right',
        lineBreak: false,
      });
    }
    y += h;
  }
  return pages;
}

// ---- a lesson done online ----

const QR_SIZE = 120;

function drawOnlineLesson(doc: PDFKit.PDFDocument, online: PackOnlineLesson, lang: PackLanguage): void {
  if (online.description) {
    use(doc, 'serif', 11).text(online.description, PAGE.margin, doc.y, { width: CONTENT_WIDTH, lineGap: 3 });
    doc.moveDown(0.8);
  }
  use(doc, 'sans', 10.5, MUTED).text(
    packLabel(lang, 'estimatedTime', { minutes: online.minutes }),
    PAGE.margin,
    doc.y,
    {
      width: CONTENT_WIDTH,
    },
  );
  doc.moveDown(1.2);
  const textWidth = CONTENT_WIDTH - QR_SIZE - 20;
  use(doc, 'sans-bold', 11);
  const noteHeight = doc.heightOfString(packLabel(lang, 'interactive'), { width: textWidth, lineGap: 2 });
  keepTogether(doc, Math.max(QR_SIZE, noteHeight + 40) + 10);
  const top = doc.y;
  drawQrCode(doc, online.url, PAGE.margin, top, QR_SIZE);
  const textX = PAGE.margin + QR_SIZE + 20;
  use(doc, 'sans-bold', 11).text(packLabel(lang, 'interactive'), textX, top, { width: textWidth, lineGap: 2 });
  doc.moveDown(0.6);
  use(doc, 'mono', 9).text(online.url, textX, doc.y, { width: textWidth, link: online.url });
  doc.x = PAGE.margin;
  doc.y = Math.max(doc.y, top + QR_SIZE) + 10;
}

// ---- answer sheet ----

const BOX = 9;

function box(doc: PDFKit.PDFDocument, x: number, y: number, size = BOX): void {
  doc.rect(x, y, size, size).lineWidth(0.8).strokeColor(INK).stroke();
}

function writingLine(doc: PDFKit.PDFDocument, x: number, y: number, width: number): void {
  doc
    .moveTo(x, y)
    .lineTo(x + width, y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
}

function drawAnswerSheet(doc: PDFKit.PDFDocument, content: PackContent, paper: PaperQuiz, lang: PackLanguage): void {
  const label = (key: Parameters<typeof packLabel>[1], values?: Record<string, string | number>) =>
    packLabel(lang, key, values);
  use(doc, 'sans', 10, MUTED).text(label('answerSheet').toUpperCase(), PAGE.margin, PAGE.margin, {
    width: CONTENT_WIDTH,
    characterSpacing: 1,
  });
  use(doc, 'sans-bold', 18).text(paper.quiz.title, { width: CONTENT_WIDTH });
  use(doc, 'sans', 10, MUTED).text(`${content.courseTitle} · ${label('version', { version: content.version })}`, {
    width: CONTENT_WIDTH,
  });
  doc.moveDown(0.6);
  use(doc, 'sans', 10).text(
    label('quizFacts', {
      count: paper.questions.length,
      points: round(paper.totalPoints),
      percent: paper.quiz.passMarkPercent,
      passPoints: passPoints(paper),
      minutes: paper.quiz.timeLimitMinutes,
    }),
    { width: CONTENT_WIDTH },
  );
  doc.moveDown(1);
  // Who answered, and the score the trainer writes in.
  for (const field of [label('name'), label('agency')]) {
    const y = doc.y;
    use(doc, 'sans', 10).text(`${field}:`, PAGE.margin, y, { width: 170, lineBreak: false });
    writingLine(doc, PAGE.margin + 170, y + 11, CONTENT_WIDTH - 170);
    doc.y = y + 22;
  }
  const y = doc.y;
  use(doc, 'sans', 10).text(`${label('date')}:`, PAGE.margin, y, { width: 170, lineBreak: false });
  writingLine(doc, PAGE.margin + 170, y + 11, 110);
  doc.text(`${label('score')}:`, PAGE.margin + 300, y, { width: 80, lineBreak: false });
  writingLine(doc, PAGE.margin + 380, y + 11, 40);
  doc.text(`/ ${round(paper.totalPoints)}`, PAGE.margin + 424, y, { width: CONTENT_WIDTH - 424, lineBreak: false });
  doc.y = y + 26;
  use(doc, 'serif-italic', 10, MUTED).text(label('sheetLead'), PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(1);
  for (const q of paper.questions) drawQuestion(doc, q, lang, content.courseLanguage);
}

/** The survey sheet: a box for the sheet's number, then each question with boxes to tick or lines to write on. */
function drawSurveySheet(doc: PDFKit.PDFDocument, content: PackContent, sheet: PaperSurveySheet, lang: PackLanguage) {
  use(doc, 'sans', 10, MUTED).text(sheet.title.toUpperCase(), PAGE.margin, PAGE.margin, {
    width: CONTENT_WIDTH,
    characterSpacing: 1,
  });
  use(doc, 'sans-bold', 16).text(content.courseTitle, { width: CONTENT_WIDTH });
  use(doc, 'sans', 10, MUTED).text(packLabel(lang, 'version', { version: content.version }), { width: CONTENT_WIDTH });
  doc.moveDown(0.5);
  use(doc, 'serif-italic', 10, MUTED).text(sheet.lead, { width: CONTENT_WIDTH, lineGap: 2 });
  doc.moveDown(0.6);
  const y = doc.y;
  use(doc, 'sans', 10).text(`${sheet.numberLabel}:`, PAGE.margin, y, { width: 200, lineBreak: false });
  writingLine(doc, PAGE.margin + 200, y + 11, 60);
  doc.y = y + 26;
  for (const [i, q] of sheet.questions.entries()) {
    const x = PAGE.margin + 24;
    const width = CONTENT_WIDTH - 24;
    const title = q.optional ? `${q.text} (${sheet.optionalLabel})` : q.text;
    use(doc, 'serif-bold', 11);
    const needed =
      doc.heightOfString(title, { width, lineGap: 2 }) +
      (q.kind === 'text' ? 70 : q.kind === 'rating' ? 44 : 18 * q.options.length);
    keepTogether(doc, needed);
    let top = doc.y;
    use(doc, 'sans-bold', 11).text(`${i + 1}.`, PAGE.margin, top, { width: 22, lineBreak: false });
    use(doc, 'serif-bold', 11).text(title, x, top, { width, lineGap: 2 });
    top = doc.y + 4;
    if (q.kind === 'text') {
      for (let line = 0; line < 3; line++) writingLine(doc, x, top + 18 * (line + 1), width);
      doc.y = top + 64;
    } else if (q.kind === 'rating') {
      // The scale across the line: a box over each point, the words of its ends beneath.
      const step = width / q.options.length;
      q.options.forEach((label, n) => {
        box(doc, x + n * step, top + 2);
        use(doc, 'sans', 8.5, MUTED).text(label, x + n * step + 14, top, { width: step - 16, lineGap: 1 });
      });
      doc.y = top + 36;
    } else {
      for (const option of q.options) {
        box(doc, x, top + 2);
        use(doc, 'serif', 10.5).text(option, x + 16, top, { width: width - 16 });
        top = doc.y + 4;
      }
      doc.y = top;
    }
    doc.moveDown(0.6);
  }
}

/** One question with its answer area; measured first so it is not split over two pages. */
/** Option letters follow the course's language (its options are in it), so any sheet matches any key. */
function drawQuestion(
  doc: PDFKit.PDFDocument,
  p: PaperQuestion,
  lang: PackLanguage,
  letters: 'mn' | 'en',
  draw = true,
): number {
  const label = (key: Parameters<typeof packLabel>[1], values?: Record<string, string | number>) =>
    packLabel(lang, key, values);
  const q = p.question;
  const x = PAGE.margin + 24;
  const width = CONTENT_WIDTH - 24;
  const optionX = x + 30;
  const optionWidth = PAGE.margin + CONTENT_WIDTH - optionX;
  if (draw) keepTogether(doc, drawQuestion(doc, p, lang, letters, false));
  let y = doc.y;
  const start = y;
  const text = (font: Parameters<typeof use>[1], size: number, value: string, at: number, w: number, color = INK) => {
    use(doc, font, size, color);
    const h = doc.heightOfString(value, { width: w, lineGap: 2 });
    if (draw) doc.text(value, at, y, { width: w, lineGap: 2 });
    return h;
  };
  use(doc, 'sans-bold', 11);
  if (draw) doc.text(`${p.number}.`, PAGE.margin, y, { width: 22, lineBreak: false });
  y += text('serif-bold', 11, q.prompt, x, width);
  y += text('sans', 9, `${label(`hint.${q.type}`)} · ${pointsText(lang, q.points)}`, x, width, MUTED) + 5;
  switch (q.type) {
    case 'single':
    case 'multiple':
    case 'ordering':
      for (const [position, optionIndex] of p.order.entries()) {
        if (draw && q.type !== 'ordering') box(doc, x, y + 2);
        use(doc, 'sans-bold', 10.5);
        if (draw)
          doc.text(`${optionLetter(letters, position)}.`, x + (q.type === 'ordering' ? 0 : 15), y, {
            width: 18,
            lineBreak: false,
          });
        y += text('serif', 10.5, q.options![optionIndex], optionX, optionWidth) + 3;
      }
      if (q.type === 'ordering') {
        y += 4;
        use(doc, 'sans', 10);
        if (draw) doc.text(`${label('order')}:`, x, y + 4, { width: 70, lineBreak: false });
        const size = 20;
        const perRow = Math.max(1, Math.floor((width - 80) / (size + 14)));
        q.options!.forEach((_, i) => {
          const bx = x + 80 + (i % perRow) * (size + 14);
          const by = y + Math.floor(i / perRow) * (size + 8);
          if (draw) {
            box(doc, bx, by, size);
            use(doc, 'sans', 6.5, MUTED).text(String(i + 1), bx + 1.5, by + 1.5, { width: 10, lineBreak: false });
          }
        });
        y += Math.ceil(q.options!.length / perRow) * (size + 8);
      }
      break;
    case 'true_false':
      for (const [i, word] of [label('true'), label('false')].entries()) {
        if (draw) {
          box(doc, x + i * 120, y + 2);
          use(doc, 'serif', 10.5).text(word, x + i * 120 + 15, y, { width: 100, lineBreak: false });
        }
      }
      y += 16;
      break;
    case 'numeric':
      if (draw) {
        use(doc, 'sans', 10).text(`${label('answer')}:`, x, y + 4, { width: 70, lineBreak: false });
        doc
          .rect(x + 75, y, 140, 20)
          .lineWidth(0.8)
          .strokeColor(INK)
          .stroke();
      }
      y += 24;
      break;
    case 'text':
      y += 6;
      for (let line = 0; line < 2; line++) {
        if (draw) writingLine(doc, x, y + 14, width);
        y += 20;
      }
      break;
  }
  y += 12;
  if (draw) {
    doc.x = PAGE.margin;
    doc.y = y;
  }
  return y - start;
}

// ---- marking key ----

export async function renderMarkingKey(content: PackContent, paper: PaperQuiz, lang: PackLanguage): Promise<Buffer> {
  const label = (key: Parameters<typeof packLabel>[1], values?: Record<string, string | number>) =>
    packLabel(lang, key, values);
  const words = { true: label('true'), false: label('false') };
  const { doc, done } = newPackDocument({
    title: `${label('markingKey')} — ${content.courseTitle}, ${label('version', { version: content.version })}`,
    subject: label('markingKey'),
    lang: content.courseLanguage === 'mn' ? 'mn-MN' : 'en-GB',
  });
  use(doc, 'sans', 10, MUTED).text(label('markingKey').toUpperCase(), PAGE.margin, PAGE.margin, {
    width: CONTENT_WIDTH,
    characterSpacing: 1,
  });
  use(doc, 'sans-bold', 18).text(content.courseTitle, { width: CONTENT_WIDTH });
  use(doc, 'sans', 10.5, MUTED).text(
    `${paper.quiz.title} · ${label('version', { version: content.version })} · ${label('published', { date: packDate(lang, content.publishedAt) })} · ${label('printed', { date: packDate(lang, content.printedAt) })}`,
    { width: CONTENT_WIDTH },
  );
  doc.moveDown(0.6);
  use(doc, 'sans-bold', 11, '#8a1c1c').text(label('keyWarning'), { width: CONTENT_WIDTH });
  use(doc, 'serif', 10, MUTED).text(label('keyNote', { version: content.version }), { width: CONTENT_WIDTH });
  doc.moveDown(0.4);
  use(doc, 'sans', 10.5).text(
    label('passMark', {
      passPoints: passPoints(paper),
      points: round(paper.totalPoints),
      percent: paper.quiz.passMarkPercent,
    }),
    { width: CONTENT_WIDTH },
  );
  doc.moveDown(0.8);

  // At a glance, for marking a pile of sheets quickly.
  doc.table({
    position: { x: PAGE.margin, y: doc.y },
    maxWidth: CONTENT_WIDTH,
    columnStyles: [60, '*', 60],
    defaultStyle: { border: 0.5, borderColor: RULE, padding: 4 },
    data: [
      [label('question'), label('correct'), label('pointsColumn')].map((text) => ({
        text,
        font: { src: 'sans-bold', size: 9.5 },
        backgroundColor: '#eeeeee',
        type: 'TH' as const,
      })),
      ...paper.questions.map((p) => {
        const key = answerKey(content.courseLanguage, p, words);
        return [
          String(p.number),
          key.letters ? key.letters.join(p.question.type === 'ordering' ? ' → ' : ', ') : key.texts.join(' / '),
          String(p.question.points),
        ].map((text) => ({ text, font: { src: 'serif', size: 9.5 } }));
      }),
    ],
  });
  doc.x = PAGE.margin;
  doc.moveDown(1.2);

  for (const p of paper.questions) {
    const q = p.question;
    const key = answerKey(content.courseLanguage, p, words);
    const answer = key.letters ? key.letters.map((l, i) => `${l}. ${key.texts[i]}`) : key.texts;
    const notes = [
      q.type === 'numeric' && q.tolerance ? label('tolerance', { tolerance: q.tolerance }) : '',
      q.type === 'multiple' ? label(q.scoring === 'partial' ? 'partial' : 'allOrNothing') : '',
      q.type === 'ordering' ? label('orderingPoints') : '',
    ].filter(Boolean);
    use(doc, 'serif', 10);
    const estimate =
      doc.heightOfString([q.prompt, ...answer, ...notes, q.explanation ?? ''].join('\n'), {
        width: CONTENT_WIDTH - 24,
      }) + 40;
    keepTogether(doc, estimate);
    const y = doc.y;
    use(doc, 'sans-bold', 11).text(`${p.number}.`, PAGE.margin, y, { width: 22, lineBreak: false });
    use(doc, 'serif-bold', 10.5).text(q.prompt, PAGE.margin + 24, y, { width: CONTENT_WIDTH - 24, lineGap: 2 });
    use(doc, 'sans', 9, MUTED).text(pointsText(lang, q.points), { width: CONTENT_WIDTH - 24 });
    doc.moveDown(0.3);
    use(doc, 'sans-bold', 10).text(`${q.type === 'text' ? label('accepted') : label('correct')}:`, {
      width: CONTENT_WIDTH - 24,
    });
    for (const line of answer)
      use(doc, 'serif', 10.5).text(line, PAGE.margin + 34, doc.y, { width: CONTENT_WIDTH - 34, lineGap: 2 });
    for (const note of notes)
      use(doc, 'serif-italic', 9.5, MUTED).text(note, PAGE.margin + 24, doc.y, { width: CONTENT_WIDTH - 24 });
    if (q.explanation) {
      doc.moveDown(0.3);
      use(doc, 'sans-bold', 10).text(`${label('explanation')}:`, PAGE.margin + 24, doc.y, {
        width: CONTENT_WIDTH - 24,
      });
      use(doc, 'serif', 10).text(q.explanation, PAGE.margin + 34, doc.y, { width: CONTENT_WIDTH - 34, lineGap: 2 });
    }
    doc.x = PAGE.margin;
    doc.moveDown(1);
  }
  drawFooters(
    doc,
    `${label('markingKey')} · ${content.courseTitle} · ${label('version', { version: content.version })}`,
    (page, pages) => label('page', { page, pages }),
    0,
  );
  doc.end();
  return done;
}
