// A property that holds an object of a documented class, or null. OpenAPI 3.0 cannot put `nullable`
// on a $ref: beside `allOf: [$ref]` (what @nestjs/swagger writes) the referenced schema still refuses
// null, so validators reject the null and client generators type the property as never null.
// "One of the class or null" says the same thing in a way every reader of the document agrees on.
import type { Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

/** Admits only null: `nullable` counts where `type` is beside it, and the enum shuts out every object. */
const NULL_ONLY = { type: 'object', nullable: true, enum: [null] };

export function ApiNullableRef(
  model: Type<unknown>,
  options: { description?: string; required?: boolean } = {},
): PropertyDecorator {
  return (target, key) => {
    // A schema named only inside oneOf is not collected by itself: register it with the owning class.
    ApiExtraModels(model)(target.constructor);
    // No `nullable` beside the oneOf: @nestjs/swagger drops a `type` there, and `nullable` without one means nothing.
    ApiProperty({ ...options, oneOf: [{ $ref: getSchemaPath(model) }, NULL_ONLY] })(target, key);
  };
}
