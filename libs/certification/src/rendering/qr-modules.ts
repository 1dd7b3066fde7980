import QRCode from 'qrcode';

/** A horizontal run of dark modules: column, row, length, one unit per module. */
export type QrRun = readonly [x: number, y: number, length: number];

/** The QR code of `text` as runs of dark modules; `size` is its width in modules. */
export function qrRuns(text: string): { runs: QrRun[]; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: QrRun[] = [];
  // One rectangle per horizontal run of dark modules: a third of the shapes a square per module would be.
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (!modules.get(y, x)) continue;
      let run = 1;
      while (x + run < modules.size && modules.get(y, x + run)) run++;
      runs.push([x, y, run]);
      x += run - 1;
    }
  }
  return { runs, size: modules.size };
}
