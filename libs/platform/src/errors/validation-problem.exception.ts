import { BadRequestException, ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { FieldError } from './problem';

/**
 * One broken rule of one field, for a caller that words refusals itself (a page in Mongolian):
 * the rule's name (class-validator's, e.g. "maxLength", "min", "isNotEmpty") and its figures
 * (e.g. [200]) when the input's class is known. Not part of the problem on the wire.
 */
export interface FieldRule {
  field: string;
  rule: string;
  figures: unknown[];
}

/** Input that failed its DTO's rules; carries field-level messages for the problem's `errors`. */
export class ValidationProblemException extends BadRequestException {
  /** The problem type's slug: "validation" unless a more particular refusal (e.g. "control-characters"). */
  readonly slug: string;
  readonly rules: FieldRule[];

  constructor(
    readonly fieldErrors: FieldError[],
    options: { slug?: string; detail?: string; rules?: FieldRule[] } = {},
  ) {
    super(options.detail ?? 'The request has invalid or unknown fields.');
    this.slug = options.slug ?? 'validation';
    this.rules = options.rules ?? fieldErrors.map((f) => ({ field: f.field, rule: this.slug, figures: [] }));
  }

  static fromValidationErrors(errors: ValidationError[]): ValidationProblemException {
    const out: FieldError[] = [];
    const rules: FieldRule[] = [];
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
          for (const rule of Object.keys(e.constraints))
            rules.push({ field, rule, figures: figuresOf(e.target, e.property, rule) });
        }
        if (e.children?.length) walk(e.children, field);
      }
    };
    walk(errors, '');
    return new ValidationProblemException(out, { rules });
  }
}

/** The figures a class declares for a property's rule (@MaxLength(200) → [200]); none without the class. */
function figuresOf(target: object | undefined, property: string, rule: string): unknown[] {
  if (!target || typeof target !== 'object') return [];
  const declared = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  return declared.find((m) => m.propertyName === property && m.name === rule)?.constraints ?? [];
}
