import path from 'node:path';
import type { AdvanceReport, HeldTask, TaskRun } from './clock.ts';
import { paris } from './clock.ts';
import { readState, runningPid } from './state.ts';

/**
 * `npm run clock -- 2028-03-01T09:00`: moves the simulated time of the running `npm start` forward
 * (Paris time; also a full ISO instant, or `+3d`, `+12h`, `+30m`), runs the campaign tasks that
 * fall due on the way, in order, and prints what ran. `npm run clock` alone prints the simulated
 * time and the tasks waiting for it. Time never goes back.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const ACTIONS: Record<string, string> = {
  Plan: 'calendrier calculé',
  SendReminder: 'relance avant la date limite',
  CloseApplications: 'clôture des candidatures',
  CheckDecisions: 'vérification des décisions',
  AlertUndecided: "alerte à l'équipe : décisions manquantes",
  NotifyDecisions: 'annonce des décisions',
  SendValidationReminder: "relance de validation d'article",
  CloseValidation: 'fin de la validation des articles',
  Launch: 'lancement du site',
  CloseVoting: 'clôture des votes',
  ReportFailure: "alerte à l'équipe : erreur",
};

const when = (iso: string | undefined) => (iso ? paris(new Date(iso)) : '');
const campaign = (id: string | undefined) => (id ? `campagne ${id.slice(0, 8)}` : '');

function ran(run: TaskRun): string {
  const outcome = run.outcome === 'ok' ? `→ ${JSON.stringify(run.result)}` : `✗ ${run.error}`;
  return `  ${when(run.dueAt ?? run.at).padEnd(28)} ${campaign(run.campaignId).padEnd(18)} ${ACTIONS[run.state] ?? run.state} ${outcome}`;
}
const upcoming = (task: HeldTask) =>
  `  ${when(task.dueAt).padEnd(28)} ${campaign(task.campaignId).padEnd(18)} ${ACTIONS[task.state] ?? task.state}`;

// .local/ as npm start uses it (AVENIR_DATA_DIR: another data dir, e.g. to try the demo aside).
const dataDir = process.env.AVENIR_DATA_DIR ? path.resolve(process.env.AVENIR_DATA_DIR) : path.join(ROOT, '.local');
const state = await readState(dataDir);
if (!runningPid(state) || !state.running)
  fail('Aucune plateforme locale ne tourne : lancez d’abord npm start dans un autre terminal.');
const url = `http://localhost:${state.running.ports.front}/_local/clock`;
const target = process.argv[2];

const res = await fetch(url, target ? { method: 'POST', body: JSON.stringify({ to: target }) } : {}).catch(
  (error: unknown) => fail(`La plateforme locale ne répond pas (${url}) : ${String(error)}`),
);
const body = (await res.json()) as AdvanceReport & { message?: string; recent?: TaskRun[] };
if (res.status !== 200) fail(body.message ?? `Erreur ${res.status}`);

console.log(`Heure simulée : ${when(body.now)} (heure de Paris)`);
if (target) {
  console.log(
    body.ran.length
      ? `\nTâches exécutées (${body.ran.length}) :\n${body.ran.map(ran).join('\n')}`
      : '\nAucune tâche n’était due.',
  );
}
const next = body.upcoming.slice(0, 8);
console.log(next.length ? `\nÀ venir :\n${next.map(upcoming).join('\n')}` : '\nAucune tâche en attente.');
