import { hiddenAgencies } from './open-data.service';

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
