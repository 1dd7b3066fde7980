// Lessons use the platform's one safe Markdown renderer (shared with knowledge documents).
export { renderSafeMarkdown as renderLessonMarkdown } from '@chadavkhi/platform';
