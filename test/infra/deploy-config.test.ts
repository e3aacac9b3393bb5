import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { readDeployConfig } from '../../infra/config.ts';
import type { AvenirStack } from '../../infra/stack.ts';

/**
 * Deployment settings that must hold on a real account: region from context only (never the CLI's
 * CDK_DEFAULT_REGION), a stage for a second environment in the same account, a custom domain only
 * with a us-east-1 certificate. The CLI test needs `npm run build` (bundles in dist/functions):
 * `npm test` builds before running vitest.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const BASE = { 'avenir:mailFrom': 'Avenir <noreply@example.org>', 'avenir:adminEmail': 'admin@example.org' };
const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const DOMAIN = 'initiatives.example.org';

type Json = {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }>;
  Outputs?: Record<string, { Value: unknown }>;
};

const config = (context: Record<string, unknown>) => () => readDeployConfig((key) => ({ ...BASE, ...context })[key]);

describe('deployment settings (infra/config.ts)', () => {
  it('defaults to eu-west-3, no stage, no domain', () => {
    expect(config({})()).toMatchObject({ region: 'eu-west-3', stage: undefined, siteDomain: '', certificateArn: '' });
    expect(config({ 'avenir:stage': '', 'avenir:region': '' })()).toMatchObject({
      region: 'eu-west-3',
      stage: undefined,
    });
    expect(config({ 'avenir:region': 'eu-central-1', 'avenir:stage': 'staging' })()).toMatchObject({
      region: 'eu-central-1',
      stage: 'staging',
    });
  });

  it('keeps the data in the EU: a region outside it fails synth, in French', () => {
    for (const region of ['us-east-1', 'eu-west-2', 'eu-central-2', 'paris']) {
      expect(config({ 'avenir:region': region })).toThrow(
        /avenir:region doit être une région AWS de l'Union européenne/,
      );
    }
  });

  it('refuses a stage that cannot be part of names', () => {
    for (const stage of ['Staging', 'staging_1', 'pré-prod', '-x', 'x-', '1x', 'a'.repeat(21)]) {
      expect(config({ 'avenir:stage': stage }), stage).toThrow(/avenir:stage doit être un nom court/);
    }
    expect(config({ 'avenir:stage': 'a'.repeat(20) })().stage).toBe('a'.repeat(20));
    expect(config({ 'avenir:stage': 'pr-42' })().stage).toBe('pr-42');
  });

  it('requires a us-east-1 certificate with a domain, and a domain with a certificate', () => {
    expect(config({ 'avenir:siteDomain': DOMAIN })).toThrow(/avenir:siteDomain exige avenir:certificateArn/);
    expect(
      config({ 'avenir:siteDomain': DOMAIN, 'avenir:certificateArn': CERTIFICATE.replace('us-east-1', 'eu-west-3') }),
    ).toThrow(
      /avenir:certificateArn est un certificat de eu-west-3 : CloudFront n'accepte que des certificats ACM de la région us-east-1/,
    );
    expect(config({ 'avenir:certificateArn': CERTIFICATE })).toThrow(/avenir:certificateArn sans avenir:siteDomain/);
    expect(
      config({
        'avenir:siteDomain': DOMAIN,
        'avenir:certificateArn': 'arn:aws:iam::123456789012:server-certificate/x',
      }),
    ).toThrow(/l'ARN d'un certificat ACM/);
    expect(config({ 'avenir:siteDomain': `https://${DOMAIN}/`, 'avenir:certificateArn': CERTIFICATE })).toThrow(
      /avenir:siteDomain doit être un nom de domaine/,
    );
    expect(config({ 'avenir:siteDomain': DOMAIN, 'avenir:certificateArn': CERTIFICATE })()).toMatchObject({
      siteDomain: DOMAIN,
      certificateArn: CERTIFICATE,
    });
  });

  it('takes the region from context, not from CDK_DEFAULT_REGION', () => {
    const previous = process.env.CDK_DEFAULT_REGION;
    process.env.CDK_DEFAULT_REGION = 'us-east-1';
    try {
      expect(buildApp(new App({ context: { ...BASE, 'avenir:region': 'eu-central-1' } })).stack.region).toBe(
        'eu-central-1',
      );
    } finally {
      restore('CDK_DEFAULT_REGION', previous);
    }
  });
});

function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Literal string values of every `…Name` property, by `<logical id>.<path>`. */
function namesOf(template: Json): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (value: unknown, at: string) => {
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (/Name$/.test(key) && typeof child === 'string') names.set(`${at}.${key}`, child);
      walk(child, `${at}.${key}`);
    }
  };
  for (const [id, resource] of Object.entries(template.Resources)) walk(resource.Properties, `${resource.Type} ${id}`);
  return names;
}

