import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LambdaRuntime, localSdkEnvironment } from './lambda-runtime.ts';
import { createLogger } from './log.ts';
import { LOCAL_CREDENTIALS } from './s3.ts';
import { readState, runningPid } from './state.ts';
import { createResolver, functionsOf, LOCAL_ACCOUNT_ID, synthTemplate } from './template.ts';

/**
 * `npm run invoke -- <entry> <event.json>`: runs one handler once, in this process, against the
 * emulators of the stack `npm start` is running (ports and ids from .local/state.json).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const [entry, eventFile] = process.argv.slice(2);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!entry || !eventFile) fail('Usage : npm run invoke -- <fonction> <fichier d’événement>\nExemple : npm run invoke -- photo events/s3-object-created.json');

const dataDir = path.join(ROOT, '.local');
const state = await readState(dataDir);
if (!runningPid(state) || !state.running || !state.cognito) fail('Aucune plateforme locale ne tourne : lancez d’abord npm start dans un autre terminal.');
const { ports } = state.running;

const event: unknown = JSON.parse(await readFile(path.resolve(eventFile), 'utf8').catch(() => fail(`Fichier d’événement introuvable : ${eventFile}`)));
const { template, region } = await synthTemplate();
const resolve = createResolver(template, { region, accountId: LOCAL_ACCOUNT_ID, frontOrigin: `http://localhost:${ports.front}`, cognito: state.cognito });
const local = (port: number) => `http://127.0.0.1:${port}`;
const runtime = new LambdaRuntime(functionsOf(template, resolve), {
  region,
  accountId: LOCAL_ACCOUNT_ID,
  sdkEnv: localSdkEnvironment(region, { dynamodb: local(ports.dynamodb), s3: local(ports.s3), ses: local(ports.ses), cognito: local(ports.cognito) }, LOCAL_CREDENTIALS),
  log: createLogger('lambda'),
});

try {
  const result = await runtime.invoke(entry, event, { source: 'cli' });
  console.log(JSON.stringify(result ?? null, null, 2));
  process.exit(0);
} catch (error) {
  fail(`L’invocation de ${entry} a échoué : ${error instanceof Error ? error.message : String(error)}`);
}
