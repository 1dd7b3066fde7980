import { suppressPartition } from './small-group-partition';

describe('suppressPartition', () => {
  it('publishes groups at or above the threshold and hides smaller ones', () => {
    const hidden = suppressPartition(
      [
        { key: 'a', size: 12 },
        { key: 'b', size: 3 },
        { key: 'c', size: 2 },
        { key: 'd', size: 0 },
      ],
      5,
    );
    expect([...hidden].sort()).toEqual(['b', 'c']);
  });

  it('hides the smallest published group too when the hidden ones alone would be a small group', () => {
    // Total 17 published: 17 - 9 - 6 would give the 2 people of c.
    const hidden = suppressPartition(
      [
        { key: 'a', size: 9 },
        { key: 'b', size: 6 },
        { key: 'c', size: 2 },
      ],
      5,
    );
    expect([...hidden].sort()).toEqual(['b', 'c']);
  });

  it('hides everything when no split can keep the rule', () => {
    expect([...suppressPartition([{ key: 'a', size: 4 }], 5)]).toEqual(['a']);
  });
});
