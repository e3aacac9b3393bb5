import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack } from '../infra/local/stack.ts';
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'avenir-dev-'));
const stack = await startLocalStack({ dataDir, ports: 'auto', quiet: true });
await writeFile('/tmp/dev-stack.json', JSON.stringify({ urls: stack.urls, admin: stack.admin, cognito: stack.cognito, env: stack.env, dataDir }));
console.log('ready', stack.urls.front);
process.on('SIGTERM', () => void stack.stop().then(() => process.exit(0)));
