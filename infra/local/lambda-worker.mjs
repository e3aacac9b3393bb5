// One local Lambda execution environment: a worker thread that loads one function's built bundle
// (dist/functions/<entry>/index.mjs, what is deployed) with that function's own environment and
// credentials, and runs the invocations the local runtime posts to it. Plain JavaScript: it runs the
// bundle as Lambda's Node runtime does, without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

/** The simulated clock's offset, read by functions/shared/clock.ts. */
const CLOCK_OFFSET = Symbol.for('avenir.clockOffsetMs');

const loading = import(pathToFileURL(workerData.bundle).href).then((module) => {
  if (typeof module.handler !== 'function')
    throw new Error(`${workerData.bundle} n'exporte pas de fonction « handler »`);
  return module.handler;
});
// An init error is reported by each invocation, as Lambda reports Runtime.ImportModuleError.
loading.catch(() => {});

const serializeError = (error) =>
  error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : { name: 'Error', message: String(error) };

function context(meta) {
  const unsupported = () => {
    throw new Error('context.done/succeed/fail ne sont pas pris en charge : retournez une promesse');
  };
  return {
    ...meta.context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, meta.deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** Promise-returning handlers, and callback-style ones as the Node runtime still accepts. */
function call(handler, event, ctx) {
  return new Promise((resolve, reject) => {
    const returned = handler(event, ctx, (error, result) => (error ? reject(error) : resolve(result)));
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
  });
}

parentPort.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  globalThis[CLOCK_OFFSET] = message.clockOffsetMs;
  try {
    const handler = await loading;
    const value = await call(handler, message.event, context(message));
    parentPort.postMessage({
      type: 'result',
      id: message.id,
      ok: true,
      value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)),
    });
  } catch (error) {
    parentPort.postMessage({ type: 'result', id: message.id, ok: false, error: serializeError(error) });
  }
});
