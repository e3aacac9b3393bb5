import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { pathToFileURL } from 'node:url';
import { readDeployConfig } from './config.ts';
import { AvenirStack } from './stack.ts';

/** Builds the app; tests call it too so that they check exactly what `cdk synth` produces. */
export function buildApp(app = new App()): { app: App; stack: AvenirStack } {
  const config = readDeployConfig((key) => app.node.tryGetContext(key));
  const stack = new AvenirStack(app, 'Avenir', {
    config,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-3' },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp().app.synth();
}
