// W3C Bitstring Status List: bit N set means the credential at index N is revoked. The list is at
// least 16 KiB (131,072 entries) so it hides which certificate a verifier is asking about.
import { gunzipSync, gzipSync } from 'node:zlib';

export const MIN_STATUS_LIST_BITS = 131_072;

export function encodeStatusList(revokedIndexes: number[], bits = MIN_STATUS_LIST_BITS): string {
  const size = Math.max(bits, Math.ceil((Math.max(-1, ...revokedIndexes) + 1) / 8) * 8);
  const bytes = Buffer.alloc(size / 8);
  for (const i of revokedIndexes) bytes[i >> 3] |= 0x80 >> (i & 7); // first bit is the left-most of byte 0
  return 'u' + gzipSync(bytes).toString('base64url'); // multibase base64url
}

export function isRevokedIn(encodedList: string, index: number): boolean {
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  return (bytes[index >> 3] & (0x80 >> (index & 7))) !== 0;
}
