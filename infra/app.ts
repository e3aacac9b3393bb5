import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { pathToFileURL } from 'node:url';
import { readDeployConfig, stackName } from './config.ts';
import { AvenirStack } from './stack.ts';

/** Builds the app; tests call it too so that they check exactly what `cdk synth` produces. */
export function buildApp(app = new App()): { app: App; stack: AvenirStack } {
  const config = readDeployConfig((key) => app.node.tryGetContext(key));
  // The stage is in the stack id, hence in every name CDK derives from construct paths.
  const stack = new AvenirStack(app, stackName(config), {
    config,
    // Region from context only: the CDK CLI always sets CDK_DEFAULT_REGION (us-east-1 without a
    // profile), which would silently move the data out of the EU.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp().app.synth();
}
