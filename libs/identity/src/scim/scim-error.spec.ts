import { ConflictException, ForbiddenException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { ValidationProblemException } from '@chadavkhi/platform';
import { SCIM_ERROR_SCHEMA, ScimError, toScimError } from './scim-error';

describe('SCIM errors', () => {
  it('carry the error schema, the status as a string and the scimType', () => {
    expect(toScimError(new ScimError(400, 'bad filter', 'invalidFilter'))).toEqual({
      schemas: [SCIM_ERROR_SCHEMA],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'bad filter',
    });
  });

  it("turn the staff records service's refusals into SCIM's", () => {
    expect(toScimError(new ConflictException('taken'))).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect(toScimError(new NotFoundException('no'))).toEqual({
      schemas: [SCIM_ERROR_SCHEMA],
      status: '404',
      detail: 'no',
    });
    expect(toScimError(new ForbiddenException('outside'))).toMatchObject({ status: '403' });
    expect(toScimError(new UnprocessableEntityException('no such agency'))).toMatchObject({
      status: '400',
      scimType: 'invalidValue',
    });
    expect(
      toScimError(
        Object.assign(new UnprocessableEntityException('refused'), {
          problems: [{ field: 'email', message: 'email is not an e-mail address' }],
        }),
      ),
    ).toMatchObject({ status: '400', scimType: 'invalidValue', detail: 'email is not an e-mail address' });
    expect(
      toScimError(new ValidationProblemException([{ field: 'count', messages: ['count must be an integer'] }])),
    ).toMatchObject({ status: '400', scimType: 'invalidValue', detail: 'count must be an integer' });
  });

  it('say nothing of internals on a 500', () => {
    const body = toScimError(new Error('relation "users" does not exist'));
    expect(body.status).toBe('500');
    expect(JSON.stringify(body)).not.toMatch(/relation/);
  });
});
