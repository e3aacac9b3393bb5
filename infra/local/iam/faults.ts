import { randomUUID } from 'node:crypto';
import type { Authorization } from './aws-requests.ts';

/**
 * Faults injected at the SDK boundary, for tests: the IAM gateway answers the matching calls of a
 * function with an AWS error in the service's wire protocol instead of forwarding them, after
 * authorization. The handler's code is untouched: its SDK client sees what AWS would send, and
 * applies its own retries first (throttling and 5xx: 3 attempts in all by default, DynamoDB's client
 * 4), so a fault meant to reach the handler must cover every attempt of the call.
 */

export interface FaultSpec {
  /** The function's logical id or a prefix of it (the route also accepts its entry: `photo`, `api`…). */
  function: string;
  /** An IAM action the request needs, as the gateway authorizes it (a transaction counts each item's). */
  action: string;
  /** How many matching calls fail (1 by default); the fault is gone after them. */
  times?: number;
  /** Only requests whose body contains every one of these (JSON and form protocols; forms are also matched decoded). */
  bodyContains?: string | string[];
  /** Only requests one of whose resource ARNs contains this (an S3 key, a table name…). */
  resourceContains?: string;
  error: { status: number; code: string; message?: string };
}

export interface Fault {
  id: string;
  function: string;
  action: string;
  bodyContains: string[];
  resourceContains?: string;
  error: { status: number; code: string; message: string };
  /** Calls still to fail. */
  remaining: number;
  /** Calls failed so far (tests check that the fault was really met). */
  hits: number;
}

export interface FaultableRequest {
  /** The caller's logical id. */
  functionId: string;
  authorizations: Authorization[];
  body?: Buffer;
}

function decodeForm(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export class FaultInjector {
  private readonly faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const times = spec.times ?? 1;
    if (
      !spec.function ||
      !spec.action ||
      !spec.error?.code ||
      !(spec.error.status >= 400 && spec.error.status < 600) ||
      !(Number.isInteger(times) && times > 0)
    ) {
      throw new Error('fault: function, action, times ≥ 1 and error {status 4xx/5xx, code} are required');
    }
    const fault: Fault = {
      id: randomUUID(),
      function: spec.function,
      action: spec.action,
      bodyContains: [spec.bodyContains ?? []].flat(),
      resourceContains: spec.resourceContains,
      error: {
        status: spec.error.status,
        code: spec.error.code,
        message: spec.error.message ?? `Injected fault: ${spec.error.code}`,
      },
      remaining: times,
      hits: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** The first fault this request meets, consumed by one; faults are kept once spent, for `list`. */
  take(request: FaultableRequest): Fault | undefined {
    let text: string | undefined;
    const fault = this.faults.find((f) => {
      if (f.remaining <= 0 || !request.functionId.startsWith(f.function)) return false;
      if (
        !request.authorizations.some(
          (a) => a.action === f.action && (!f.resourceContains || a.resource.includes(f.resourceContains)),
        )
      )
        return false;
      if (!f.bodyContains.length) return true;
      text ??= request.body?.toString('utf8') ?? '';
      const decoded = decodeForm(text);
      return f.bodyContains.every((part) => text!.includes(part) || decoded.includes(part));
    });
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    return fault;
  }
}

/**
 * `/_local/faults`: GET lists them, POST a FaultSpec adds one (`function` may be an entry of the
 * stack), DELETE clears them all.
 */
export function faultsRoute(injector: FaultInjector, functions: { entry: string; logicalId: string }[]) {
  return async ({ method, body }: { method: string; body: Buffer }): Promise<{ status: number; body: unknown }> => {
    if (method === 'GET') return { status: 200, body: { faults: injector.list() } };
    if (method === 'DELETE') {
      injector.clear();
      return { status: 200, body: { faults: [] } };
    }
    if (method !== 'POST')
      return {
        status: 405,
        body: {
          message:
            'GET, POST {function, action, times?, bodyContains?, resourceContains?, error: {status, code, message?}} or DELETE',
        },
      };
    let spec: FaultSpec;
    try {
      spec = JSON.parse(body.toString('utf8') || '{}') as FaultSpec;
    } catch {
      return { status: 400, body: { message: 'JSON attendu' } };
    }
    const byEntry = functions.find((fn) => fn.entry === spec.function);
    const logicalId = byEntry?.logicalId ?? spec.function;
    if (!logicalId || !functions.some((fn) => fn.logicalId.startsWith(logicalId))) {
      return {
        status: 404,
        body: {
          message: `Fonction inconnue : ${spec.function} (fonctions : ${functions.map((fn) => fn.entry).join(', ')})`,
        },
      };
    }
    try {
      return { status: 201, body: { fault: injector.add({ ...spec, function: logicalId }) } };
    } catch (error) {
      return { status: 400, body: { message: (error as Error).message } };
    }
  };
}
