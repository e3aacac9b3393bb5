import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * Sends a file to a presigned POST (`POST /api/applications/:id/uploads` gives `url` and `fields`):
 * multipart, fields first then the file, as a browser form does. Shared by the tests, the bench
 * (test/support/api-client.ts) and the post-deploy smoke test (infra/smoke.ts).
 *
 * Written out by hand over node:http(s) because fetch's FormData copies a file twice and streams it
 * through web streams: measured 2-4x the CPU of these three writes, which the bench would otherwise
 * charge to the pipeline (a browser encodes the form natively).
 */
export function postPresigned(
  slot: { url: string; fields: Record<string, string> },
  file: Buffer,
  contentType: string,
): Promise<{ status: number; body: string }> {
  const boundary = `----avenir${randomUUID()}`;
  const part = (headers: string) => `--${boundary}\r\n${headers}\r\n\r\n`;
  const head = Buffer.from(
    Object.entries(slot.fields)
      .map(([name, value]) => `${part(`Content-Disposition: form-data; name="${name}"`)}${value}\r\n`)
      .join('') + part(`Content-Disposition: form-data; name="file"; filename="photo"\r\nContent-Type: ${contentType}`),
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  // Locally the uploads bucket answers over http; on AWS over https.
  const request = new URL(slot.url).protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      slot.url,
      {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + file.length + tail.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.write(head);
    req.write(file);
    req.end(tail);
  });
}
