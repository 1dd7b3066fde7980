import { hiddenAgencies, hiddenShares } from './open-data.service';

const row = (agency_id: string, parent_id: string | null, headcount: number) => ({ agency_id, parent_id, headcount });

describe('the small-group rule of open data', () => {
  it('hides agencies under five people', () => {
    // gov 35 = a 26 + b 4 + 5 people directly in gov: gov − a = 9 people, a group large enough.
    expect([...hiddenAgencies([row('gov', null, 35), row('a', 'gov', 26), row('b', 'gov', 4)])]).toEqual(['b']);
  });

  it('hides a sub-agency when the parent minus it would single out the people of a small one', () => {
    // gov 30 = a 26 + b 4: publishing gov and a would show b's four people as gov − a.
    expect([...hiddenAgencies([row('gov', null, 30), row('a', 'gov', 26), row('b', 'gov', 4)])].sort()).toEqual([
      'a',
      'b',
    ]);
  });

  it('hides the smallest listed sub-agency when the parent minus its listed sub-agencies would single out 1–4 people', () => {
    // gov 20 = a 10 + b 7 + c 3 (hidden): gov − a − b = 3 people → b is hidden too (3 + 7 = 10).
    const hidden = hiddenAgencies([row('gov', null, 20), row('a', 'gov', 10), row('b', 'gov', 7), row('c', 'gov', 3)]);
    expect([...hidden].sort()).toEqual(['b', 'c']);
  });

  it('publishes everything when every remainder is empty or five and more', () => {
    expect(
      hiddenAgencies([row('gov', null, 20), row('a', 'gov', 10), row('b', 'gov', 5), row('c', 'a', 10)]).size,
    ).toBe(0);
  });
});

describe('data quality shares in open data', () => {
  const share = (agency_id: string, parent_id: string | null, headcount: number, has: number) => ({
    agency_id,
    parent_id,
    headcount,
    has,
  });

  it('publishes a share when those with the item and those without are each none or five and more', () => {
    const rows = [share('gov', null, 30, 20), share('a', 'gov', 15, 10), share('b', 'gov', 15, 10)];
    expect(hiddenShares(rows, new Set()).size).toBe(0);
    // Everyone has it: the group without it is nobody, which singles no one out.
    expect(
      hiddenShares([share('gov', null, 12, 12), share('a', 'gov', 6, 6), share('b', 'gov', 6, 6)], new Set()).size,
    ).toBe(0);
  });

  it('blanks a share that would show 1–4 people lacking the item, in the agency or by a difference', () => {
    // a: 6 people, one without → blank in a. gov − b (both published) would give a's counts again,
    // so the rule hides b's share as well.
    const hidden = hiddenShares(
      [share('gov', null, 16, 15), share('a', 'gov', 6, 5), share('b', 'gov', 10, 10)],
      new Set(),
    );
    expect(hidden.has('a')).toBe(true);
    expect(hidden.has('gov') || hidden.has('b')).toBe(true);
  });

  it('blanks a share that would show 1–4 people having the item', () => {
    const hidden = hiddenShares(
      [share('gov', null, 20, 10), share('a', 'gov', 10, 2), share('b', 'gov', 10, 8)],
      new Set(),
    );
    expect(hidden.has('a')).toBe(true);
  });
});
