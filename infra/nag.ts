import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag acknowledgements. Each names the exact finding and says why it does not apply; anything
 * not listed fails synth and the infra tests.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
}

/** How cdk-nag prints a policy resource (`<Logical.Attr>/prefix/*`), so a finding can be named exactly. */
export function nagResourceName(scope: IConstruct, resource: string): string {
  const render = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map(render).join('');
    const v = value as Record<string, unknown>;
    if (v['Fn::Join']) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(sep);
    }
    if (v['Fn::GetAtt']) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
    if (v.Ref) return `<${String(v.Ref)}>`;
    return JSON.stringify(value);
  };
  return render(Stack.of(scope).resolve(resource));
}
