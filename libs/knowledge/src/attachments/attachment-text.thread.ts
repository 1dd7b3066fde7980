// Runs in a worker thread of AttachmentTextExtractor's pool: reads one attachment's text under the
// bounds, so a hostile file costs this thread's time and memory, never the event loop's.
import { setPriority } from 'node:os';
import { extractText, ExtractedText, TEXT_LIMITS } from './attachment-text';

// The lowest CPU priority, for this thread only (Linux keeps a nice value per thread): on a busy
// machine the scheduler runs the event loop first.
try {
  setPriority(19);
} catch {
  // not permitted here: the thread still runs, at the process's priority
}

export interface TextTask {
  kind: string;
  bytes: Uint8Array;
  /** Epoch milliseconds, set when the upload asked: time spent waiting for a thread counts. */
  deadline: number;
}

export default function readAttachmentText(task: TextTask): Promise<ExtractedText> {
  return extractText(task.kind, task.bytes, { ...TEXT_LIMITS, deadline: task.deadline });
}