describe('synthesized with CDK_DEFAULT_REGION=us-east-1 (what the CLI sets without a profile)', () => {
  let plain: { app: App; stack: AvenirStack; json: Json };
  let staged: { app: App; stack: AvenirStack; json: Json };
  const previous = process.env.CDK_DEFAULT_REGION;

  beforeAll(() => {
    process.env.CDK_DEFAULT_REGION = 'us-east-1';
    const a = buildApp(new App({ context: BASE }));
    plain = { ...a, json: Template.fromStack(a.stack).toJSON() as Json };
    const b = buildApp(
      new App({
        context: {
          ...BASE,
          'avenir:stage': 'staging',
          'avenir:siteDomain': DOMAIN,
          'avenir:certificateArn': CERTIFICATE,
        },
      }),
    );
    staged = { ...b, json: Template.fromStack(b.stack).toJSON() as Json };
  });
  afterAll(() => restore('CDK_DEFAULT_REGION', previous));

  it('stays in eu-west-3: stack region, and no us-east-1 anywhere but in the certificate ARN', () => {
    expect(plain.stack.region).toBe('eu-west-3');
    expect(staged.stack.region).toBe('eu-west-3');
    expect(JSON.stringify(plain.json)).not.toContain('us-east-1');
    expect(JSON.stringify(staged.json).replaceAll(CERTIFICATE, '')).not.toContain('us-east-1');
    // The SES identity the functions may send from is the one of the stack's region.
    expect(JSON.stringify(plain.json)).toContain(':ses:eu-west-3:');
  });

  it('keeps the stack named Avenir without a stage (existing deployments, local stack)', () => {
    expect(plain.stack.stackName).toBe('Avenir');
    expect(plain.app.synth().getStackByName('Avenir').environment.region).toBe('eu-west-3');
    expect(
      namesOf(plain.json).get('AWS::StepFunctions::StateMachine TimelineStateMachineC403CACD.StateMachineName'),
    ).toBe('Avenir-Timeline');
  });

  it('puts the stage in the stack name and in every account-wide name', () => {
    expect(staged.stack.stackName).toBe('Avenir-staging');
    const before = namesOf(plain.json);
    const after = namesOf(staged.json);
    // The names derived from the stack (explicit, or generated by CDK from the construct path).
    const derived = [...before].filter(([, name]) => name.includes('Avenir')).map(([at]) => at);
    const types = new Set(derived.map((at) => at.split(' ')[0]));
    expect([...types].sort()).toEqual(
      [
        'AWS::CloudFront::Function',
        'AWS::CloudFront::OriginAccessControl',
        'AWS::CloudFront::ResponseHeadersPolicy',
        'AWS::Logs::LogGroup',
        'AWS::StepFunctions::StateMachine',
        // The redrive function, invoked by its name (npm run redrive).
        'AWS::Lambda::Function',
        // Operations (infra/constructs/monitoring.ts): alarm, dashboard and budget names, the alarm topic's sender name.
        'AWS::Budgets::Budget',
        'AWS::CloudWatch::Alarm',
        'AWS::CloudWatch::Dashboard',
        'AWS::SNS::Topic',
      ].sort(),
    );
    expect(derived.filter((at) => at.startsWith('AWS::CloudFront::OriginAccessControl'))).toHaveLength(2);
    for (const at of derived) {
      expect(after.get(at), at).toMatch(/staging/i);
      expect(after.get(at), at).not.toBe(before.get(at));
      expect(before.get(at), at).not.toMatch(/staging/i);
    }
    expect(after.get('AWS::StepFunctions::StateMachine TimelineStateMachineC403CACD.StateMachineName')).toBe(
      'Avenir-staging-Timeline',
    );
    // Any other literal name is not account-wide (API and authorizer names, indexes, attributes, the admin group…).
    const others = [...after].filter(([at]) => !derived.includes(at)).map(([, name]) => name);
    expect(others.filter((name) => /avenir/i.test(name))).toEqual([]);
  });

  it('serves the custom domain: alias with the certificate, emailed links and upload CORS on https://<domain>', () => {
    const [, dist] = Object.entries(staged.json.Resources).find(([, r]) => r.Type === 'AWS::CloudFront::Distribution')!;
    expect(dist.Properties!.DistributionConfig).toMatchObject({
      Aliases: [DOMAIN],
      ViewerCertificate: {
        AcmCertificateArn: CERTIFICATE,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      },
    });
    const functions = Object.values(staged.json.Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['avenir:entry'],
    );
    // Every function that makes links (emails, pages) makes them on the domain; the compilation prints none.
    const siteUrls = functions
      .map((f) => (f.Properties!.Environment as { Variables: Record<string, unknown> }).Variables.SITE_URL)
      .filter((url) => url !== undefined);
    expect(siteUrls.length).toBeGreaterThanOrEqual(functions.length - 1);
    expect(new Set(siteUrls)).toEqual(new Set([`https://${DOMAIN}`]));
    const cors = Object.values(staged.json.Resources)
      .filter((r) => r.Type === 'AWS::S3::Bucket')
      .flatMap(
        (r) =>
          (r.Properties!.CorsConfiguration as { CorsRules: { AllowedOrigins: unknown[] }[] } | undefined)?.CorsRules ??
          [],
      );
    expect(cors.map((rule) => rule.AllowedOrigins)).toEqual([[`https://${DOMAIN}`]]);
    expect(staged.json.Outputs!.SiteUrl!.Value).toBe(`https://${DOMAIN}`);
    // Without a domain: the distribution's own name, no alias.
    const [, plainDist] = Object.entries(plain.json.Resources).find(
      ([, r]) => r.Type === 'AWS::CloudFront::Distribution',
    )!;
    expect((plainDist.Properties!.DistributionConfig as Record<string, unknown>).Aliases).toBeUndefined();
    expect(JSON.stringify(plain.json.Outputs!.SiteUrl!.Value)).toContain('SiteDistribution');
    // With the certificate, the TLS policy is pinned: the AwsSolutions checks pass without the CFR4 acknowledgement.
    expect(() => staged.app.synth()).not.toThrow();
  });
});

