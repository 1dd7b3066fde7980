// An edit's input checked against its class's rules whoever calls (REST, a page, the CLI), failing
// as the API's validation problem (400, each field named) that the global pipe raises.
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationProblemException } from '@chadavkhi/platform';

export async function validInput<T extends object>(type: new () => T, input: object): Promise<T> {
  const value = plainToInstance(type, input);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length) throw ValidationProblemException.fromValidationErrors(errors);
  return value;
}
