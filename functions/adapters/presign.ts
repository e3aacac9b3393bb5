import { GetObjectCommand, type GetObjectCommandInput, type S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';

type Request = { protocol: string; hostname: string; port?: number; path: string; headers: Record<string, string>; query: Record<string, string | string[] | null> };

/**
 * A presigned GET URL, the way `@aws-sdk/s3-request-presigner` makes one (that package is not a
 * dependency here): the request is built by the client's own middleware stack (endpoint, path
 * style, bucket and key encoding) and stopped just before it would be signed and sent; it is then
 * signed in its query string, payload unsigned.
 */
export async function presignedGet(s3: S3Client, input: GetObjectCommandInput, expiresIn: number): Promise<string> {
  const signer = new SignatureV4({
    service: 's3',
    region: await s3.config.region(),
    credentials: s3.config.credentials,
    sha256: s3.config.sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const stack = s3.middlewareStack.clone();
  stack.addRelativeTo(
    () => async (args: { request: unknown }) => {
      const request = args.request as Request;
      // Headers a browser will not send must not be signed.
      for (const name of ['amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-user-agent']) delete request.headers[name];
      request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      request.headers.host = `${request.hostname}${request.port ? `:${request.port}` : ''}`;
      const presigned = (await signer.presign(request as Parameters<SignatureV4['presign']>[0], { expiresIn, unsignableHeaders: new Set(['content-type']) })) as unknown as Request;
      return { response: {}, output: { $metadata: {}, presigned } };
    },
    { name: 'presignCapture', relation: 'before', toMiddleware: 'awsAuthMiddleware', override: true },
  );
  const command = new GetObjectCommand(input);
  const handler = command.resolveMiddleware(stack as never, s3.config, {});
  const { output } = (await handler({ input: command.input } as never)) as unknown as { output: { presigned: Request } };
  const { protocol, hostname, port, path, query } = output.presigned;
  const search = Object.entries(query)
    .flatMap(([key, value]) => [value ?? ''].flat().map((v) => `${encodeURIComponent(key)}=${encodeURIComponent(v)}`))
    .join('&');
  return `${protocol}//${hostname}${port ? `:${port}` : ''}${path}?${search}`;
}
