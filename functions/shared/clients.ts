import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The clients every function's context holds (functions/services/context.ts); a test may pass its
 * own. Each SDK client has its getter in functions/shared/clients/, one module per client.
 */
export interface Clients {
  dynamo: DynamoDBDocumentClient;
}
