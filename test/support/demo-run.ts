import { runDemo } from '../../infra/local/demo.ts';
import type { ProvidedStack } from './local-stack-setup.ts';

/** The demo seeded on the test stack as `npm run demo` seeds it; its narration printed only if it fails. */
export async function demoOnStack(stack: ProvidedStack): Promise<Awaited<ReturnType<typeof runDemo>>> {
  const output: string[] = [];
  try {
    return await runDemo(
      {
        front: stack.urls.front,
        cognito: { url: stack.urls.cognito, clientId: stack.cognito.clientId, region: stack.env.AWS_REGION },
        admin: stack.admin,
      },
      { say: (text) => output.push(text) },
    );
  } catch (error) {
    console.error(output.join('\n'));
    throw error;
  }
}
