import { Type } from 'typebox';
import { authorize, hub } from '../../access/index.js';
import type { DevicesModule } from '../../devices/index.js';
import { errorResponses } from '../schemas.js';
import type { RouteModule } from '../types.js';

const ProductSchema = Type.Object(
  {
    productKey: Type.String(),
    name: Type.String(),
    category: Type.String(),
    thingModel: Type.Unknown(),
    capabilities: Type.Record(Type.String(), Type.String()),
    createdAt: Type.Integer(),
    updatedAt: Type.Integer(),
  },
  { $id: 'Product' },
);
const Params = Type.Object({ productKey: Type.String({ minLength: 1, maxLength: 64 }) });
const Mapping = Type.Record(Type.String({ maxLength: 50 }), Type.String({ minLength: 1, maxLength: 50 }));

/** /api/v1/products: brands (developer tokens) and operators register products with a thing model. */
export function productRoutes(devices: DevicesModule): RouteModule {
  const { products } = devices;
  return (app) => {
    const tags = ['products'];
    app.post(
      '/api/v1/products',
      {
        schema: {
          tags,
          summary: 'Register a product with its Alink thing model (TSL)',
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 100 }),
              category: Type.String({ minLength: 1, maxLength: 40 }),
              thingModel: Type.Object({}, { additionalProperties: true }),
              capabilities: Type.Optional(Mapping),
            },
            { additionalProperties: false },
          ),
          response: { 201: ProductSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        authorize(request.principal, 'product.create', hub);
        return reply.code(201).send(await products.create(request.body, request.principal));
      },
    );
    app.get(
      '/api/v1/products',
      {
        schema: {
          tags,
          summary: 'List products (developers: their own)',
          response: { 200: Type.Array(ProductSchema), ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'product.list', hub);
        return products.list(request.principal.role === 'developer' ? request.principal : undefined);
      },
    );
    app.get(
      '/api/v1/products/:productKey',
      {
        schema: {
          tags,
          summary: 'Get a product',
          params: Params,
          response: { 200: ProductSchema, ...errorResponses },
        },
      },
      async (request) => {
        const product = await products.get(request.params.productKey);
        authorize(request.principal, 'product.read', { kind: 'product', ownerTokenId: product.ownerTokenId });
        const { resolved: _r, ownerTokenId: _o, ...view } = product;
        return view;
      },
    );
    app.patch(
      '/api/v1/products/:productKey',
      {
        schema: {
          tags,
          summary: 'Rename a product or change its capability mapping',
          params: Params,
          body: Type.Object(
            {
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              capabilities: Type.Optional(Mapping),
            },
            { additionalProperties: false },
          ),
          response: { 200: ProductSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { ownerTokenId } = await products.get(request.params.productKey);
        authorize(request.principal, 'product.update', { kind: 'product', ownerTokenId });
        return products.update(request.params.productKey, request.body);
      },
    );
    app.delete(
      '/api/v1/products/:productKey',
      {
        schema: {
          tags,
          summary: 'Delete a product and its devices',
          params: Params,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { ownerTokenId } = await products.get(request.params.productKey);
        authorize(request.principal, 'product.delete', { kind: 'product', ownerTokenId });
        await products.delete(request.params.productKey);
        return reply.code(204).send(null);
      },
    );
  };
}
