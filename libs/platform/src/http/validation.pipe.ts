import { ValidationPipe } from '@nestjs/common';
import { ValidationProblemException } from '../errors/validation-problem.exception';

/** Every DTO: unknown fields rejected, types converted, failures reported per field as problem+json. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => ValidationProblemException.fromValidationErrors(errors),
  });
}
