import { DescribeExecutionCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { executionName, type CampaignRecord } from '../domain/timeline.ts';
import { now } from '../shared/clock.ts';
import type { AppContext } from '../shared/context.ts';
import { log } from '../shared/log.ts';

/**
 * Starting and stopping a campaign's timeline (one Step Functions execution per dates version).
 * The state machine ARN comes from TIMELINE_ARN (set by the stack; locally, the same name in the
 * local account, served by infra/local/stepfunctions.ts).
 */

const timelineArn = () => z.string({ error: 'TIMELINE_ARN manquant' }).min(1).parse(process.env.TIMELINE_ARN);

/** `arn:…:stateMachine:<machine>` → `arn:…:execution:<machine>:<name>` (what StartExecution returns). */
export function executionArnFor(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

const errorName = (error: unknown) => (error as { name?: string }).name ?? '';

export async function executionStatus(ctx: AppContext, executionArn: string): Promise<string | undefined> {
  try {
    const res = await ctx.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    return res.status;
  } catch (error) {
    if (errorName(error) === 'ExecutionDoesNotExist') return undefined;
    throw error;
  }
}

/**
 * Makes sure the campaign's timeline runs for its current dates version: starts
 * `<campaignId>-v<datesVersion>` (idempotent: StartExecution with the same name and input returns
 * the running execution; a double click starts one), and records its ARN. An execution that ended
 * on an error (or was lost by a local restart) is replaced by a new version: steps done are skipped.
 */
export async function ensureTimeline(ctx: AppContext, campaign: CampaignRecord): Promise<CampaignRecord> {
  if (campaign.phase === 'draft' || campaign.steps?.closeVoting) return campaign;
  const stateMachineArn = timelineArn();
  let current = campaign;
  if (current.executionArn?.endsWith(`:${executionName(current.id, current.datesVersion)}`)) {
    const status = await executionStatus(ctx, current.executionArn);
    if (status === 'RUNNING' || status === 'SUCCEEDED') return current;
    if (status) {
      // FAILED, TIMED_OUT or ABORTED: a name cannot be reused, the next version takes over.
      const at = now().toISOString();
      await ctx.campaigns.update(
        current.id,
        { datesVersion: current.datesVersion + 1, updatedAt: at },
        { datesVersion: current.datesVersion },
      );
      current = (await ctx.campaigns.get(current.id, { consistent: true }))!;
    }
  }
  const name = executionName(current.id, current.datesVersion);
  let executionArn: string;
  try {
    const res = await ctx.clients.sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name,
        input: JSON.stringify({ campaignId: current.id, datesVersion: current.datesVersion }),
      }),
    );
    executionArn = res.executionArn!;
  } catch (error) {
    if (errorName(error) !== 'ExecutionAlreadyExists') throw error;
    executionArn = executionArnFor(stateMachineArn, name);
  }
  log.info('timeline started', { campaignId: current.id, datesVersion: current.datesVersion, execution: name });
  await ctx.campaigns.update(current.id, { executionArn }, { datesVersion: current.datesVersion });
  return { ...current, executionArn };
}

/** Stops a superseded execution; one that already ended, or cannot be stopped now, ends by itself (its tasks see the newer version). */
export async function stopTimeline(ctx: AppContext, executionArn: string | undefined, cause: string): Promise<void> {
  if (!executionArn) return;
  try {
    await ctx.clients.sfn.send(new StopExecutionCommand({ executionArn, error: 'DatesChanged', cause }));
  } catch (error) {
    log.warn('stop execution failed', { executionArn, error: errorName(error) || String(error) });
  }
}
