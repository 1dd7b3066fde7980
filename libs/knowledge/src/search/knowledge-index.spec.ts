import { indexSettings, settingsHold } from './knowledge-index';

describe('settingsHold', () => {
  const wanted = indexSettings();
  // As Meilisearch reports settings: every field filled in, attribute lists in its own order.
  const reported = () => ({
    ...JSON.parse(JSON.stringify(wanted)),
    filterableAttributes: [...(wanted.filterableAttributes as string[])].reverse(),
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    typoTolerance: { ...wanted.typoTolerance, disableOnWords: [] },
  });

  it('holds when only the order of a set-like list and the unset defaults differ', () => {
    expect(settingsHold(wanted, reported())).toBe(true);
  });

  it('does not hold when the ranking order of searchable attributes differs', () => {
    expect(
      settingsHold(wanted, {
        ...reported(),
        searchableAttributes: [...(wanted.searchableAttributes as string[])].reverse(),
      }),
    ).toBe(false);
  });

  it('does not hold when a wanted value, nested or not, differs or is missing', () => {
    expect(settingsHold(wanted, { ...reported(), searchCutoffMs: 1500 })).toBe(false);
    expect(
      settingsHold(wanted, { ...reported(), typoTolerance: { ...reported().typoTolerance, disableOnNumbers: false } }),
    ).toBe(false);
    expect(Object.keys(wanted.synonyms ?? {}).length).toBeGreaterThan(0);
    expect(settingsHold(wanted, { ...reported(), synonyms: {} })).toBe(false);
    const { faceting: _dropped, ...withoutFaceting } = reported();
    expect(settingsHold(wanted, withoutFaceting)).toBe(false);
  });
});
