import * as logs from 'aws-cdk-lib/aws-logs';
import { RETENTION_POLICY } from '../../functions/domain/retention.ts';

/**
 * CloudWatch Logs retention of every log group of the stack (functions, API access logs, timeline),
 * from the one retention policy the privacy page is written from. CloudWatch accepts only some day
 * counts: a value it does not accept fails the synth here, not the deployment.
 */
export function logRetention(days: number = RETENTION_POLICY.logDays): logs.RetentionDays {
  const accepted = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!accepted.includes(days))
    throw new Error(
      `Durée de conservation des journaux refusée par CloudWatch : ${days} jours (valeurs possibles : ${accepted.join(', ')}).`,
    );
  return days as logs.RetentionDays;
}
