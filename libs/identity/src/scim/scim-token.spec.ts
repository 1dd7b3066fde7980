import { hashScimToken, looksLikeScimToken, newScimToken, scimTokenHint } from './scim-token';

describe('SCIM connection tokens', () => {
  it('are random, recognisable, and kept only as a SHA-256', () => {
    const a = newScimToken();
    const b = newScimToken();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^chs_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeScimToken(a)).toBe(true);
    expect(hashScimToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashScimToken(a)).not.toContain(a.slice(4, 12));
    expect(scimTokenHint(a)).toBe(`chs_…${a.slice(-4)}`);
  });

  it('tells a token from anything else before any lookup', () => {
    expect(looksLikeScimToken('')).toBe(false);
    expect(looksLikeScimToken('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
    expect(looksLikeScimToken(`chs_${'a'.repeat(42)}`)).toBe(false);
  });
});
