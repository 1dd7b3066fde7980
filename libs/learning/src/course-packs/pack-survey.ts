// The course survey printed at the end of a pack, for a session held where people are offline. The
// questions are the evaluation lib's: it provides PACK_SURVEY_SOURCE (learning cannot import it);
// without a provider (the CLI) a pack is printed without the sheet.
import type { PackLanguage } from './pack-labels';

export const PACK_SURVEY_SOURCE = Symbol('PACK_SURVEY_SOURCE');

export interface PaperSurveyQuestion {
  text: string;
  kind: 'rating' | 'choice' | 'text';
  /** A choice's options, or a rating's scale from its lowest to its highest. */
  options: string[];
  optional: boolean;
}

/** A survey sheet, worded in the printout's language. */
export interface PaperSurveySheet {
  title: string;
  lead: string;
  /** The box the typist writes the sheet's number in when the stack is numbered. */
  numberLabel: string;
  optionalLabel: string;
  questions: PaperSurveyQuestion[];
}

export interface PackSurveySource {
  sheetFor(courseId: string, lang: PackLanguage): Promise<PaperSurveySheet | null>;
}
