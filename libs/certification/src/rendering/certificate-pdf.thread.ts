// Runs in a worker thread of CertificatePdfRenderer's pool: draws one certificate PDF and hands
// its bytes back without copying them.
import { Piscina } from 'piscina';
import { CertificateArtwork, renderCertificatePdf } from './certificate-pdf';

export default async function drawCertificate(art: CertificateArtwork): Promise<Uint8Array> {
  const pdf = await renderCertificatePdf(art);
  // A fresh ArrayBuffer of exactly the PDF's bytes: Buffer.concat may hand out a slice of Node's
  // shared pool, and moving that would detach other buffers of this thread.
  const bytes = new Uint8Array(pdf.byteLength);
  bytes.set(pdf);
  return Piscina.move(bytes) as unknown as Uint8Array;
}
