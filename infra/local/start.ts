import { spawn } from 'node:child_process';
import path from 'node:path';
import { legacyOpenSslEnabled } from './legacy-openssl.ts';
import { DEFAULT_PORTS, PORT_ENV } from './ports.ts';
import type { LocalPorts } from './state.ts';

/**
 * `npm start`: the whole platform on 127.0.0.1, data in .local/ at the repository root.
 * Ports: PORT (site, 3000), DYNAMODB_PORT, S3_PORT, SES_PORT, COGNITO_PORT.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

// s3rver's ListObjectsV2 pagination needs OpenSSL's legacy provider, which only a start flag enables.
if (!legacyOpenSslEnabled()) {
  const child = spawn(process.execPath, ['--openssl-legacy-provider', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  // Ctrl-C reaches the whole process group; a signal sent to this pid alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await main();
}

function portsFromEnv(): LocalPorts {
  const ports = { ...DEFAULT_PORTS };
  for (const [name, variable] of Object.entries(PORT_ENV) as [keyof LocalPorts, string][]) {
    const value = process.env[variable];
    if (value === undefined || value === '') continue;
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${variable}=${value} n'est pas un numéro de port valide (1 à 65535).`);
    ports[name] = port;
  }
  return ports;
}

async function main(): Promise<void> {
  const { startLocalStack } = await import('./stack.ts');
  const dataDir = path.join(ROOT, '.local');
  const started = Date.now();
  let stack: Awaited<ReturnType<typeof startLocalStack>>;
  try {
    stack = await startLocalStack({ dataDir, ports: portsFromEnv() });
  } catch (error) {
    console.error(`\nLe démarrage local a échoué : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
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

Données dans ${path.relative(ROOT, dataDir)}/ (npm run reset pour repartir de zéro). Ctrl-C pour arrêter.
`);

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
}