describe('cdk synth (the CLI, as npm run synth runs it)', () => {
  it('writes an eu-west-3 environment although the CLI sets CDK_DEFAULT_REGION=us-east-1', async () => {
    const outdir = await mkdtemp(path.join(os.tmpdir(), 'avenir-cli-synth-'));
    // No credentials at all, so the account is unknown wherever the test runs (and no metadata lookup).
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CDK_DEFAULT_REGION: 'us-east-1',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: path.join(outdir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(outdir, 'none'),
    };
    for (const name of [
      'AWS_PROFILE',
      'AWS_DEFAULT_PROFILE',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'CDK_DEFAULT_ACCOUNT',
    ])
      delete env[name];
    try {
      // --no-staging: the bundles are not copied (they play no part in the environment); ~25 s.
      await promisify(execFile)('npx', ['cdk', 'synth', '-q', '--no-staging', '-o', outdir], {
        cwd: ROOT,
        env,
        timeout: 90_000,
      });
      const manifest = JSON.parse(await readFile(path.join(outdir, 'manifest.json'), 'utf8')) as {
        artifacts: Record<string, { type: string; environment?: string }>;
      };
      const stacks = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
      expect(stacks.map(([id, a]) => [id, a.environment])).toEqual([['Avenir', 'aws://unknown-account/eu-west-3']]);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });
});
