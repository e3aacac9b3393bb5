import { App } from 'aws-cdk-lib';
import { buildApp } from '/work/main/infra/app.ts';
const { app, stack } = buildApp(new App({ context: { 'avenir:mailFrom': 'Avenir <noreply@example.org>', 'avenir:adminEmail': 'admin@example.org' } }));
const asm = app.synth();
const t = asm.getStackByName('Avenir').template;
const fs = await import('node:fs');
fs.writeFileSync('/tmp/tl/template.json', JSON.stringify(t, null, 1));
for (const [id, r] of Object.entries<any>(t.Resources)) if (r.Type === 'AWS::StepFunctions::StateMachine') console.log(id, JSON.stringify(r.Properties.DefinitionString).slice(0, 3000));
