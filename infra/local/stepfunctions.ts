import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { ExecutionAbortedError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { CampaignStore } from '../../functions/adapters/campaign-store.ts';
import { executionName } from '../../functions/domain/campaign.ts';
import type { HeldTask, LocalClock } from './clock.ts';
import type { LambdaRuntime } from './lambda-runtime.ts';
import type { Logger } from './log.ts';
import type { CfnTemplate, LocalFunction, Resolve } from './template.ts';

/**
 * Step Functions, locally: aws-local-stepfunctions runs the very ASL that CDK synthesized (the
 * template's DefinitionString with its tokens resolved to local ARNs, checked by asl-validator).
 * - Lambda tasks run the local runtime's handler of the function their ARN names;
 * - every Wait state is overridden to 0 ms, and each task carrying `dueAt` (every task that follows
 *   a Wait) is held until the simulated clock reaches it (infra/local/clock.ts);
 * - a minimal SFN API (JSON 1.0: StartExecution, StopExecution, DescribeExecution) on 127.0.0.1,
 *   so handlers use the AWS SDK unchanged (AWS_ENDPOINT_URL_SFN).
 * Executions live in this process only: after a restart, open campaigns are resumed by starting
 * their execution again (every step done is recorded on the campaign and skipped).
 */

// aws-local-stepfunctions declares Node >= 22 for Promise.withResolvers (Node 20 lacks it).
if (!(Promise as unknown as { withResolvers?: unknown }).withResolvers) {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((a, b) => {
        resolve = a;
        reject = b;
      });
      return { promise, resolve, reject };
    },
  });
}

const require = createRequire(import.meta.url);
const aslValidator = require('asl-validator') as (
  definition: unknown,
  options?: { checkArn?: boolean; checkPaths?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };

/**
 * Locally a task's duration includes the time it is held until the simulated clock reaches it:
 * tasks get this timeout (just under setTimeout's ~24.8-day limit) instead of the library's 60 s.
 */
export const LOCAL_TASK_TIMEOUT_SECONDS = 2_000_000;
/** Retry intervals locally (the ASL's intervals are meant for AWS: seconds to minutes). */
export const LOCAL_RETRY_INTERVAL_MS = 1000;

type AslState = Record<string, unknown> & { Type: string; Resource?: string; TimeoutSeconds?: number };
interface AslMachine {
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
}

export interface LocalStateMachine {
  logicalId: string;
  name: string;
  arn: string;
  /** As synthesized, tokens resolved (untouched: the guard tests read it). */
  definition: AslMachine & Record<string, unknown>;
  /** What runs here: task timeouts raised for held tasks, the top-level timeout clamped. */
  runnable: StateMachineDefinition;
  /** Task state name → Lambda ARN, nested states included. */
  tasks: Map<string, string>;
  waits: string[];
}

/** Every state, nested ones (Map item processors, Parallel branches) included. */
export function walkStates(machine: AslMachine, visit: (name: string, state: AslState) => void): void {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    visit(name, state);
    for (const nested of [state.ItemProcessor, state.Iterator] as (AslMachine | undefined)[])
      if (nested) walkStates(nested, visit);
    for (const branch of (state.Branches as AslMachine[] | undefined) ?? []) walkStates(branch, visit);
  }
}

