import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { keys } from './keys.ts';

/** One admin action: who, what, when, on what. */
export interface AuditEntry {
  at: string;
  /** The admin's email, as the console shows it. */
  by: string;
  /** The admin's Cognito `sub`: identifies them even if the email is reused or changed (absent from older entries). */
  sub?: string;
  /** Route key, e.g. `PUT /api/admin/applications/:id/decision`. */
  action: string;
  /** French label for the console. */
  label: string;
  /** `campaign`, `application`… and its id, when the action concerns one. */
  target?: { type: string; id: string };
  details: Record<string, string | number>;
  requestId: string;
}

/** The audit log (`AUDIT#<campaignId|global>`, sorted by time). Entries are only ever added. */
export class AuditStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async record(scope: string, entry: AuditEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.audit(scope, entry.at, randomBytes(4).toString('hex')), scope, ...entry },
      }),
    );
  }

  /** The newest entries of a scope, newest first, before `before` (an `at`) when paging back. */
  async list(scope: string, limit: number, before?: string): Promise<(AuditEntry & { scope: string })[]> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: before ? 'pk = :pk AND sk < :before' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditPk(scope), ...(before ? { ':before': before } : {}) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map(({ pk: _pk, sk: _sk, ...rest }) => rest as AuditEntry & { scope: string });
  }
}
