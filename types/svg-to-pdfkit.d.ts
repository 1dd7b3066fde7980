// svg-to-pdfkit ships no types; this is the one call we make.
declare module 'svg-to-pdfkit' {
  interface Options {
    width?: number;
    height?: number;
    /** Treat SVG user units as PDF points (not 96-dpi pixels). */
    assumePt?: boolean;
    fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
  }
  export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: Options): void;
}