/** The template's state machines, definitions resolved to local ARNs and validated. */
export function stateMachinesOf(
  template: CfnTemplate,
  resolve: Resolve,
  names: { region: string; accountId: string },
): LocalStateMachine[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine')
    .map(([logicalId, r]) => {
      const props = r.Properties ?? {};
      const text = resolve(props.DefinitionString ?? props.Definition);
      const definition = (typeof text === 'string' ? JSON.parse(text) : text) as LocalStateMachine['definition'];
      // aws-local-stepfunctions would silently ignore these: refuse to run a machine that differs from AWS.
      const ignored = JSON.stringify(definition).match(/"(QueryLanguage|Assign)"\s*:|\{%/g);
      if (ignored)
        throw new Error(
          `Machine à états ${logicalId} : ${[...new Set(ignored)].join(', ')} (JSONata, variables) ne sont pas exécutés localement ; écrivez-la en JSONPath.`,
        );
      // asl-validator writes a default QueryLanguage into what it checks: give it a copy.
      const verdict = aslValidator(structuredClone(definition), { checkArn: true, checkPaths: true });
      if (!verdict.isValid)
        throw new Error(`Machine à états ${logicalId} refusée par asl-validator :\n${verdict.errorsText('\n')}`);
      const name = String(props.StateMachineName ?? logicalId);
      const tasks = new Map<string, string>();
      const waits: string[] = [];
      const runnable = structuredClone(definition);
      if (runnable.TimeoutSeconds)
        runnable.TimeoutSeconds = Math.min(runnable.TimeoutSeconds, LOCAL_TASK_TIMEOUT_SECONDS);
      walkStates(runnable, (stateName, state) => {
        if (state.Type === 'Task') {
          tasks.set(stateName, String(state.Resource));
          delete state.TimeoutSecondsPath;
          state.TimeoutSeconds = LOCAL_TASK_TIMEOUT_SECONDS;
        }
        if (state.Type === 'Wait') waits.push(stateName);
      });
      return {
        logicalId,
        name,
        arn: `arn:aws:states:${names.region}:${names.accountId}:stateMachine:${name}`,
        definition,
        runnable: runnable as unknown as StateMachineDefinition,
        tasks,
        waits,
      };
    });
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export interface LocalExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /** Tasks held until their `dueAt`, and tasks running now. */
  held: number;
  running: number;
  abort(): void;
  /** The execution's result (never rejects). */
  done: Promise<void>;
}

export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

class ExecutionStopped extends Error {
  override name = 'ExecutionStopped';
}

export interface LocalStepFunctionsOptions {
  machines: LocalStateMachine[];
  functions: LocalFunction[];
  runtime: LambdaRuntime;
  clock: LocalClock;
  log: Logger;
}

export class LocalStepFunctions {
  readonly machines: LocalStateMachine[];
  private readonly executions = new Map<string, LocalExecution>();
  private readonly entries: Map<string, string>;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.machines = options.machines;
    // Lambda ARNs resolve to arn:aws:lambda:<region>:<account>:function:<logicalId>.
    this.entries = new Map(options.functions.map((f) => [f.logicalId, f.entry]));
    options.clock.onSettle(() => this.settle());
  }

  machine(arn: string): LocalStateMachine {
    // Its ARN (from its name, as the stack builds TIMELINE_ARN), its name, or the template resolver's Ref (logical id).
    const machine = this.machines.find(
      (m) => m.arn === arn || m.name === arn || arn.endsWith(`:stateMachine:${m.logicalId}`),
    );
    if (!machine) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  list(): Omit<LocalExecution, 'abort' | 'done'>[] {
    return [...this.executions.values()].map(({ abort: _a, done: _d, ...rest }) => rest);
  }

  describe(executionArn: string): LocalExecution {
    const execution = this.executions.get(executionArn);
    if (!execution) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  /** As AWS: the same name and input as a running execution returns it; otherwise a used name is refused. */
  start(input: { stateMachineArn: string; name?: string; input?: string }): LocalExecution {
    const machine = this.machine(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    if (!/^[\w-]{1,80}$/.test(name)) throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const text = input.input ?? '{}';
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === text) return existing;
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Invalid execution input: not JSON');
    }

    const execution: LocalExecution = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      input: text,
      status: 'RUNNING',
      startDate: this.options.clock.now(),
      held: 0,
      running: 0,
      abort: () => {},
      done: Promise.resolve(),
    };
    const overrides = {
      taskResourceLocalHandlers: Object.fromEntries(
        [...machine.tasks].map(([state, resource]) => [
          state,
          (taskInput: unknown) => this.runTask(execution, state, resource, taskInput),
        ]),
      ),
      waitTimeOverrides: Object.fromEntries(machine.waits.map((w) => [w, 0])),
      retryIntervalOverrides: Object.fromEntries([...machine.tasks.keys()].map((t) => [t, LOCAL_RETRY_INTERVAL_MS])),
    };
    const sm = new StateMachine(machine.runnable, { validationOptions: { noValidate: true } });
    const run = sm.run(parsed as never, {
      overrides: overrides as never,
      context: {
        Execution: { Id: executionArn, Name: name, RoleArn: 'arn:aws:iam::000000000000:role/local' },
        StateMachine: { Id: machine.arn, Name: machine.name },
      },
    });
    execution.abort = run.abort;
    // Nobody reads the event log: drain it so it does not grow.
    void (async () => {
      for await (const _ of run.eventLogs);
    })();
    execution.done = run.result
      .then(
        (output) => {
          execution.status = 'SUCCEEDED';
          execution.output = JSON.stringify(output);
        },
        (error: unknown) => {
          if (execution.status !== 'RUNNING') return; // stopped: already ABORTED
          const cause = (error as { cause?: { name?: string; message?: string } }).cause;
          execution.status = error instanceof ExecutionAbortedError ? 'ABORTED' : 'FAILED';
          execution.error = cause?.name ?? (error as Error).name;
          execution.cause = cause?.message ?? (error as Error).message;
          this.options.log.warn('execution failed', {
            execution: name,
            error: execution.error,
            cause: execution.cause,
          });
        },
      )
      .finally(() => {
        execution.stopDate ??= this.options.clock.now();
        this.options.log.info('execution ended', { execution: name, status: execution.status });
      });
    this.executions.set(executionArn, execution);
    this.options.log.info('execution started', { execution: name, stateMachine: machine.name });
    return execution;
  }

  stop(executionArn: string, reason = 'ABORTED'): LocalExecution {
    const execution = this.describe(executionArn);
    if (execution.status !== 'RUNNING') return execution;
    execution.status = 'ABORTED';
    execution.error = reason;
    execution.stopDate = this.options.clock.now();
    execution.abort();
    this.options.clock.cancel(executionArn, new ExecutionStopped(`execution ${execution.name} stopped`));
    return execution;
  }

  /** Stops every execution (the stack stops): held tasks are cancelled so no timer keeps the process alive. */
  async stopAll(): Promise<void> {
    for (const execution of this.executions.values())
      if (execution.status === 'RUNNING') this.stop(execution.executionArn, 'LocalStackStopped');
    await Promise.race([
      Promise.all([...this.executions.values()].map((e) => e.done)),
      new Promise((r) => setTimeout(r, 3000).unref()),
    ]);
  }

  /** Until every running execution is held by the clock (or finished): nothing left to run now. */
  async settle(timeoutMs = 120_000): Promise<void> {
    const started = Date.now();
    const busy = () =>
      [...this.executions.values()].filter((e) => e.status === 'RUNNING' && !(e.held > 0 && e.running === 0));
    while (busy().length) {
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `Exécutions toujours actives après ${timeoutMs} ms : ${busy()
            .map((e) => e.name)
            .join(', ')}`,
        );
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private async runTask(execution: LocalExecution, state: string, resource: string, input: unknown): Promise<unknown> {
    const payload = (input ?? {}) as { action?: string; campaignId?: string; dueAt?: string };
    const task: HeldTask = {
      executionArn: execution.executionArn,
      execution: execution.name,
      campaignId: payload.campaignId,
      state,
      action: payload.action,
      dueAt: payload.dueAt ?? '',
    };
    const stopped = () => new ExecutionStopped(`execution ${execution.name} stopped`);
    if (execution.status !== 'RUNNING') throw stopped();
    let finished = () => {};
    if (payload.dueAt) {
      execution.held += 1;
      try {
        finished = await this.options.clock.waitFor(task);
      } finally {
        execution.held -= 1;
      }
    }
    execution.running += 1;
    const at = this.options.clock.now().toISOString();
    try {
      if (execution.status !== 'RUNNING') throw stopped();
      const logicalId = resource.split(':').at(-1)!;
      const entry = this.entries.get(logicalId);
      if (!entry) throw new Error(`Tâche ${state} : ${resource} n'est pas une fonction de l'application`);
      const result = await this.options.runtime.invoke(entry, input, {
        source: 'stepfunctions',
        details: { execution: execution.name, state },
      });
      this.options.clock.record({ ...task, dueAt: payload.dueAt, at, outcome: 'ok', result });
      return result;
    } catch (error) {
      if (!(error instanceof ExecutionStopped)) {
        this.options.clock.record({
          ...task,
          dueAt: payload.dueAt,
          at,
          outcome: 'error',
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
      }
      throw error;
    } finally {
      execution.running -= 1;
      finished();
    }
  }
}

/**
 * After a restart: every campaign opened and not finished gets its execution again (same name: this
 * process has no memory of the previous one). Steps done are recorded on the campaign and skipped.
 */
export async function resumeTimelines(
  engine: LocalStepFunctions,
  campaigns: CampaignStore,
  log: Logger,
): Promise<string[]> {
  const machine = engine.machines[0];
  if (!machine) return [];
  const resumed: string[] = [];
  for (const campaign of await campaigns.list()) {
    if (campaign.phase === 'draft' || campaign.steps?.closeVoting || !campaign.executionArn) continue;
    const name = executionName(campaign.id, campaign.datesVersion);
    try {
      engine.start({
        stateMachineArn: machine.arn,
        name,
        input: JSON.stringify({ campaignId: campaign.id, datesVersion: campaign.datesVersion }),
      });
      resumed.push(name);
    } catch (error) {
      log.warn('timeline not resumed', { campaignId: campaign.id, error: String(error) });
    }
  }
  if (resumed.length) log.info('timelines resumed', { executions: resumed.join(', ') });
  return resumed;
}

// ---------------------------------------------------------------------------------------------
// The SFN API on 127.0.0.1 (AWS JSON 1.0 protocol), for AWS_ENDPOINT_URL_SFN.

const epochSeconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export interface StepFunctionsEndpoint {
  url: string;
  /** The engine answering requests (set once the local runtime exists). */
  attach(engine: LocalStepFunctions): void;
  stop(): Promise<void>;
}

export async function startStepFunctionsEndpoint(options: {
  port?: number;
  log: Logger;
}): Promise<StepFunctionsEndpoint> {
  let engine: LocalStepFunctions | undefined;
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/x-amz-json-1.0');
    res.setHeader('x-amzn-requestid', randomUUID());
    res.end(JSON.stringify(body));
  };
  const operations: Record<string, (body: Record<string, unknown>) => unknown> = {
    StartExecution: (b) => {
      const e = engine!.start({
        stateMachineArn: String(b.stateMachineArn),
        name: b.name as string | undefined,
        input: b.input as string | undefined,
      });
      return { executionArn: e.executionArn, startDate: epochSeconds(e.startDate) };
    },
    StopExecution: (b) => ({
      stopDate: epochSeconds(engine!.stop(String(b.executionArn), String(b.error ?? 'ABORTED')).stopDate),
    }),
    DescribeExecution: (b) => {
      const e = engine!.describe(String(b.executionArn));
      return {
        executionArn: e.executionArn,
        stateMachineArn: e.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: epochSeconds(e.startDate),
        stopDate: epochSeconds(e.stopDate),
        input: e.input,
        output: e.output,
        error: e.error,
        cause: e.cause,
      };
    },
  };
  const server = createServer((req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
    readJson(req).then(
      (body) => {
        if (req.method !== 'POST' || !operation)
          return reply(res, 400, {
            __type: 'UnknownOperationException',
            message: `Opération non émulée localement : ${target || '(aucune)'}`,
          });
        if (!engine)
          return reply(res, 503, { __type: 'ServiceUnavailable', message: 'Step Functions local pas encore prêt' });
        try {
          reply(res, 200, operation(body));
        } catch (error) {
          if (error instanceof SfnError) return reply(res, 400, { __type: error.type, message: error.message });
          options.log.error('sfn request failed', { target, error: String(error) });
          reply(res, 500, { __type: 'InternalFailure', message: String(error) });
        }
      },
      () => reply(res, 400, { __type: 'SerializationException', message: 'JSON attendu' }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attach: (e) => (engine = e),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
