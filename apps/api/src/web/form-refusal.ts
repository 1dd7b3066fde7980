// A service's refusal (403, 409, 422, 429 …) as a message a page can show beside its form, with the
// form kept; anything else (a 404, a 500) is not a refusal and goes to the error page.
import { HttpException, HttpStatus } from '@nestjs/common';

export interface FormRefusal {
  status: number;
  message: string;
  /** Seconds, when the service said how long to wait (rate limits). */
  retryAfter?: number;
  /** The service's stable refusal code, when it gave one, for a page to put into its own words. */
  slug?: string;
  /** The figures the refusal names (for example `max`), for the page's own words. */
  values: Record<string, number>;
}

export function formRefusal(error: unknown, statuses: readonly number[]): FormRefusal | undefined {
  if (!(error instanceof HttpException) || !statuses.includes(error.getStatus())) return undefined;
  const body = error.getResponse() as string | { message?: unknown; retryAfterSeconds?: number; slug?: string };
  const message = typeof body === 'string' ? body : String(body.message ?? error.message);
  const values =
    typeof body === 'object'
      ? Object.fromEntries(Object.entries(body).filter((e): e is [string, number] => typeof e[1] === 'number'))
      : {};
  return {
    status: error.getStatus(),
    message,
    retryAfter: typeof body === 'object' ? body.retryAfterSeconds : undefined,
    slug: typeof body === 'object' ? body.slug : undefined,
    values,
  };
}

/** The refusals every form page shows beside itself (409, 422), and any other statuses it names. */
export function pageRefusal(error: unknown, ...also: number[]): FormRefusal | undefined {
  return formRefusal(error, [HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY, ...also]);
}
