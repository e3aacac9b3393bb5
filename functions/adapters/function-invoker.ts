import { InvokeCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';

/** What an invoker needs of a Lambda client (LambdaClient; a fake in tests). */
export interface LambdaInvoke {
  send(command: InvokeCommand): Promise<Pick<InvokeCommandOutput, 'FunctionError' | 'Payload'>>;
}

/**
 * Another function of the stack, invoked with a JSON payload (lambda:InvokeFunction on that one
 * function): `call` waits for its answer, `start` only queues the invocation.
 */
export class FunctionInvoker {
  constructor(
    private readonly lambda: LambdaInvoke,
    private readonly functionName: string,
  ) {}

  /** A synchronous invocation: the answer's text, and Lambda's `functionError` when the function failed. */
  async call(payload: unknown): Promise<{ text: string; functionError?: string }> {
    const response = await this.invoke(payload, 'RequestResponse');
    return {
      text: response.Payload ? new TextDecoder().decode(response.Payload) : '',
      functionError: response.FunctionError,
    };
  }

  /** An asynchronous invocation (InvocationType Event): for work longer than the caller may wait. */
  async start(payload: unknown): Promise<void> {
    await this.invoke(payload, 'Event');
  }

  private invoke(payload: unknown, InvocationType: 'RequestResponse' | 'Event') {
    return this.lambda.send(
      new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType,
        Payload: new TextEncoder().encode(JSON.stringify(payload)),
      }),
    );
  }
}
