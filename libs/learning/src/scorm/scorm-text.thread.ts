// Runs in a worker thread of ScormTextReader's pool: the visible text of a package's pages, so tens
// of megabytes of markup cost this thread's time, never the event loop's.
import { extractText, HtmlPage } from './scorm-text';

export default function readText(pages: HtmlPage[]): string {
  return extractText(pages);
}
