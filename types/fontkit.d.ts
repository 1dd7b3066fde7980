// fontkit ships no types; pdfkit accepts the Font object it returns.
declare module 'fontkit' {
  export interface Font {
    layout(text: string): unknown;
    /** Every code point the font maps. */
    readonly characterSet: number[];
    glyphForCodePoint(codePoint: number): { id: number };
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
