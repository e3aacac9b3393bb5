import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../infra/app.ts';
const { stack } = buildApp(new App({ context: { 'avenir:mailFrom': 'Avenir <noreply@example.org>', 'avenir:adminEmail': 'admin@example.org', 'avenir:mailDomain': 'example.org' } }));
const json = Template.fromStack(stack).toJSON() as { Outputs: Record<string, unknown> };
console.log(JSON.stringify(json.Outputs, null, 1).slice(0, 3000));
