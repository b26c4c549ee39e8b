import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common';

export const Address = Type.Object(
  {
    id: Uuid,
    label: Type.String(),
    zipCode: Type.String(),
    roadAddress: Type.String(),
    detail: Type.Union([Type.String(), Type.Null()]),
    regionCode: Type.Union([Type.String(), Type.Null()]),
    isDefault: Type.Boolean(),
    createdAt: IsoDateTime,
  },
  { title: 'Address' },
);
export type Address = Static<typeof Address>;

export const AddressBody = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 20, description: '예: 집, 회사' }),
    zipCode: Type.String({ pattern: '^[0-9]{5}$', description: '우편번호 5자리' }),
    roadAddress: Type.String({ minLength: 5, maxLength: 200, description: '도로명 주소' }),
    detail: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    regionCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{2}([0-9]{3})?$' }), Type.Null()])),
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AddressBody = Static<typeof AddressBody>;

export const AddressList = Type.Object({ items: Type.Array(Address) });
