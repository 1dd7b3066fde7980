// Runs in a worker thread of AttachmentTextExtractor's pool: reads one attachment's text under the
// bounds, so a hostile file costs this thread's time and memory, never the event loop's.
import { setPriority } from 'node:os';
import { extractText, ExtractedText, loadPdfJs, TEXT_LIMITS } from './attachment-text';

// A lower CPU priority for this thread only (Linux keeps a nice value per thread), so on a busy
// machine the scheduler runs the event loop first. Not the lowest (19): that starves even an
// ordinary file on a loaded machine until it times out and is never searchable.
try {
  setPriority(10);
} catch {
  // not permitted here: the thread still runs, at the process's priority
}

// Loaded as the thread starts, so the time limit of a PDF counts its reading only.
loadPdfJs();

export interface TextTask {
  kind: string;
  bytes: Uint8Array;
  /** How long the reading may take, counted from when this thread starts on it. */
  limitMs: number;
}

export default function readAttachmentText(task: TextTask): Promise<ExtractedText> {
  return extractText(task.kind, task.bytes, { ...TEXT_LIMITS, deadline: Date.now() + task.limitMs });
}
