// A lesson's Markdown drawn for print: headings, paragraphs with bold, italic, code and links
// (the address printed after the words, since paper cannot be clicked), lists, quotes, code,
// rules and tables. Parsed by markdown-it with the options the web renderer uses (raw HTML off),
// so paper and screen read the same text.
import MarkdownIt from 'markdown-it';
import { CONTENT_WIDTH, FontName, INK, keepTogether, PAGE, RULE, spaceLeft, use } from './pack-document';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
type Token = ReturnType<typeof markdown.parse>[number];

interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  link?: string;
}

export interface PrintOptions {
  /** Word for an image (images are not fetched for print; their description is printed). */
  imageLabel: string;
}

const BODY = 10.5;
const LINE_GAP = 2.5;
const HEADING_SIZES = [15, 13.5, 12, 11, 11, 11];

function fontOf(run: Run, base: 'serif' | 'sans'): FontName {
  if (run.code) return 'mono';
  if (base === 'sans') return run.bold ? 'sans-bold' : 'sans';
  if (run.bold && run.italic) return 'serif-bold-italic';
  if (run.bold) return 'serif-bold';
  if (run.italic) return 'serif-italic';
  return 'serif';
}

function inlineRuns(inline: Token | undefined, options: PrintOptions): Run[] {
  const runs: Run[] = [];
  const state = { bold: 0, italic: 0, strike: 0 };
  let link: { href: string; text: string } | undefined;
  for (const t of inline?.children ?? []) {
    const style = { bold: state.bold > 0, italic: state.italic > 0, strike: state.strike > 0, link: link?.href };
    switch (t.type) {
      case 'text':
        runs.push({ text: t.content, ...style });
        if (link) link.text += t.content;
        break;
      case 'code_inline':
        runs.push({ text: t.content, ...style, code: true });
        if (link) link.text += t.content;
        break;
      case 'softbreak':
        runs.push({ text: ' ', ...style });
        break;
      case 'hardbreak':
        runs.push({ text: '\n', ...style });
        break;
      case 'strong_open':
        state.bold++;
        break;
      case 'strong_close':
        state.bold--;
        break;
      case 'em_open':
        state.italic++;
        break;
      case 'em_close':
        state.italic--;
        break;
      case 's_open':
        state.strike++;
        break;
      case 's_close':
        state.strike--;
        break;
      case 'link_open': {
        const href = String(t.attrGet('href') ?? '');
        link = /^(https?:|mailto:)/i.test(href) ? { href, text: '' } : undefined;
        break;
      }
      case 'link_close':
        if (link) {
          const shown = link.href.replace(/^mailto:/i, '');
          if (link.text.trim() !== shown && link.text.trim() !== link.href)
            runs.push({ text: ` (${shown})`, bold: style.bold, italic: style.italic });
        }
        link = undefined;
        break;
      case 'image':
        runs.push({ text: `[${options.imageLabel}: ${t.content || t.attrGet('alt') || ''}]`, italic: true });
        break;
    }
  }
  return runs;
}

const plain = (runs: Run[]) => runs.map((r) => r.text).join('');

/** Draws runs as one flowing paragraph starting at (x, doc.y). */
function drawRuns(
  doc: PDFKit.PDFDocument,
  runs: Run[],
  x: number,
  width: number,
  size: number,
  base: 'serif' | 'sans',
  color = INK,
): void {
  const list = runs.filter((r) => r.text.length);
  if (!list.length) return;
  list.forEach((run, i) => {
    use(doc, fontOf(run, base), run.code ? size - 1 : size, color);
    const options: PDFKit.Mixins.TextOptions = {
      width,
      lineGap: LINE_GAP,
      continued: i < list.length - 1,
      underline: !!run.link,
      strike: !!run.strike,
      link: run.link ?? undefined,
      align: 'left',
    };
    if (i === 0) doc.text(run.text, x, doc.y, options);
    else doc.text(run.text, options);
  });
}

/** How tall runs will be when drawn (in their heaviest font, so the estimate is never short). */
function runsHeight(doc: PDFKit.PDFDocument, runs: Run[], width: number, size: number, base: 'serif' | 'sans'): number {
  use(doc, base === 'sans' ? 'sans-bold' : 'serif-bold', size);
  return doc.heightOfString(plain(runs) || ' ', { width, lineGap: LINE_GAP });
}

interface TableCell {
  text: string;
  header: boolean;
  align: 'left' | 'center' | 'right';
}

