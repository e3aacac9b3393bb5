import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFunctionsBehindIam, type FunctionsBehindIam } from '../../infra/local/iam/functions-behind-iam.ts';
import {
  bucketPolicies,
  PolicyEvaluator,
  rolePrincipals,
  type PolicyDocument,
} from '../../infra/local/iam/policies.ts';
import { LOCAL_CREDENTIALS } from '../../infra/local/s3.ts';
import {
  createResolver,
  distributionOf,
  functionsOf,
  LOCAL_ACCOUNT_ID,
  synthTemplate,
  type CfnTemplate,
} from '../../infra/local/template.ts';
import { syntheticJpeg } from '../bench/images.ts';
import { ApplicantClient } from '../support/api-client.ts';
import { completeFields } from '../support/fixtures.ts';
import { openTestCampaign } from '../support/seed.ts';
import { s3Event } from '../support/s3-events.ts';

/**
 * The local stack refuses what AWS would refuse: every SDK call of a function is checked against its
 * role in the synthesized template. Proved here by running the real photo function (its bundle)
 * against the same emulators twice: with the template as synthesized, and with one grant taken away.
 */

const stack = inject('stack');
let template: CfnTemplate;
let region: string;

const names = () => ({
  region,
  accountId: LOCAL_ACCOUNT_ID,
  frontOrigin: stack.urls.front,
  cognito: { userPoolId: stack.cognito.userPoolId, clientId: stack.cognito.clientId },
});

async function functionsOn(withTemplate: CfnTemplate): Promise<FunctionsBehindIam> {
  const resolve = createResolver(withTemplate, names());
  return startFunctionsBehindIam({
    template: withTemplate,
    resolve,
    functions: functionsOf(withTemplate, resolve),
    region,
    accountId: LOCAL_ACCOUNT_ID,
    operator: LOCAL_CREDENTIALS,
    targets: {
      s3: stack.urls.s3,
      dynamodb: stack.urls.dynamodb,
      ses: stack.urls.ses,
      states: stack.urls.stepFunctions,
    },
    cognitoUrl: stack.urls.cognito,
    quiet: true,
  });
}

/** The template with one action taken out of the policies of one function's role. */
function withoutAction(source: CfnTemplate, functionPrefix: string, action: string): CfnTemplate {
  const copy = structuredClone(source);
  const [, fn] = Object.entries(copy.Resources).find(
    ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(functionPrefix),
  )!;
  const roleId = (fn.Properties!.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  let removed = 0;
  for (const policy of Object.values(copy.Resources).filter(
    (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties?.Roles).includes(`"${roleId}"`),
  )) {
    for (const statement of (policy.Properties!.PolicyDocument as PolicyDocument).Statement) {
      const actions = [statement.Action].flat() as string[];
      if (actions.includes(action)) {
        statement.Action = actions.filter((a) => a !== action);
        removed += 1;
      }
    }
  }
  expect(removed, `${action} granted to ${functionPrefix}`).toBeGreaterThan(0);
  return copy;
}

beforeAll(async () => {
  ({ template, region } = await synthTemplate());
});

describe('each function is refused what its role does not grant', () => {
  const sandboxes: FunctionsBehindIam[] = [];
  afterAll(async () => {
    await Promise.all(sandboxes.map((s) => s.stop()));
  });

  it('the photo function reads the version its event names with its grant, and is refused it without', async () => {
    // A real upload, handled once by the stack; then replayed with a later sequencer, so that each run reads the object.
    await openTestCampaign(stack);
    const client = new ApplicantClient(stack.urls.front);
    await client.create({
      ...completeFields(),
      contact: { ...completeFields().contact, email: `iam+${randomUUID().slice(0, 8)}@example.org` },
    });
    const body = await syntheticJpeg(1600, 1200);
    const slot = await client.slot({ kind: 'photo', slot: 1, contentType: 'image/jpeg', size: body.length });
    expect(await client.post(slot, body, 'image/jpeg')).toBeLessThan(300);
    await client.waitFor((view) => view.photos.some((p) => p.state === 'ready'));
    const replay = s3Event(stack, slot.key, body.length, 'F'.repeat(32));

    const revoked = await functionsOn(withoutAction(template, 'PhotoFunction', 's3:GetObjectVersion'));
    sandboxes.push(revoked);
    await expect(revoked.runtime.invoke('photo', replay, { source: 'test' })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringMatching(
        /is not authorized to perform: s3:GetObjectVersion on resource: "arn:aws:s3:::[^/]+\/photos\//,
      ),
    });
    expect(revoked.gateway.denials.map((d) => d.action)).toEqual(['s3:GetObjectVersion']);

    const granted = await functionsOn(template);
    sandboxes.push(granted);
    await granted.runtime.invoke('photo', replay, { source: 'test' });
    expect(granted.gateway.denials).toEqual([]);
    expect((await client.get()).photos[0]).toMatchObject({ uploadId: slot.uploadId, state: 'ready' });
  });
});

