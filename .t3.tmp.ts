import { App } from 'aws-cdk-lib';
import { buildApp } from './infra/app.ts';
const { app, stack } = buildApp(new App({ context: { 'avenir:mailFrom': 'a@example.org', 'avenir:adminEmail': 'b@example.org' } }));
const asm = app.synth();
const t = asm.getStackByName(stack.stackName).template as any;
for (const [id, r] of Object.entries<any>(t.Resources)) if (id.startsWith('PublishFunctionRole') && r.Type === 'AWS::IAM::Policy') console.log(JSON.stringify(r.Properties.PolicyDocument.Statement, null, 1));
for (const [id, r] of Object.entries<any>(t.Resources)) if (r.Type === 'AWS::CloudFront::Function') console.log(id, JSON.stringify(r.Properties).slice(0, 300));
