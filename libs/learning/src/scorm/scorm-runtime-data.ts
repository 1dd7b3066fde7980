// The SCORM data model's rules for what a package's runtime commits, per version (SCORM 1.2 RTE §3.4,
// SCORM 2004 4th edition RTE §4.2): the vocabularies, the sizes a conformant LMS must keep (and no
// more), and the time formats. A commit that breaks one is refused whole, so nothing half-checked
// is stored; the SCO's own runtime (scorm-again) already enforces the same rules in the browser.
import { UnprocessableEntityException } from '@nestjs/common';
import type { ScormVersion } from './scorm-manifest';

export const LESSON_STATUSES_12 = ['passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted'] as const;
export const COMPLETION_STATUSES = ['completed', 'incomplete', 'not attempted', 'unknown'] as const;
export const SUCCESS_STATUSES = ['passed', 'failed', 'unknown'] as const;
const INTERACTION_TYPES_12 = [
  'true-false',
  'choice',
  'fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
];
const INTERACTION_TYPES_2004 = [...INTERACTION_TYPES_12, 'long-fill-in', 'other'];
const RESULTS_12 = ['correct', 'wrong', 'unanticipated', 'neutral'];
const RESULTS_2004 = ['correct', 'incorrect', 'unanticipated', 'neutral'];

/** The largest values a conformant LMS keeps (SPM), per version. */
export const SCORM_LIMITS = {
  '1.2': { suspendData: 4096, location: 255, interactionId: 255, learnerResponse: 255 },
  '2004': { suspendData: 64000, location: 1000, interactionId: 4000, learnerResponse: 4000 },
} as const;
export const MAX_INTERACTIONS = 250;

export interface ScormInteraction {
  id: string;
  type: string | null;
  learnerResponse: string | null;
  result: string | null;
  weighting: number | null;
  latency: string | null;
}

/** What one commit says about a SCO, before it is checked against its version. */
export interface ScormRuntimeInput {
  lessonStatus?: string;
  completionStatus?: string;
  successStatus?: string;
  scoreRaw?: number;
  scoreMin?: number;
  scoreMax?: number;
  scoreScaled?: number;
  location?: string;
  suspendData?: string;
  sessionTime?: string;
  interactions?: {
    id: string;
    type?: string;
    learnerResponse?: string;
    result?: string;
    weighting?: number;
    latency?: string;
  }[];
}

export interface ScormRuntimeData {
  lessonStatus: string | null;
  completionStatus: string | null;
  successStatus: string | null;
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  scoreScaled: number | null;
  location: string;
  suspendData: string;
  /** The session's time in seconds, when the SCO reported it. */
  sessionSeconds: number | null;
  interactions: ScormInteraction[];
  /** The SCO is done: 1.2 completed or passed; 2004 completed, and not failed when success is set. */
  done: boolean;
}

const TIMESPAN_12 = /^(\d{2,4}):([0-5]\d):([0-5]\d(?:\.\d{1,2})?)$/;
const DURATION_2004 =
  /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$/;

/** Seconds in a SCORM time span (1.2: HHHH:MM:SS.SS; 2004: ISO 8601 duration), or null when it is not one. */
export function scormSeconds(version: ScormVersion, value: string): number | null {
  if (version === '1.2') {
    const m = TIMESPAN_12.exec(value);
    return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
  }
  const m = DURATION_2004.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map((part) => Number(part ?? 0));
  return ((y * 365 + mo * 30 + d) * 24 + h) * 3600 + mi * 60 + s;
}

