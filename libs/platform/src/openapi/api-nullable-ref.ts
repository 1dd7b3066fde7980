// A property that holds an object of a documented class, or null. OpenAPI 3.0 cannot put `nullable`
// on a $ref: @nestjs/swagger writes it beside `allOf: [$ref]`, where the referenced schema's
// `type: object` still refuses null (OpenAPI 3.0.3 on nullable), so a validator such as ajv rejects
// the null. "One of the class or null" says it in a way validators and generators read alike.
import type { Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

/** Admits only null: `nullable` counts where `type` is beside it, and the enum shuts out every object. */
const NULL_ONLY = { type: 'object', nullable: true, enum: [null] };

export function ApiNullableRef(model: Type<unknown>, options: { description?: string } = {}): PropertyDecorator {
  return (target, key) => {
    // A schema named only inside oneOf is not collected by itself: register it with the owning class.
    ApiExtraModels(model)(target.constructor);
    // No `nullable` beside the oneOf: @nestjs/swagger drops a `type` there, and `nullable` without one means nothing.
    ApiProperty({ ...options, oneOf: [{ $ref: getSchemaPath(model) }, NULL_ONLY] })(target, key);
  };
}
