// An input class's rules checked whoever calls the service (REST, a page, the CLI, an importer),
// failing as the same validation problem (400, each field named) that the global pipe raises.
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationProblemException } from '../errors/validation-problem.exception';

export async function validateInput<T extends object>(type: new () => T, plain: object): Promise<T> {
  const input = plainToInstance(type, plain);
  // target: true lets the exception look up each broken rule's figures (a page's "at most 200"); it never reaches the wire.
  const errors = await validate(input, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: true, value: false },
  });
  if (errors.length) throw ValidationProblemException.fromValidationErrors(errors);
  return input;
}
