import { BadRequestException, ValidationError } from '@nestjs/common';
import { FieldError } from './problem';

/** Input that failed its DTO's rules; carries field-level messages for the problem's `errors`. */
export class ValidationProblemException extends BadRequestException {
  /** The problem type's slug: "validation" unless a more particular refusal (e.g. "control-characters"). */
  readonly slug: string;

  constructor(
    readonly fieldErrors: FieldError[],
    options: { slug?: string; detail?: string } = {},
  ) {
    super(options.detail ?? 'The request has invalid or unknown fields.');
    this.slug = options.slug ?? 'validation';
  }

  static fromValidationErrors(errors: ValidationError[]): ValidationProblemException {
    const out: FieldError[] = [];
    const walk = (list: ValidationError[], prefix: string) => {
      for (const e of list) {
        const field = prefix ? `${prefix}.${e.property}` : e.property;
        if (e.constraints) {
          out.push({
            field,
            messages: Object.entries(e.constraints).map(([rule, message]) =>
              rule === 'whitelistValidation' ? `${field} is not an allowed field` : message,
            ),
          });
        }
        if (e.children?.length) walk(e.children, field);
      }
    };
    walk(errors, '');
    return new ValidationProblemException(out);
  }
}
