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
  return JSON.stringify(ofType('AWS::IAM::Policy').filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role)));
};

beforeAll(() => {
  const { stack } = buildApp(new App({ context: { 'avenir:mailFrom': 'Avenir <noreply@example.org>', 'avenir:adminEmail': 'equipe@example.org' } }));
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

  it('gives the console API no access to media (public through /media/) and no write to uploads', () => {
    const text = policyText('admin-api');
    expect(text).not.toMatch(/Media/);
    expect(text).not.toContain('s3:PutObject');
    expect(text).toContain('/releases/*');
    expect(text).toContain('/proofs/*');
  });
});
