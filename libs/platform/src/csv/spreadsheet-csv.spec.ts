import { parse } from 'csv-parse/sync';
import { readCsvCell, spreadsheetText, writeCsv } from './spreadsheet-csv';

describe('spreadsheet-safe CSV', () => {
  it('puts a quote before text a spreadsheet would run as a formula', () => {
    for (const formula of ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(1)', '\t=1', '\r=1', '-'])
      expect(spreadsheetText(formula)).toBe(`'${formula}`);
    for (const text of ['Батын Сараа', 'a=b', ' =1', "'quoted", '', '42', "O'Neil"])
      expect(spreadsheetText(text)).toBe(text);
  });

  it('writes numbers as numbers, negative ones too, and neutralises only text', () => {
    const csv = writeCsv([{ name: '=1+1', delta: -2, note: '-2', empty: null }], ['name', 'delta', 'note', 'empty']);
    expect(csv).toBe("\uFEFFname,delta,note,empty\n'=1+1,-2,'-2,\n");
  });

  it('reads back what it wrote, quotes included, as the text that was written', () => {
    const names = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(1)', 'a, "b"', "'already quoted"];
    const csv = writeCsv(
      names.map((name) => ({ name })),
      ['name'],
    );
    const read = (parse(csv, { bom: true, columns: true }) as { name: string }[]).map((r) => readCsvCell(r.name));
    expect(read).toEqual(names);
  });
});
