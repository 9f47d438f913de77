import { Type } from 'typebox';
import { requireRole } from '../../auth/index.js';
import type { DevicesModule } from '../../devices/module.js';
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
        requireRole(request.principal, ['operator', 'developer'], 'register products');
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
        requireRole(request.principal, ['operator', 'developer', 'household'], 'list products');
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
        if (request.principal.role !== 'household') products.assertMayManage(product, request.principal);
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
        products.assertMayManage(await products.get(request.params.productKey), request.principal);
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
        products.assertMayManage(await products.get(request.params.productKey), request.principal);
        await products.delete(request.params.productKey);
        return reply.code(204).send(null);
      },
    );
  };
}
