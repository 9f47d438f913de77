import { Empty, LoadError, Loading } from '../components/status.js';
import { useSession } from '../lib/context.js';
import { formatDateTime } from '../lib/format.js';
import { href, navigate } from '../lib/route.js';
import { may } from '../lib/session.js';
import type { Product } from '../lib/tsl.js';
import { useLoad } from '../lib/use-load.js';
import { CreateProduct } from './product-create.js';

/** Products: create one from its thing model, list them. */
export function ProductsPage() {
  const { api, identity } = useSession();
  const products = useLoad(() => api.get<Product[]>('/api/v1/products'), [api]);
  return (
    <div class="page">
      <h1>Products</h1>
      {may(identity, 'product.create') ? (
        <CreateProduct onCreated={(product) => navigate('products', product.productKey)} />
      ) : null}
      <section aria-labelledby="product-list-title">
        <h2 id="product-list-title">All products</h2>
        {products.error ? <LoadError error={products.error} retry={products.reload} /> : null}
        {products.loading && !products.data ? <Loading what="products" /> : null}
        {products.data && products.data.length === 0 ? (
          <Empty>No products yet. Paste a thing model above and create the first one.</Empty>
        ) : null}
        {products.data && products.data.length > 0 ? (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">productKey</th>
                <th scope="col">Category</th>
                <th scope="col">Capabilities</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {products.data.map((product) => (
                <tr key={product.productKey}>
                  <td>
                    <a href={href('products', product.productKey)}>{product.name}</a>
                  </td>
                  <td>
                    <code>{product.productKey}</code>
                  </td>
                  <td>{product.category}</td>
                  <td>{Object.keys(product.capabilities).join(', ') || <span class="muted">none</span>}</td>
                  <td>{formatDateTime(product.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