describe('least privilege, as the synthesized roles say', () => {
  const decide = async (functionPrefix: string, action: string, resource: string) => {
    const resolve = createResolver(template, names());
    const ids = functionsOf(template, resolve).map((fn) => fn.logicalId);
    const principal = rolePrincipals(template, resolve, LOCAL_ACCOUNT_ID, ids).find((p) =>
      p.functionId.startsWith(functionPrefix),
    )!;
    return (
      await new PolicyEvaluator(LOCAL_ACCOUNT_ID, bucketPolicies(template, resolve)).decide(principal, {
        action,
        resource,
      })
    ).allowed;
  };
  const uploads = () => `arn:aws:s3:::${stack.env.UPLOADS_BUCKET}`;

  it('lets each function do its own work and nothing next to it', async () => {
    expect(await decide('PhotoFunction', 's3:GetObjectVersion', `${uploads()}/photos/a/1/b.jpg`)).toBe(true);
    expect(await decide('PhotoFunction', 's3:GetObjectVersion', `${uploads()}/releases/a/b.pdf`)).toBe(false);
    expect(await decide('ReleaseFunction', 's3:GetObjectVersion', `${uploads()}/releases/a/b.pdf`)).toBe(true);
    expect(await decide('ReleaseFunction', 's3:GetObjectVersion', `${uploads()}/photos/a/1/b.jpg`)).toBe(false);
    expect(await decide('TimelineFunction', 's3:PutObject', `arn:aws:s3:::${stack.env.SITE_BUCKET}/index.html`)).toBe(
      false,
    );
    expect(await decide('TimelineFunction', 'lambda:InvokeFunction', stack.env.PUBLISH_FUNCTION!)).toBe(true);
    expect(await decide('AdminApiFunction', 'states:StartExecution', stack.env.TIMELINE_ARN!)).toBe(true);
    expect(await decide('ApiFunction', 'states:StartExecution', stack.env.TIMELINE_ARN!)).toBe(false);
    // The mail queue's consumer reads the attachments an email names (a file's summary, release proof or scan), no photo.
    expect(await decide('MailQueueConsumer', 's3:GetObject', `${uploads()}/receipts/a/recapitulatif-1.pdf`)).toBe(true);
    expect(await decide('MailQueueConsumer', 's3:GetObject', `${uploads()}/photos/a/1/b.jpg`)).toBe(false);
  });

  it('lets the distribution read the site and media buckets (OAC, by their bucket policies), not the uploads, and no other distribution', async () => {
    const resolve = createResolver(template, names());
    const { arn } = distributionOf(template, resolve);
    const evaluator = new PolicyEvaluator(LOCAL_ACCOUNT_ID, bucketPolicies(template, resolve));
    expect(
      await evaluator.allowsDistribution(arn, 's3:GetObject', `arn:aws:s3:::${stack.env.SITE_BUCKET}/index.html`),
    ).toBe(true);
    expect(
      await evaluator.allowsDistribution(
        arn,
        's3:GetObject',
        `arn:aws:s3:::${stack.env.MEDIA_BUCKET}/media/a/1/b/400.webp`,
      ),
    ).toBe(true);
    expect(await evaluator.allowsDistribution(arn, 's3:ListBucket', `arn:aws:s3:::${stack.env.SITE_BUCKET}`)).toBe(
      true,
    );
    expect(await evaluator.allowsDistribution(arn, 's3:GetObject', `${uploads()}/photos/a/1/b.jpg`)).toBe(false);
    expect(
      await evaluator.allowsDistribution(
        arn.replace(/distribution\/.*/, 'distribution/EOTHER'),
        's3:GetObject',
        `arn:aws:s3:::${stack.env.SITE_BUCKET}/index.html`,
      ),
    ).toBe(false);
  });
});
