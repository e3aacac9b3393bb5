import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { readState, runningPid } from './state.ts';

/** `npm run reset`: erases .local/ (tables, objects, users, admin password), never under a running stack. */

const dataDir = path.resolve(import.meta.dirname, '../../.local');

if (!(await stat(dataDir).catch(() => undefined))) {
  console.log('Rien à effacer : .local/ n’existe pas.');
} else {
  const pid = runningPid(await readState(dataDir));
  if (pid) {
    console.error(
      `La plateforme locale tourne encore (processus ${pid}) : arrêtez npm start (Ctrl-C) avant npm run reset.`,
    );
    process.exit(1);
  }
  await rm(dataDir, { recursive: true, force: true });
  console.log(
    'Données locales effacées (.local/). Le prochain npm start repart de zéro, avec un nouveau mot de passe administrateur.',
  );
}
