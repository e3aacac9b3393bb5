import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { noCdn, type Invalidator } from '../../functions/adapters/invalidator.ts';
import { publishContext, type PublishContext } from '../../functions/publish/index.ts';
import { localDynamoDb, localS3, localStack } from './local-clients.ts';

/**
 * The publication's context on the local stack (its table, site bucket and front URL), for tests that
 * publish a campaign themselves; `invalidator` records or ignores the CloudFront invalidations.
 */
export function localPublishContext(invalidator: Invalidator = noCdn, stack = localStack()): PublishContext {
  if (!stack.env.SITE_BUCKET)
    throw new Error(
      'SITE_BUCKET absent de l’environnement de la pile locale : la fonction publish est-elle dans infra/stack.ts ?',
    );
  return publishContext({
    dynamo: DynamoDBDocumentClient.from(localDynamoDb(stack), { marshallOptions: { removeUndefinedValues: true } }),
    s3: localS3(stack),
    tableName: stack.env.TABLE_NAME!,
    siteBucket: stack.env.SITE_BUCKET,
    siteUrl: stack.urls.front,
    invalidator,
  });
}
