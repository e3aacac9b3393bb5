import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { readDeployConfig, stackName } from './config.ts';
import { readState, runningPid } from './local/state.ts';

/**
 * `npm run redrive`: replays what failed once its cause is fixed (failed invocations of the S3
 * checks, the scheduler, the compilation; emails of the mail dead-letter queue), by invoking the
 * redrive function, the same as the console's « Relancer ». Locally, inside the running `npm start`;
 * with `--aws`, the deployed stack of cdk.json's context (`-c avenir:stage=…` picks another stage).
 * Idempotent: running it twice replays nothing twice.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { aws: { type: 'boolean' }, stage: { type: 'string' }, region: { type: 'string' } },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function invokeLocal(): Promise<unknown> {
  const state = await readState(path.join(ROOT, process.env.AVENIR_DATA_DIR ?? '.local'));
  if (!runningPid(state) || !state.running)
    fail('Aucune plateforme locale ne tourne : lancez npm start, ou ajoutez --aws pour la pile déployée.');
  const res = await fetch(`http://localhost:${state.running.ports.front}/_local/invoke`, {
    method: 'POST',
    body: JSON.stringify({ entry: 'redrive', event: {} }),
  });
  const answer = (await res.json()) as { result?: unknown; errorMessage?: string; message?: string };
  if (res.status !== 200) fail(`La relance a échoué : ${answer.errorMessage ?? answer.message ?? res.status}`);
  return answer.result;
}

async function invokeAws(): Promise<unknown> {
  const context = (
    JSON.parse(await readFile(path.join(ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }
  ).context;
  const config = readDeployConfig(
    (key) =>
      ({
        ...context,
        'avenir:stage': values.stage ?? context['avenir:stage'],
        'avenir:region': values.region ?? context['avenir:region'],
      })[key],
  );
  const lambda = new LambdaClient({ region: config.region });
  const answer = await lambda.send(
    new InvokeCommand({ FunctionName: `${stackName(config)}-redrive`, InvocationType: 'RequestResponse' }),
  );
  const payload: unknown = JSON.parse(new TextDecoder().decode(answer.Payload) || 'null');
  if (answer.FunctionError) fail(`La relance a échoué : ${JSON.stringify(payload)}`);
  return payload;
}

const result = (await (values.aws ? invokeAws() : invokeLocal())) as { message?: string } | null;
console.log(result?.message ?? JSON.stringify(result));
