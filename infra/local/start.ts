import { spawn } from 'node:child_process';
import { fr } from '../../functions/domain/french.ts';
import { legacyOpenSslEnabled } from './legacy-openssl.ts';
import { portsFromEnv } from './ports.ts';
import { localDataDir, shownDataDir } from './state.ts';

/**
 * `npm start`: the whole platform on 127.0.0.1, data in .local/ at the repository root (or
 * AVENIR_DATA_DIR). Ports: PORT (site, 3000), DYNAMODB_PORT, S3_PORT, SES_PORT, COGNITO_PORT.
 * On an empty database, the current (or next) edition's call is opened with the default calendar
 * (infra/local/first-call.ts), so that the form works at once.
 */

// s3rver's ListObjectsV2 pagination needs OpenSSL's legacy provider, which only a start flag enables.
if (!legacyOpenSslEnabled()) {
  const child = spawn(process.execPath, ['--openssl-legacy-provider', ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  // Ctrl-C reaches the whole process group; a signal sent to this pid alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await main();
}

async function main(): Promise<void> {
  const { startLocalStack } = await import('./stack.ts');
  const { openFirstCall } = await import('./first-call.ts');
  const dataDir = localDataDir();
  const started = Date.now();
  let stack: Awaited<ReturnType<typeof startLocalStack>>;
  try {
    stack = await startLocalStack({ dataDir, ports: portsFromEnv() });
  } catch (error) {
    console.error(`\nLe démarrage local a échoué : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  // Ctrl-C reaches this process several times (terminal, npm, tsx and the restart relay it): stop once.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nArrêt de la plateforme locale…');
    await stack.stop();
    console.log('Arrêtée.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  // An empty database gets the default call, through the admin API as the console would open it.
  const firstCall = await openFirstCall(
    {
      front: stack.urls.front,
      cognito: { url: stack.urls.cognito, clientId: stack.cognito.clientId, region: stack.region },
      admin: stack.admin,
    },
    stack.clock.now(),
  ).then(
    (result) => result.message,
    (error: unknown) =>
      fr`L'ouverture automatique de l'appel a échoué (${error instanceof Error ? error.message : String(error)}) : créez une campagne dans la console.`,
  );
  const seconds = ((Date.now() - started) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  const front = stack.urls.front;
  console.log(`
Nos territoires ont de l'avenir : la plateforme tourne en local (prête en ${seconds} s).

  Site public                 ${front}/
  Formulaire de candidature   ${front}/candidater
  Console d'administration    ${front}/admin
  E-mails envoyés             ${stack.urls.inbox}

  Connexion à la console : ${stack.admin.email}
  Mot de passe           : ${stack.admin.password}
${firstCall ? `\n${firstCall}\n` : ''}
Données dans ${shownDataDir(dataDir)} (${process.env.AVENIR_DATA_DIR ? 'effacez ce dossier' : 'npm run reset'} pour repartir de zéro). Ctrl-C pour arrêter.
`);
}
