// RFC 9457 problem details: the one shape every error takes on the wire.
export interface FieldError {
  /** Dotted path of the offending field in the request, e.g. "email" or "answers.2.choice". */
  field: string;
  messages: string[];
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Request Error');
}

/** Problem types are stable URIs documented in the API docs; about:blank means "see the status". */
export function problemType(slug?: string): string {
  return slug ? `https://chadavkhi.mn/problems/${slug}` : 'about:blank';
}