function drawTable(doc: PDFKit.PDFDocument, rows: TableCell[][], x: number, width: number): void {
  if (!rows.length) return;
  keepTogether(doc, 60);
  doc.table({
    position: { x, y: doc.y },
    maxWidth: width,
    defaultStyle: { border: 0.5, borderColor: RULE, padding: 4 },
    data: rows.map((row) =>
      row.map((cell) => ({
        text: cell.text,
        font: { src: cell.header ? 'sans-bold' : 'serif', size: 9.5 },
        align: { x: cell.align, y: 'top' as const },
        backgroundColor: cell.header ? '#eeeeee' : undefined,
        type: cell.header ? ('TH' as const) : ('TD' as const),
      })),
    ),
  });
  doc.x = PAGE.margin;
  doc.moveDown(0.6);
}

/** Draws a lesson's Markdown from doc.y down, over as many pages as it needs. */
export function printMarkdown(doc: PDFKit.PDFDocument, source: string, options: PrintOptions): void {
  const tokens = markdown.parse(source, {});
  const lists: { ordered: boolean; next: number; marker?: string }[] = [];
  let quote = 0;
  const indent = () => PAGE.margin + lists.length * 18 + quote * 16;
  const lineHeight = doc.currentLineHeight(true) + LINE_GAP;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open': {
        const level = Number(t.tag.slice(1));
        const runs = inlineRuns(tokens[i + 1], options);
        const size = HEADING_SIZES[level - 1] ?? BODY;
        const x = indent();
        const width = PAGE.margin + CONTENT_WIDTH - x;
        doc.moveDown(0.5);
        // A heading never ends a page: it stays with at least three lines of what follows.
        keepTogether(doc, runsHeight(doc, runs, width, size, 'sans') + 3 * lineHeight);
        drawRuns(
          doc,
          runs.map((r) => ({ ...r, bold: true })),
          x,
          width,
          size,
          'sans',
        );
        doc.moveDown(0.35);
        i += 2;
        break;
      }
      case 'paragraph_open': {
        const runs = inlineRuns(tokens[i + 1], options);
        const list = lists.at(-1);
        const x = indent();
        const width = PAGE.margin + CONTENT_WIDTH - x;
        if (spaceLeft(doc) < 2 * lineHeight) doc.addPage();
        if (list?.marker) {
          const y = doc.y;
          use(doc, 'serif', BODY).text(list.marker, x - 18, y, { width: 15, align: 'right', lineBreak: false });
          doc.y = y;
          list.marker = undefined;
        }
        const y0 = doc.y;
        const page0 = doc.bufferedPageRange().count;
        drawRuns(doc, runs, x, width, BODY, 'serif', quote ? '#333333' : INK);
        if (quote && doc.bufferedPageRange().count === page0) {
          doc
            .moveTo(x - 10, y0)
            .lineTo(x - 10, doc.y - LINE_GAP)
            .lineWidth(2)
            .strokeColor('#bbbbbb')
            .stroke();
        }
        doc.x = PAGE.margin;
        doc.moveDown(t.hidden ? 0.2 : 0.6);
        i += 2;
        break;
      }
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 1 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, next: Number(t.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (!lists.length) doc.moveDown(0.4);
        break;
      case 'list_item_open': {
        const list = lists.at(-1)!;
        list.marker = list.ordered ? `${list.next++}.` : lists.length % 2 ? '•' : '–';
        break;
      }
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'fence':
      case 'code_block': {
        const x = indent() + 8;
        const width = PAGE.margin + CONTENT_WIDTH - x;
        const text = t.content.replace(/\n$/, '');
        use(doc, 'mono', 9, '#222222');
        keepTogether(doc, Math.min(doc.heightOfString(text, { width }), 6 * lineHeight));
        doc.text(text, x, doc.y, { width, lineGap: 1.5 });
        doc.x = PAGE.margin;
        doc.moveDown(0.6);
        break;
      }
      case 'hr': {
        keepTogether(doc, 2 * lineHeight);
        const y = doc.y + 4;
        doc
          .moveTo(indent(), y)
          .lineTo(PAGE.margin + CONTENT_WIDTH, y)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
        doc.y = y + 10;
        break;
      }
      case 'table_open': {
        const rows: TableCell[][] = [];
        let header = false;
        for (i++; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
          const c = tokens[i];
          if (c.type === 'thead_open') header = true;
          else if (c.type === 'thead_close') header = false;
          else if (c.type === 'tr_open') rows.push([]);
          else if (c.type === 'th_open' || c.type === 'td_open') {
            const align = /text-align:(left|center|right)/.exec(String(c.attrGet('style') ?? ''))?.[1] as
              TableCell['align'] | undefined;
            rows.at(-1)!.push({
              text: plain(inlineRuns(tokens[i + 1], options)),
              header: header || c.type === 'th_open',
              align: align ?? 'left',
            });
          }
        }
        drawTable(doc, rows, indent(), PAGE.margin + CONTENT_WIDTH - indent());
        break;
      }
    }
  }
  use(doc, 'serif', BODY, INK);
  doc.x = PAGE.margin;
}
