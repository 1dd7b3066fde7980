// fontkit ships no types; pdfkit accepts the Font object it returns (or anything with layout()).
declare module 'fontkit' {
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    readonly advanceWidth: number;
  }
  export interface Glyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
    /** fontkit's own: the glyph's outline record as read from the glyf table. */
    _decode(): unknown;
  }
  export interface Font {
    getGlyph(id: number, codePoints?: number[]): Glyph;
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
    /** Every code point the font maps. */
    readonly characterSet: number[];
    glyphForCodePoint(codePoint: number): { id: number };
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
