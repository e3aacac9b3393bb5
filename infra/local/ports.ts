import { createServer } from 'node:net';
import type { LocalPorts } from './state.ts';

export const DEFAULT_PORTS: LocalPorts = { front: 3000, dynamodb: 8000, s3: 4569, ses: 8005, cognito: 9229 };

/** The environment variable that sets each port for `npm start`. */
export const PORT_ENV: Record<keyof LocalPorts, string> = {
  front: 'PORT',
  dynamodb: 'DYNAMODB_PORT',
  s3: 'S3_PORT',
  ses: 'SES_PORT',
  cognito: 'COGNITO_PORT',
};

/**
 * The ports of `npm start` and `npm run demo` (when it starts its own stack): each default unless
 * its variable (PORT_ENV) is set; a value that is not a port is refused with a French message.
 */
export function portsFromEnv(env: NodeJS.ProcessEnv = process.env): LocalPorts {
  const ports = { ...DEFAULT_PORTS };
  for (const [name, variable] of Object.entries(PORT_ENV) as [keyof LocalPorts, string][]) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`${variable}=${value} n'est pas un numéro de port valide (1 à 65535).`);
    ports[name] = port;
  }
  return ports;
}

const listenOnce = (port: number) =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });

/** Five distinct ports the system says are free now (tests run beside a possible `npm start`). */
export async function freePorts(): Promise<LocalPorts> {
  for (;;) {
    const ports = await Promise.all(Object.keys(DEFAULT_PORTS).map(() => listenOnce(0)));
    if (new Set(ports).size === ports.length) {
      const [front, dynamodb, s3, ses, cognito] = ports as [number, number, number, number, number];
      return { front, dynamodb, s3, ses, cognito };
    }
  }
}

/** Fails with a message saying which port is taken and how to choose another one. */
export async function assertPortsFree(ports: LocalPorts): Promise<void> {
  for (const [name, port] of Object.entries(ports) as [keyof LocalPorts, number][]) {
    try {
      await listenOnce(port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new Error(
        `Le port ${port} est déjà utilisé. Arrêtez l'autre processus ou lancez ${PORT_ENV[name]}=${port + 1} npm start.`,
        { cause: error },
      );
    }
  }
}
