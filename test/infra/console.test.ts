import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';

/** What the admin console relies on in the stack. */
type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };
let resources: Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const fn = (entry: string) => ofType('AWS::Lambda::Function').find(([, f]) => f.Metadata?.['avenir:entry'] === entry)!;
const policyText = (entry: string) => {
  const role = (fn(entry)[1].Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  return JSON.stringify(
    ofType('AWS::IAM::Policy').filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role)),
  );
};

beforeAll(() => {
  const { stack } = buildApp(
    new App({
      context: { 'avenir:mailFrom': 'Avenir <noreply@example.org>', 'avenir:adminEmail': 'equipe@example.org' },
    }),
  );
  resources = (stack.node.root as App).synth().getStackByName(stack.stackName).template.Resources;
});

describe('console in the stack', () => {
  it('lets the API tell the console where to sign in (pool and client ids)', () => {
    const variables = (fn('api')[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(['USER_POOL_ID', 'USER_POOL_CLIENT_ID']));
  });

  it('maps only 404s to the site page: the console API’s 403 (« pas accès ») reaches the browser', () => {
    const [[, distribution]] = ofType('AWS::CloudFront::Distribution') as [[string, Resource]];
    const config = distribution.Properties.DistributionConfig as { CustomErrorResponses: { ErrorCode: number }[] };
    expect(config.CustomErrorResponses.map((r) => r.ErrorCode)).toEqual([404]);
  });

  it('gives the console API no read of media (public through /media/), only the erasure of a file’s, and no write to uploads but the exports', () => {
    const text = policyText('admin-api');
    // Erasing a file (README « Données personnelles ») lists and deletes its media; nothing reads them.
    const policies = JSON.parse(text) as [
      string,
      { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } },
    ][];
    const onMedia = policies
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .filter((s) => JSON.stringify(s.Resource).includes('Media'))
      .flatMap((s) => [s.Action].flat());
    expect(new Set(onMedia)).toEqual(new Set(['s3:ListBucket', 's3:DeleteObject']));
    // Writes to uploads: the data export's ZIP only (exports/, presigned for the team).
    const puts = policies
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .filter((s) => [s.Action].flat().includes('s3:PutObject'));
    expect(puts.map((s) => JSON.stringify(s.Resource))).toEqual([expect.stringContaining('/exports/*')]);
    expect(text).toContain('/releases/*');
    expect(text).toContain('/proofs/*');
  });
});
