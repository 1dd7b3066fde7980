// Starts the longest test files first, so that no long file starts last and runs alone at the end
// while the other worker idles. Jest already orders by the durations it cached from an earlier run
// on this machine; a fresh clone (CI) has no such cache, and jest then orders by file size, which
// puts a 150-line file that runs for a minute and a half behind a dozen quick 300-line ones.
// KNOWN_SECONDS is the fallback for that case: rough durations of the files that take longest,
// measured on a 2-core machine. A file missing from it only starts later; nothing is left out.
const { relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const KNOWN_SECONDS = {
  'test/e2e/worker-kill.e2e-spec.ts': 84,
  'test/browser/learning.browser-spec.ts': 76,
  'test/browser/sign-in.browser-spec.ts': 62,
  'test/e2e/start.e2e-spec.ts': 51,
  'test/browser/face-to-face.browser-spec.ts': 47,
  'test/browser/knowledge.browser-spec.ts': 46,
  'test/browser/page-weight.browser-spec.ts': 46,
  'test/e2e/knowledge-pages.e2e-spec.ts': 30,
  'test/browser/offline.browser-spec.ts': 28,
  'test/browser/hr.browser-spec.ts': 25,
  'test/e2e/certificate-resilience.e2e-spec.ts': 24,
  'test/e2e/cli.e2e-spec.ts': 23,
  'test/e2e/knowledge-documents.e2e-spec.ts': 21,
  'test/e2e/notifications.e2e-spec.ts': 20,
  'test/browser/admin-queues.browser-spec.ts': 20,
  'test/e2e/assignments.e2e-spec.ts': 19,
  'test/browser/quiz-authoring.browser-spec.ts': 18,
  'test/e2e/recertification.e2e-spec.ts': 18,
  'test/e2e/knowledge-search.e2e-spec.ts': 18,
  'libs/certification/src/rendering/certificate-pdf-renderer.spec.ts': 17,
  'test/e2e/knowledge-resilience.e2e-spec.ts': 16,
  'test/e2e/quiz-pages.e2e-spec.ts': 16,
  'test/e2e/worker.e2e-spec.ts': 15,
  'libs/knowledge/src/attachments/attachment-text.spec.ts': 15,
};

// Files that measure latency (a /health answer within 200 ms beside an attachment extraction,
// timers on time beside an inflating archive) run last, beside the quick files that end a run,
// not beside a browser file or the type-check at the start, where a shared core delays them.
const LATENCY_SENSITIVE = new Set([
  'test/e2e/knowledge-documents.e2e-spec.ts',
  'libs/knowledge/src/attachments/attachment-text.spec.ts',
]);

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const seconds = (test) => {
      const cached = this.time(test);
      if (cached != null) return cached / 1000;
      return KNOWN_SECONDS[relative(test.context.config.rootDir, test.path).split('\\').join('/')] ?? 0;
    };
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    const path = (test) => relative(test.context.config.rootDir, test.path).split('\\').join('/');
    const order = tests.map((test) => ({
      test,
      last: LATENCY_SENSITIVE.has(path(test)),
      failed: this.hasFailed(test),
      seconds: seconds(test),
      size: size(test),
    }));
    // Latency checks last; otherwise a file that failed last time first (quick feedback while fixing
    // it), then longest first.
    order.sort(
      (a, b) =>
        Number(a.last) - Number(b.last) ||
        Number(b.failed) - Number(a.failed) ||
        b.seconds - a.seconds ||
        b.size - a.size,
    );
    return order.map(({ test }) => test);
  }
}

module.exports = SlowFirstSequencer;
