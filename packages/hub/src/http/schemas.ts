import { Type } from 'typebox';

/** problem+json as documented in the OpenAPI document. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    field: Type.Optional(Type.String()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** Error responses every authenticated route can give. */
export const errorResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
} as const;

/** A path parameter holding an id. */
export const IdParam = Type.String({ minLength: 1, maxLength: 64 });

/** The languages a home can speak. */
export { LanguageSchema } from '@genio/contracts';