/** Checks a commit against its package's version; one 422 naming every field that breaks a rule. */
export function checkRuntimeData(version: ScormVersion, input: ScormRuntimeInput): ScormRuntimeData {
  const v12 = version === '1.2';
  const limits = SCORM_LIMITS[v12 ? '1.2' : '2004'];
  const errors: { field: string; messages: string[] }[] = [];
  const refuse = (field: string, message: string) => errors.push({ field, messages: [message] });
  const within = (field: string, value: string | undefined, max: number) => {
    if (value !== undefined && value.length > max)
      refuse(field, `${field} may hold at most ${max} characters in SCORM ${v12 ? '1.2' : '2004'}`);
  };
  const oneOf = (field: string, value: string | undefined, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value))
      refuse(field, `${field} must be one of: ${allowed.join(', ')}`);
  };

  if (v12) {
    for (const field of ['completionStatus', 'successStatus'] as const)
      if (input[field] !== undefined) refuse(field, `${field} is SCORM 2004's; a SCORM 1.2 package sends lessonStatus`);
    if (input.scoreScaled !== undefined) refuse('scoreScaled', 'scoreScaled is SCORM 2004’s');
    oneOf('lessonStatus', input.lessonStatus, LESSON_STATUSES_12);
    for (const field of ['scoreRaw', 'scoreMin', 'scoreMax'] as const) {
      const n = input[field];
      if (n !== undefined && (n < 0 || n > 100)) refuse(field, `${field} must be between 0 and 100 in SCORM 1.2`);
    }
  } else {
    if (input.lessonStatus !== undefined)
      refuse(
        'lessonStatus',
        'lessonStatus is SCORM 1.2’s; a SCORM 2004 package sends completionStatus and successStatus',
      );
    oneOf('completionStatus', input.completionStatus, COMPLETION_STATUSES);
    oneOf('successStatus', input.successStatus, SUCCESS_STATUSES);
    if (input.scoreScaled !== undefined && (input.scoreScaled < -1 || input.scoreScaled > 1))
      refuse('scoreScaled', 'scoreScaled must be between -1 and 1');
  }
  within('location', input.location, limits.location);
  within('suspendData', input.suspendData, limits.suspendData);
  let sessionSeconds: number | null = null;
  if (input.sessionTime !== undefined) {
    sessionSeconds = scormSeconds(version, input.sessionTime);
    if (sessionSeconds === null)
      refuse(
        'sessionTime',
        v12
          ? 'sessionTime must be a SCORM 1.2 time span (HHHH:MM:SS.SS)'
          : 'sessionTime must be an ISO 8601 duration (PT1H5M3S)',
      );
  }
  const interactions = input.interactions ?? [];
  if (interactions.length > MAX_INTERACTIONS) refuse('interactions', `at most ${MAX_INTERACTIONS} interactions`);
  interactions.slice(0, MAX_INTERACTIONS).forEach((i, n) => {
    const at = `interactions.${n}`;
    if (!i.id || /\s/.test(i.id) || i.id.length > limits.interactionId)
      refuse(`${at}.id`, `id must be an identifier without spaces of at most ${limits.interactionId} characters`);
    oneOf(`${at}.type`, i.type, v12 ? INTERACTION_TYPES_12 : INTERACTION_TYPES_2004);
    within(`${at}.learnerResponse`, i.learnerResponse, limits.learnerResponse);
    if (
      i.result !== undefined &&
      !(v12 ? RESULTS_12 : RESULTS_2004).includes(i.result) &&
      !/^-?\d+(\.\d+)?$/.test(i.result)
    )
      refuse(`${at}.result`, `result must be a number or one of: ${(v12 ? RESULTS_12 : RESULTS_2004).join(', ')}`);
    if (i.latency !== undefined && scormSeconds(version, i.latency) === null)
      refuse(`${at}.latency`, v12 ? 'latency must be a SCORM 1.2 time span' : 'latency must be an ISO 8601 duration');
  });
  if (errors.length)
    throw new UnprocessableEntityException({
      message: `This commit breaks the SCORM ${v12 ? '1.2' : '2004'} data model; nothing was stored.`,
      slug: 'scorm-data-invalid',
      errors,
    });

  const lessonStatus = v12 ? (input.lessonStatus ?? null) : null;
  const completionStatus = v12 ? null : (input.completionStatus ?? null);
  const successStatus = v12 ? null : (input.successStatus ?? null);
  return {
    lessonStatus,
    completionStatus,
    successStatus,
    scoreRaw: input.scoreRaw ?? null,
    scoreMin: input.scoreMin ?? null,
    scoreMax: input.scoreMax ?? null,
    scoreScaled: v12 ? null : (input.scoreScaled ?? null),
    location: input.location ?? '',
    suspendData: input.suspendData ?? '',
    sessionSeconds,
    interactions: interactions.map((i) => ({
      id: i.id,
      type: i.type ?? null,
      learnerResponse: i.learnerResponse ?? null,
      result: i.result ?? null,
      weighting: i.weighting ?? null,
      latency: i.latency ?? null,
    })),
    done: v12
      ? lessonStatus === 'completed' || lessonStatus === 'passed'
      : completionStatus === 'completed' && successStatus !== 'failed',
  };
}
