import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readState, runningPid } from './state.ts';

/**
 * `npm run invoke -- <entry> <event.json>`: runs one handler once inside the stack `npm start` is
 * running (its own environment, its role checked by the IAM gateway), through `/_local/invoke`.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const [entry, eventFile] = process.argv.slice(2);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!entry || !eventFile)
  fail(
    'Usage : npm run invoke -- <fonction> <fichier d’événement>\nExemple : npm run invoke -- photo events/s3-object-created.json',
  );

const state = await readState(path.join(ROOT, '.local'));
if (!runningPid(state) || !state.running)
  fail('Aucune plateforme locale ne tourne : lancez d’abord npm start dans un autre terminal.');

const event: unknown = JSON.parse(
  await readFile(path.resolve(eventFile), 'utf8').catch(() => fail(`Fichier d’événement introuvable : ${eventFile}`)),
);
const res = await fetch(`http://localhost:${state.running.ports.front}/_local/invoke`, {
  method: 'POST',
  body: JSON.stringify({ entry, event }),
});
const answer = (await res.json()) as { result?: unknown; errorType?: string; errorMessage?: string; message?: string };
if (res.status !== 200)
  fail(
    `L’invocation de ${entry} a échoué : ${answer.errorType ?? ''} ${answer.errorMessage ?? answer.message ?? res.status}`,
  );
console.log(JSON.stringify(answer.result ?? null, null, 2));
