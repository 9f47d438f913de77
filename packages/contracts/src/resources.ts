import { type Static, Type } from 'typebox';
import { LanguageSchema } from './languages.js';

/** A home, as `GET /api/v1/homes/{id}` answers. */
export const HomeSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    language: LanguageSchema,
    location: Type.Union([Type.Object({ lat: Type.Number(), lon: Type.Number() }), Type.Null()]),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Home' },
);
/** A home. */
export type Home = Static<typeof HomeSchema>;

/** An area of a home (a room), with the other names people use for it. */
export const AreaSchema = Type.Object(
  {
    id: Type.String(),
    homeId: Type.String(),
    name: Type.String(),
    aliases: Type.Array(Type.String()),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Area' },
);
/** An area of a home. */
export type Area = Static<typeof AreaSchema>;

/** A grammatical gender of a name. */
export const GenderSchema = Type.Union([Type.Literal('masculine'), Type.Literal('feminine')]);
/** The grammatical gender of a device's name per language (Italian, French), for the assistant's replies. */
export const NameGendersSchema = Type.Object(
  { it: Type.Optional(GenderSchema), fr: Type.Optional(GenderSchema) },
  { additionalProperties: false },
);

/** A device; `properties` are its last reported values by thing-model identifier (clients read capabilities instead). */
export const DeviceSchema = Type.Object(
  {
    id: Type.String(),
    productKey: Type.String(),
    deviceName: Type.String(),
    category: Type.String(),
    homeId: Type.String(),
    areaId: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    aliases: Type.Array(Type.String()),
    online: Type.Boolean(),
    disabled: Type.Boolean(),
    lastSeen: Type.Union([Type.Integer(), Type.Null()]),
    properties: Type.Record(Type.String(), Type.Unknown()),
    createdAt: Type.Integer(),
    genders: Type.Optional(NameGendersSchema),
  },
  { $id: 'Device' },
);
/** A device. */
export type Device = Static<typeof DeviceSchema>;
