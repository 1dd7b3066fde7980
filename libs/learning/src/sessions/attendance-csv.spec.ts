import { writeCsv } from '@chadavkhi/platform';
import { parseAttendanceCsv } from './attendance-csv';

describe('parseAttendanceCsv', () => {
  it('reads rows by email or staff number, with yes/no/1/0 and an optional score', () => {
    const { rows, problems } = parseAttendanceCsv(
      '\uFEFFEmail,Staff number,Attended,Score\r\na@x.mn,,yes,85\r\n,TN-7,0,\r\nB@X.mn,,1,"72,5"\r\n',
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, email: 'a@x.mn', staffNumber: null, attended: true, score: 85 },
      { line: 3, email: null, staffNumber: 'TN-7', attended: false, score: null },
      { line: 4, email: 'b@x.mn', staffNumber: null, attended: true, score: 72.5 },
    ]);
  });

  it('reports each bad line with its number and keeps the good ones', () => {
    const { rows, problems } = parseAttendanceCsv(
      [
        'email,attended,score',
        'a@x.mn,yes,90',
        'b@x.mn,maybe,',
        'c@x.mn,yes,101',
        ',yes,',
        'd@x.mn,yes,50,extra',
        '',
        'e@x.mn,no,',
      ].join('\n'),
    );
    expect(rows.map((r) => [r.line, r.email])).toEqual([
      [2, 'a@x.mn'],
      [8, 'e@x.mn'],
    ]);
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [3, 'bad_attended'],
      [4, 'bad_score'],
      [5, 'no_identifier'],
      [6, 'malformed'],
    ]);
  });

  it('reports a broken quote as a malformed line and still reads the rest', () => {
    const { rows, problems } = parseAttendanceCsv('email,attended\na@x.mn,yes\n"b@x.mn,yes\n');
    expect(rows.map((r) => r.email)).toEqual(['a@x.mn']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toEqual(expect.objectContaining({ reason: 'malformed', line: expect.any(Number) }));
  });

  it('refuses a header without the needed columns, and reads semicolon files', () => {
    expect(parseAttendanceCsv('name,present\nBat,yes\n').problems).toEqual([
      expect.objectContaining({ line: 1, reason: 'malformed' }),
    ]);
    expect(parseAttendanceCsv('').problems).toEqual([expect.objectContaining({ line: 1, reason: 'malformed' })]);
    expect(parseAttendanceCsv('email;attended;score\na@x.mn;yes;80,5\n').rows).toEqual([
      { line: 2, email: 'a@x.mn', staffNumber: null, attended: true, score: 80.5 },
    ]);
  });
});

describe('parseAttendanceCsv on a sheet made from the staff export', () => {
  it('reads a staff number the export quoted against formulas as the number itself', () => {
    const sheet = writeCsv(
      [
        { staff_number: '-042', attended: 'yes' },
        { staff_number: '+7', attended: 'no' },
      ],
      ['staff_number', 'attended'],
    );
    expect(sheet).toContain("'-042");
    expect(parseAttendanceCsv(sheet).rows.map((r) => [r.staffNumber, r.attended])).toEqual([
      ['-042', true],
      ['+7', false],
    ]);
  });
});
