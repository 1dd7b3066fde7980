import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ValidationProblemException } from '../errors/validation-problem.exception';
import { validateInput } from './validate-input';

class TitleInput {
  @IsString()
  @MinLength(3)
  @MaxLength(10)
  title: string;

  @IsInt()
  @Min(1)
  @Max(5)
  count: number;
}

it('returns an instance of the input class when the rules hold', async () => {
  const input = await validateInput(TitleInput, { title: 'Ethics', count: 2 });
  expect(input).toBeInstanceOf(TitleInput);
  expect(input).toEqual({ title: 'Ethics', count: 2 });
});

it("refuses as the global pipe does, and names each broken rule with its figures for a page's words", async () => {
  const refusal = await validateInput(TitleInput, { title: 'x'.repeat(11), count: 9, extra: 1 }).catch(
    (e: unknown) => e,
  );
  expect(refusal).toBeInstanceOf(ValidationProblemException);
  const problem = refusal as ValidationProblemException;
  expect(problem.getStatus()).toBe(400);
  expect(problem.fieldErrors).toEqual([
    { field: 'extra', messages: ['extra is not an allowed field'] },
    { field: 'title', messages: ['title must be shorter than or equal to 10 characters'] },
    { field: 'count', messages: ['count must not be greater than 5'] },
  ]);
  expect(problem.rules).toEqual([
    { field: 'extra', rule: 'whitelistValidation', figures: [] },
    { field: 'title', rule: 'maxLength', figures: [10] },
    { field: 'count', rule: 'max', figures: [5] },
  ]);
});
