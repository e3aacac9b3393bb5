import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TABLE_KEYS } from '../../infra/constructs/data.ts';
import { UPLOAD_PREFIXES } from '../../infra/constructs/storage.ts';
import {
  deliveries,
  invocations,
  localDynamoDb,
  localS3,
  localStack,
  signIn,
  waitForDelivery,
} from '../support/local-clients.ts';

/** The local stack itself: provisioned from the CDK template, wired like AWS. */

const stack = localStack();
const front = stack.urls.front;

describe('local front', () => {
  it('serves the site or its 404 page, with the distribution security headers', async () => {
    const res = await fetch(`${front}/`);
    expect([200, 404]).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // The site's CSP, plus the local S3 origin the browser uploads to (through the IAM gateway, which enforces POST policies).
    expect(res.headers.get('content-security-policy')).toMatch(new RegExp(`connect-src [^;]*${stack.urls.gateway}`));
  });

  it('runs the distribution’s CloudFront function: /x redirects to /x/, /x/ is the bucket’s x/index.html', async () => {
    const redirect = await fetch(`${front}/candidater`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/candidater/');
    const page = await fetch(`${front}/candidater/`);
    expect(page.status).toBe(200);
    const stored = await localS3().send(
      new GetObjectCommand({ Bucket: stack.env.SITE_BUCKET!, Key: 'candidater/index.html' }),
    );
    expect(await page.text()).toBe(await stored.Body!.transformToString());
  });

  it('serves nothing the publication did not write: a page absent from the site bucket is the 404 page', async () => {
    const res = await fetch(`${front}/pas-publie-${randomUUID()}/`);
    expect(res.status).toBe(404);
  });

  it('shows the local inbox in French', async () => {
    const res = await fetch(`${front}/_local/inbox`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Boîte de réception locale');
  });
});

describe('tables', () => {
  it('exist with the key schema, index and TTL of the template', async () => {
    const db = localDynamoDb();
    const { Table } = await db.send(new DescribeTableCommand({ TableName: stack.env.TABLE_NAME }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE_KEYS.pk, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sk, KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const gsi = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === TABLE_KEYS.gsi1);
    expect(gsi?.KeySchema).toEqual([
      { AttributeName: TABLE_KEYS.gsi1pk, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.gsi1sk, KeyType: 'RANGE' },
    ]);
    const { TimeToLiveDescription } = await db.send(new DescribeTimeToLiveCommand({ TableName: stack.env.TABLE_NAME }));
    expect(TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: TABLE_KEYS.ttl });
  });
});

describe('S3 notifications', () => {
  const bucket = stack.env.UPLOADS_BUCKET!;
  const put = (key: string) =>
    localS3().send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'pas une vraie photo', ContentType: 'image/jpeg' }),
    );

  it('deliver to the photo handler the event AWS would send, key encoded as AWS does', async () => {
    const id = randomUUID();
    const key = `${UPLOAD_PREFIXES.photos}${id}/1/my photo+1 é.jpg`;
    await put(key);
    const delivery = await waitForDelivery((d) => d.key === key);
    expect(delivery.entry).toBe('photo');
    const [record] = delivery.event.Records;
    expect(record?.s3.object.key).toBe(`photos/${id}/1/my+photo%2B1+%C3%A9.jpg`);
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: stack.env.AWS_REGION,
      eventName: 'ObjectCreated:Put',
    });
    expect(record?.s3.bucket).toMatchObject({ name: bucket, arn: `arn:aws:s3:::${bucket}` });
    expect(record?.s3.object).toMatchObject({
      size: 'pas une vraie photo'.length,
      eTag: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(record?.s3.object.versionId).toBeTruthy(); // the uploads bucket is versioned
    expect(record?.s3.object.sequencer).toMatch(/^[0-9A-F]{18}$/);

    await put(key);
    const again = await waitForDelivery((d) => d.key === key && d.id !== delivery.id);
    expect(again.event.Records[0]!.s3.object.sequencer > record!.s3.object.sequencer).toBe(true);
  });

  it('deliver nothing for a key no notification filter matches', async () => {
    const id = randomUUID();
    await put(`elsewhere/${id}.jpg`);
    // Events are dispatched in order: once a later matching upload is delivered, the first would be there too.
    const marker = `${UPLOAD_PREFIXES.photos}${id}/2/marker.jpg`;
    await put(marker);
    await waitForDelivery((d) => d.key === marker);
    expect((await deliveries()).filter((d) => d.key.includes(id)).map((d) => d.key)).toEqual([marker]);
  });
});

describe('admin API behind the JWT authorizer', () => {
  const probe = () => `/api/admin/probe-${randomUUID()}`;
  const reached = async (path: string) =>
    (await invocations()).filter((i) => i.entry === 'admin-api' && i.details?.path === path);

  it('answers 401 without a token, without calling the handler', async () => {
    const path = probe();
    const res = await fetch(`${front}${path}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
    expect(await reached(path)).toEqual([]);
  });

  it('answers 401 to a garbage token and to a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ 'cognito:groups': ['admin'], token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
      .setIssuer(stack.cognito.issuer)
      .setAudience(stack.cognito.clientId)
      .setSubject(randomUUID())
      .setExpirationTime('5m')
      .sign(privateKey);
    for (const token of ['garbage', 'a.b.c', forged]) {
      const path = probe();
      const res = await fetch(`${front}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expect(await reached(path)).toEqual([]);
    }
  });

  it('lets the local admin through, with the claims API Gateway passes (groups flattened to a string)', async () => {
    const { idToken, accessToken } = await signIn();
    for (const token of [idToken, accessToken]) {
      const path = probe();
      const res = await fetch(`${front}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).not.toBe(401);
      const [invocation] = await reached(path);
      expect(invocation?.details?.routeKey).toBe('ANY /api/admin/{proxy+}');
      const claims = invocation?.details?.claims as Record<string, string>;
      expect(claims['cognito:groups']).toBe('[admin]');
      expect(claims.iss).toBe(stack.cognito.issuer);
    }
  });

  it('sends public API routes to the public handler, without authorizer', async () => {
    await fetch(`${front}/api/applications/${randomUUID()}`);
    const [last] = (await invocations()).filter((i) => i.source === 'http');
    expect(last).toMatchObject({ entry: 'api', details: { routeKey: 'ANY /api/{proxy+}' } });
    expect(last?.details?.claims).toBeUndefined();
  });
});

describe('uploads bucket CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${stack.urls.s3}/${stack.env.UPLOADS_BUCKET}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('allows the browser POST from the local front, as the template allows it from the site', async () => {
    const res = await preflight(new URL(front).origin);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('refuses another origin', async () => {
    expect((await preflight('https://example.org')).status).toBe(403);
  });
});
