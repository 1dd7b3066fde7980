// Times in credentials to the second: a JWT's NumericDate has no fractions, and OB 3.0 says nbf and
// exp must equal validFrom and validUntil, so every time a credential states is cut to the second.
export function dateTimeToSecond(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function numericDate(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
