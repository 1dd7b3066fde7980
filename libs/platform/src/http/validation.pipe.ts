import { PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { validate, ValidatorOptions } from 'class-validator';
import { ValidationProblemException } from '../errors/validation-problem.exception';

/** Keys that would reach an object's prototype; the global pipe deletes them, this one refuses them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  validationError: { target: false, value: false },
  stopAtFirstError: false,
};

/** Every DTO: unknown fields rejected, types converted, failures reported per field as problem+json. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => ValidationProblemException.fromValidationErrors(errors),
  });
}

/**
 * The global pipe's rules and errors for a DTO whose fields carry free-form JSON that its service
 * checks item by item (quiz answers keyed by question id), without class-transformer: its copy and
 * the pipe's other walks visit every nested value, which for a 20-answer map cost more than the
 * grading itself. Nothing is lost on a JSON body: Fastify refuses prototype keys, and JSON has no
 * array gaps or binary values. So the DTO must not rely on @Type or @Transform. Use it on a
 * parameter typed as an interface, so the global pipe (which skips plain objects) leaves it alone.
 */
export class TopLevelValidationPipe<T extends object> implements PipeTransform<unknown, Promise<T>> {
  constructor(private readonly metatype: new () => T) {}

  async transform(value: unknown): Promise<T> {
    const body = value ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw ValidationProblemException.fromValidationErrors([
        { property: 'body', constraints: { isObject: 'The body must be a JSON object.' }, children: [] },
      ]);
    }
    const dto = new this.metatype() as Record<string, unknown>;
    const errors: ValidationError[] = [];
    for (const [key, field] of Object.entries(body)) {
      // class-validator's whitelist does not see these (it looks them up on a plain object).
      if (PROTOTYPE_KEYS.has(key))
        errors.push({
          property: key,
          constraints: { whitelistValidation: `property ${key} should not exist` },
          children: [],
        });
      else dto[key] = field;
    }
    errors.push(...(await validate(dto, VALIDATOR_OPTIONS)));
    if (errors.length) throw ValidationProblemException.fromValidationErrors(errors);
    return dto as T;
  }
}
