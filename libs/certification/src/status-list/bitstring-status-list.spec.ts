import { gunzipSync } from 'node:zlib';
import { encodeStatusList, isRevokedIn } from './bitstring-status-list';

it('sets exactly the revoked positions, in a list of at least 16 KiB', () => {
  const list = encodeStatusList([0, 7, 8, 1000]);
  expect(list.startsWith('u')).toBe(true);
  for (const i of [0, 7, 8, 1000]) expect(isRevokedIn(list, i)).toBe(true);
  for (const i of [1, 6, 9, 999, 131071]) expect(isRevokedIn(list, i)).toBe(false);
  expect(gunzipSync(Buffer.from(list.slice(1), 'base64url')).length).toBe(16384);
});
