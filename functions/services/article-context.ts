import { ArticleStore } from '../adapters/article-store.ts';
import { AuditStore } from '../adapters/audit-store.ts';
import type { AppContext } from './context.ts';

let stores: { articles: ArticleStore; audit: AuditStore } | undefined;

/** The article and audit stores, built once per cold start on the shared clients. */
export function articleContext(ctx: AppContext): AppContext & { articles: ArticleStore; audit: AuditStore } {
  stores ??= {
    articles: new ArticleStore(ctx.clients.dynamo, ctx.env.TABLE_NAME),
    audit: new AuditStore(ctx.clients.dynamo, ctx.env.TABLE_NAME),
  };
  return { ...ctx, ...stores };
}
