import 'reflect-metadata';
import { IsObject } from 'class-validator';
import { ValidationProblemException } from '../errors/validation-problem.exception';
import { TopLevelValidationPipe } from './validation.pipe';

class AnswersDto {
  @IsObject({ message: 'answers must be an object keyed by question id' })
  answers: Record<string, unknown>;
}

const pipe = new TopLevelValidationPipe(AnswersDto);

async function fieldErrors(body: unknown) {
  try {
    await pipe.transform(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationProblemException);
    return (error as ValidationProblemException).fieldErrors;
  }
  throw new Error('expected a validation problem');
}

describe('TopLevelValidationPipe', () => {
  it('returns the DTO with nested values untouched', async () => {
    const answers = { a: [2, 0], b: 'text', c: { nested: true } };
    const dto = await pipe.transform({ answers });
    expect(dto).toBeInstanceOf(AnswersDto);
    expect(dto.answers).toBe(answers);
  });

  it('refuses unknown fields as the global pipe does, and prototype keys too', async () => {
    expect(await fieldErrors({ answers: {}, extra: 1 })).toEqual([
      { field: 'extra', messages: ['extra is not an allowed field'] },
    ]);
    const poisoned = JSON.parse(
      '{"answers": {}, "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
    );
    expect(await fieldErrors(poisoned)).toEqual([
      { field: '__proto__', messages: ['__proto__ is not an allowed field'] },
      { field: 'constructor', messages: ['constructor is not an allowed field'] },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('applies the DTO rules and refuses a body that is not an object', async () => {
    expect(await fieldErrors({ answers: 'all of them' })).toEqual([
      { field: 'answers', messages: ['answers must be an object keyed by question id'] },
    ]);
    expect(await fieldErrors({ answers: [1, 2] })).toEqual([
      { field: 'answers', messages: ['answers must be an object keyed by question id'] },
    ]);
    expect(await fieldErrors(undefined)).toEqual([
      { field: 'answers', messages: ['answers must be an object keyed by question id'] },
    ]);
    expect(await fieldErrors([{ answers: {} }])).toEqual([
      { field: 'body', messages: ['The body must be a JSON object.'] },
    ]);
    expect(await fieldErrors('answers')).toEqual([{ field: 'body', messages: ['The body must be a JSON object.'] }]);
  });
});
