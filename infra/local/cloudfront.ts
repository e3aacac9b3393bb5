import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './log.ts';

/**
 * The one CloudFront call the functions make, CreateInvalidation (REST/XML, for
 * AWS_ENDPOINT_URL_CLOUDFRONT). Locally nothing caches the site bucket, so an invalidation has nothing
 * to do: it is answered as AWS does and kept in a list (`/_local/invalidations`) for tests and humans.
 */
export interface LocalInvalidation {
  id: string;
  distributionId: string;
  paths: string[];
  at: string;
}

export async function startCloudFrontEndpoint(options: { log: Logger }) {
  const invalidations: LocalInvalidation[] = [];
  const server = http.createServer((req, res) => {
    const match = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/.exec(req.url ?? '');
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !match) {
        res
          .writeHead(404, { 'content-type': 'text/xml' })
          .end('<ErrorResponse><Error><Code>NotImplemented</Code></Error></ErrorResponse>');
        return;
      }
      // The request body is the SDK's own XML: paths are the only thing read from it.
      const paths = [...body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((m) => m[1]!);
      const reference = /<CallerReference>([^<]*)<\/CallerReference>/.exec(body)?.[1] ?? '';
      const invalidation = {
        id: `I${randomUUID().replace(/-/g, '').slice(0, 13).toUpperCase()}`,
        distributionId: match[1]!,
        paths,
        at: new Date().toISOString(),
      };
      invalidations.push(invalidation);
      options.log.info('invalidation', { distributionId: invalidation.distributionId, paths: paths.length });
      const items = paths.map((p) => `<Path>${p}</Path>`).join('');
      res
        .writeHead(201, { 'content-type': 'text/xml', location: `${req.url}/${invalidation.id}` })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>${invalidation.id}</Id><Status>Completed</Status><CreateTime>${invalidation.at}</CreateTime><InvalidationBatch><Paths><Quantity>${paths.length}</Quantity><Items>${items}</Items></Paths><CallerReference>${reference}</CallerReference></InvalidationBatch></Invalidation>`,
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    invalidations,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
