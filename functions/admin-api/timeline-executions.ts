import * as z from 'zod/mini';
import { TimelineExecutions } from '../adapters/timeline-executions.ts';
import { executionName } from '../domain/campaign.ts';
import type { CampaignRecord } from '../domain/timeline.ts';
import { now } from '../shared/clock.ts';
import type { AppContext } from '../services/context.ts';
import { log } from '../shared/log.ts';
import { sfnClient } from '../shared/clients/sfn.ts';

/**
 * Starting and stopping a campaign's timeline (one Step Functions execution per dates version).
 * The state machine ARN comes from TIMELINE_ARN (set by the stack; locally, the same name in the
 * local account, served by infra/local/stepfunctions.ts).
 */

const timelineArn = () =>
  z.string({ error: 'TIMELINE_ARN manquant' }).check(z.minLength(1)).parse(process.env.TIMELINE_ARN);

const executions = () => new TimelineExecutions(sfnClient());

export const executionStatus = (executionArn: string) => executions().status(executionArn);

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
    const status = await executionStatus(current.executionArn);
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
  const executionArn = await executions().start(stateMachineArn, name, {
    campaignId: current.id,
    datesVersion: current.datesVersion,
  });
  log.info('timeline started', { campaignId: current.id, datesVersion: current.datesVersion, execution: name });
  await ctx.campaigns.update(current.id, { executionArn }, { datesVersion: current.datesVersion });
  return { ...current, executionArn };
}

/** Stops the superseded execution, if any (see TimelineExecutions.stop). */
export async function stopTimeline(executionArn: string | undefined, cause: string): Promise<void> {
  if (executionArn) await executions().stop(executionArn, cause);
}
