// Runs in a worker thread of ScormManifestReader's pool: parses one large imsmanifest.xml, so a
// manifest of thousands of items costs this thread's time, never the event loop's. A refusal comes
// back as data (an Error's class does not cross threads).
import { parseScormManifest, ParsedManifest } from './scorm-manifest';
import { ScormRefusal, ScormRefusalSlug } from './scorm-refusal';

export type ManifestResult =
  | { ok: true; parsed: ParsedManifest }
  | { ok: false; slug: ScormRefusalSlug; message: string; values: Record<string, string | number> };

export default function readManifest(xml: string): ManifestResult {
  try {
    return { ok: true, parsed: parseScormManifest(xml) };
  } catch (error) {
    if (error instanceof ScormRefusal)
      return { ok: false, slug: error.slug, message: error.message, values: error.detailValues };
    throw error;
  }
}
