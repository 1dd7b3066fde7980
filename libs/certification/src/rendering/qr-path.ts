import QRCode from 'qrcode';

/** An SVG path drawing the QR code of `text`, one unit per module; `size` is the width in modules. */
export function qrPath(text: string): { d: string; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  // One rectangle per horizontal run of dark modules: a third of the path a module-per-square would be.
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (!modules.get(y, x)) continue;
      let run = 1;
      while (x + run < modules.size && modules.get(y, x + run)) run++;
      parts.push(`M${x} ${y}h${run}v1h-${run}z`);
      x += run - 1;
    }
  }
  return { d: parts.join(''), size: modules.size };
}
