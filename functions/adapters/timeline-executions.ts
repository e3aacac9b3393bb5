import {
  DescribeExecutionCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { log } from '../shared/log.ts';

/** `arn:…:stateMachine:<machine>` → `arn:…:execution:<machine>:<name>` (what StartExecution returns). */
export function executionArnFor(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

const errorName = (error: unknown) => (error as { name?: string }).name ?? '';

/** The executions of the campaign timeline's state machine (Step Functions). */
export class TimelineExecutions {
  constructor(private readonly sfn: SFNClient) {}

  /** RUNNING, SUCCEEDED, FAILED…; undefined when there is no such execution (lost by a local restart). */
  async status(executionArn: string): Promise<string | undefined> {
    try {
      const res = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return res.status;
    } catch (error) {
      if (errorName(error) === 'ExecutionDoesNotExist') return undefined;
      throw error;
    }
  }

  /**
   * Starts the execution `name` and returns its ARN. Idempotent: StartExecution with the same name
   * and input returns the running execution, and one that already exists under that name is kept.
   */
  async start(stateMachineArn: string, name: string, input: unknown): Promise<string> {
    try {
      const res = await this.sfn.send(
        new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return res.executionArn!;
    } catch (error) {
      if (errorName(error) !== 'ExecutionAlreadyExists') throw error;
      return executionArnFor(stateMachineArn, name);
    }
  }

  /** Stops a superseded execution; one that already ended, or cannot be stopped now, ends by itself (its tasks see the newer version). */
  async stop(executionArn: string, cause: string): Promise<void> {
    try {
      await this.sfn.send(new StopExecutionCommand({ executionArn, error: 'DatesChanged', cause }));
    } catch (error) {
      log.warn('stop execution failed', { executionArn, error: errorName(error) || String(error) });
    }
  }
}
