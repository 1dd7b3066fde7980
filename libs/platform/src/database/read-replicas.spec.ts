import { parseLsn } from './read-replicas';

describe('parseLsn', () => {
  it('orders WAL positions across the 4 GiB boundary', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0')).toBeGreaterThan(parseLsn('0/FFFFFFFF'));
  });
});
