import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * S3's checks on a browser form upload (presigned POST), which s3rver does not make: the signature
 * over the policy, the policy's expiry, each of its conditions, and no form field outside them
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html).
 * Hand-written because no maintained package verifies POST policies server-side; it follows the
 * documented rules for the condition kinds S3 supports.
 */

export interface PostForm {
  /** Form fields, names as sent (S3 compares them case-insensitively), the file excepted. */
  fields: Record<string, string>;
  bucket: string;
  fileSize: number;
}

export type PostRefusal = { status: number; code: string; message: string; extra?: Record<string, string | number> };

/** Fields that need no condition (S3's list). */
const EXEMPT = new Set(['x-amz-signature', 'file', 'policy']);

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** SigV4 signing key of a credential scope `date/region/service/aws4_request`. */
export function signingKey(secret: string, scope: string): Buffer {
  const [date = '', region = '', service = ''] = scope.split('/');
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

export function checkPostPolicy(
  form: PostForm,
  options: { now: Date; secretFor: (accessKeyId: string) => string | undefined },
): PostRefusal | undefined {
  const field = new Map(Object.entries(form.fields).map(([name, value]) => [name.toLowerCase(), value]));
  const policy64 = field.get('policy');
  const credential = field.get('x-amz-credential');
  const signature = field.get('x-amz-signature');
  if (!policy64 || !credential || !signature || field.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    return {
      status: 403,
      code: 'AccessDenied',
      message: 'Bucket POST must contain a field named policy, x-amz-credential, x-amz-algorithm and x-amz-signature',
    };
  }
  const [accessKeyId = '', ...scope] = credential.split('/');
  const secret = options.secretFor(accessKeyId);
  if (!secret)
    return {
      status: 403,
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    };
  const expected = createHmac('sha256', signingKey(secret, scope.join('/')))
    .update(policy64, 'utf8')
    .digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided.',
    };
  }

  let policy: { expiration?: string; conditions?: unknown[] };
  try {
    policy = JSON.parse(Buffer.from(policy64, 'base64').toString('utf8')) as typeof policy;
  } catch {
    return { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid JSON.' };
  }
  if (!policy.expiration || !(Date.parse(policy.expiration) > options.now.getTime())) {
    return { status: 403, code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' };
  }

  const covered = new Set<string>();
  const value = (name: string) => (name === 'bucket' ? form.bucket : field.get(name));
  for (const condition of policy.conditions ?? []) {
    let failed: boolean;
    if (Array.isArray(condition) && condition[0] === 'content-length-range') {
      const [, min, max] = condition as [string, number, number];
      if (form.fileSize > max)
        return {
          status: 400,
          code: 'EntityTooLarge',
          message: 'Your proposed upload exceeds the maximum allowed size',
          extra: { ProposedSize: form.fileSize, MaxSizeAllowed: max },
        };
      if (form.fileSize < min)
        return {
          status: 400,
          code: 'EntityTooSmall',
          message: 'Your proposed upload is smaller than the minimum allowed size',
          extra: { ProposedSize: form.fileSize, MinSizeAllowed: min },
        };
      continue;
    } else if (Array.isArray(condition)) {
      const [operator, target, expected] = condition as [string, string, string];
      const name = String(target).replace(/^\$/, '').toLowerCase();
      covered.add(name);
      const actual = value(name);
      if (operator === 'eq') failed = actual !== expected;
      else if (operator === 'starts-with') failed = actual === undefined || !actual.startsWith(expected);
      else failed = true;
    } else {
      const [[target, expected] = ['', '']] = Object.entries(condition as Record<string, string>);
      const name = target.toLowerCase();
      covered.add(name);
      failed = value(name) !== expected;
    }
    if (failed)
      return {
        status: 403,
        code: 'AccessDenied',
        message: `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`,
      };
  }
  const extra = [...field.keys()].filter(
    (name) => !EXEMPT.has(name) && !name.startsWith('x-ignore-') && !covered.has(name),
  );
  if (extra.length)
    return {
      status: 403,
      code: 'AccessDenied',
      message: `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`,
    };
  return undefined;
}
