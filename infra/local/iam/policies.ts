import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { CfnTemplate, Resolve } from '../template.ts';
import type { Authorization } from './aws-requests.ts';

/**
 * The IAM side of the local stack: each function's role policies and the buckets' policies, read
 * from the synthesized template, and a decision per (principal, action, resource) taken by
 * @cloud-copilot/iam-simulate (a maintained evaluator of identity and resource policies with AWS's
 * action/resource catalogue) rather than a home-made matcher.
 */

export interface PolicyDocument {
  Version?: string;
  Statement: Record<string, unknown>[];
}

export interface RolePrincipal {
  /** The function's logical id (its local name). */
  functionId: string;
  roleId: string;
  /** What AWS names the caller in its denials: the assumed role session of the function. */
  arn: string;
  policies: { name: string; policy: PolicyDocument }[];
}

/** Each app function's role and every policy attached to it (AWS::IAM::Policy and the role's inline policies). */
export function rolePrincipals(
  template: CfnTemplate,
  resolve: Resolve,
  accountId: string,
  functionIds: string[],
): RolePrincipal[] {
  const resources = Object.entries(template.Resources);
  return functionIds.map((functionId) => {
    const role = (template.Resources[functionId]?.Properties?.Role ?? {}) as { 'Fn::GetAtt'?: string[] };
    const roleId = role['Fn::GetAtt']?.[0];
    if (!roleId || template.Resources[roleId]?.Type !== 'AWS::IAM::Role')
      throw new Error(`La fonction ${functionId} n'a pas de rôle IAM dans le modèle`);
    const roleProps = template.Resources[roleId]!.Properties ?? {};
    if (Array.isArray(roleProps.ManagedPolicyArns) && roleProps.ManagedPolicyArns.length) {
      // AWS-managed policies are not in the template: evaluating without them would deny what AWS allows.
      throw new Error(
        `Le rôle ${roleId} utilise des politiques gérées par AWS, que la pile locale ne sait pas évaluer`,
      );
    }
    const attached = resources
      .filter(
        ([, r]) =>
          r.Type === 'AWS::IAM::Policy' &&
          ((r.Properties?.Roles ?? []) as { Ref?: string }[]).some((ref) => ref.Ref === roleId),
      )
      .map(([id, r]) => ({ name: id, policy: resolve(r.Properties?.PolicyDocument) as PolicyDocument }));
    const inline = ((roleProps.Policies ?? []) as { PolicyName: string; PolicyDocument: unknown }[]).map((p) => ({
      name: p.PolicyName,
      policy: resolve(p.PolicyDocument) as PolicyDocument,
    }));
    return {
      functionId,
      roleId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${roleId}/${functionId}`,
      policies: [...attached, ...inline],
    };
  });
}

/** Bucket name → its bucket policy (AWS::S3::BucketPolicy), resolved to local names. */
export function bucketPolicies(template: CfnTemplate, resolve: Resolve): Map<string, PolicyDocument> {
  return new Map(
    Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::S3::BucketPolicy')
      .map((r) => [String(resolve(r.Properties?.Bucket)), resolve(r.Properties?.PolicyDocument) as PolicyDocument]),
  );
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

/**
 * Decides as AWS would for a same-account caller: allowed when an identity policy allows and no
 * policy denies. Requests are taken as made over TLS (`aws:SecureTransport`), as the SDK does on AWS;
 * the local transport is plain HTTP on loopback.
 */
export class PolicyEvaluator {
  private readonly cache = new Map<string, Promise<Decision>>();
  private readonly patterns = new WeakMap<object, RegExp[][]>();

  constructor(
    private readonly accountId: string,
    private readonly buckets: Map<string, PolicyDocument>,
  ) {}

  decide(principal: RolePrincipal, { action, resource }: Authorization): Promise<Decision> {
    // Keyed by which statements' resource patterns match, not by the resource itself: every object
    // key under one prefix shares a decision, so iam-simulate (~2 ms) runs once per shape, not per key.
    const key = `${principal.arn}\n${action}\n${this.resourceShape(principal, resource)}`;
    let decision = this.cache.get(key);
    if (!decision) {
      if (this.cache.size > 10_000) this.cache.clear();
      decision = this.evaluate(principal, action, resource);
      this.cache.set(key, decision);
    }
    return decision.then((d) =>
      d.allowed
        ? d
        : { allowed: false, reason: d.reason.replace(/on resource: "[^"]*"/, `on resource: "${resource}"`) },
    );
  }

  /** Which statements of the principal's policies and of the bucket's policy name this resource (a bit each). */
  private resourceShape(principal: RolePrincipal, resource: string): string {
    const bucket = /^arn:aws:s3:::([^/]+)/.exec(resource)?.[1];
    const documents = [
      ...principal.policies.map((p) => p.policy),
      ...(bucket && this.buckets.has(bucket) ? [this.buckets.get(bucket)!] : []),
    ];
    return documents
      .map((document) =>
        this.statementPatterns(document)
          .map((any) => (any.some((re) => re.test(resource)) ? '1' : '0'))
          .join(''),
      )
      .join('|');
  }

  private statementPatterns(document: PolicyDocument): RegExp[][] {
    let patterns = this.patterns.get(document);
    if (!patterns) {
      const toRegExp = (pattern: string) =>
        new RegExp(
          `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
        );
      patterns = document.Statement.map((statement) =>
        [statement.Resource ?? statement.NotResource ?? '*'].flat().map((r) => toRegExp(String(r))),
      );
      this.patterns.set(document, patterns);
    }
    return patterns;
  }

  /** CloudFront's origin access control reading a bucket for one distribution: the bucket policy alone decides. */
  async allowsDistribution(distributionArn: string, action: string, resource: string): Promise<boolean> {
    const key = `${distributionArn}\n${action}\n${resource}`;
    let decision = this.cache.get(key);
    if (!decision) {
      decision = this.evaluate(
        {
          service: 'cloudfront.amazonaws.com',
          context: { 'aws:SourceArn': distributionArn, 'aws:SourceAccount': this.accountId },
        },
        action,
        resource,
      );
      this.cache.set(key, decision);
    }
    return (await decision).allowed;
  }

  private async evaluate(
    principal: RolePrincipal | { service: string; context: Record<string, string> },
    action: string,
    resource: string,
  ): Promise<Decision> {
    const bucket = /^arn:aws:s3:::([^/]+)/.exec(resource)?.[1];
    const resourcePolicy = bucket ? this.buckets.get(bucket) : undefined;
    const result = await runSimulation(
      {
        identityPolicies: 'policies' in principal ? principal.policies : [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy,
        request: {
          action,
          principal: 'arn' in principal ? principal.arn : principal.service,
          resource: { resource, accountId: this.accountId },
          contextVariables: { 'aws:SecureTransport': 'true', ...('context' in principal ? principal.context : {}) },
        },
      } as Parameters<typeof runSimulation>[0],
      {},
    );
    if (result.resultType === 'error')
      return { allowed: false, reason: `simulation IAM impossible : ${JSON.stringify(result.errors)}` };
    if (result.overallResult === 'Allowed') return { allowed: true };
    const because =
      result.overallResult === 'ExplicitlyDenied'
        ? `with an explicit deny in ${resourcePolicy ? 'a resource-based or identity-based' : 'an identity-based'} policy`
        : `because no identity-based policy allows the ${action} action`;
    const who = 'arn' in principal ? principal.arn : principal.service;
    return {
      allowed: false,
      reason: `User: ${who} is not authorized to perform: ${action} on resource: "${resource}" ${because}`,
    };
  }
}
