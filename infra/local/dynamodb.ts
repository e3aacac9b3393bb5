import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { spawnEmulator, waitUntilReady, type Emulator } from './child-process.ts';
import type { LocalTable } from './template.ts';

/*
 * Why DynamoDB Local (AWS's own emulator, Java) rather than dynalite (pure Node, starts in ms):
 * the handlers use TransactWriteItems and ReturnValuesOnConditionCheckFailure, and the stack calls
 * UpdateTimeToLive; dynalite answers UnknownOperationException to all three. DynamoDB Local costs
 * ~3 s of start-up, in parallel with the other emulators. Neither deletes expired TTL items.
 *
 * DynamoDB Local has no option to choose the listening address (see `-help`): it listens on every
 * interface. Its CORS allow-list is narrowed to the local front so that web pages cannot use it.
 */

const EMULATOR_DIR = path.resolve(import.meta.dirname, '../../node_modules/amplify-dynamodb-simulator/emulator');
const JAVA_INSTALL_HINT = 'Installez Java 17 : apt-get install -y openjdk-17-jre-headless';

/** DynamoDB Local 2.x needs Java 17 or later. */
export async function checkJava(): Promise<void> {
  let output: string;
  try {
    const { stderr, stdout } = await promisify(execFile)('java', ['-version']);
    output = `${stderr}${stdout}`;
  } catch {
    throw new Error(`Java est introuvable ; DynamoDB Local en a besoin. ${JAVA_INSTALL_HINT}`);
  }
  const version = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : 0;
  if (major < 17)
    throw new Error(`Java ${major || '?'} est trop ancien pour DynamoDB Local (17 minimum). ${JAVA_INSTALL_HINT}`);
}

export interface LocalDynamoDb {
  url: string;
  emulator: Emulator;
  /** Resolves once it answers requests. */
  ready(): Promise<void>;
}

export async function startDynamoDb(options: {
  dataDir: string;
  port: number;
  frontOrigin: string;
  env: NodeJS.ProcessEnv;
}): Promise<LocalDynamoDb> {
  const javaChecked = checkJava(); // ~0.5 s: runs while the emulator boots, awaited by ready()
  javaChecked.catch(() => undefined);
  const dbPath = path.join(options.dataDir, 'ddb');
  await mkdir(dbPath, { recursive: true });
  const emulator = await spawnEmulator(
    'java',
    [
      // A small, short-lived emulator: the C1 compiler alone and the serial collector cut its CPU
      // about threefold (npm run bench: 0.21 -> 0.07 CPU s per photo end to end) on these 2 cores,
      // where C2 compilations and G1's threads otherwise compete with the handlers.
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      `-Djava.library.path=${path.join(EMULATOR_DIR, 'DynamoDBLocal_lib')}`,
      '-jar',
      path.join(EMULATOR_DIR, 'DynamoDBLocal.jar'),
      // One database whatever the caller's access key (each function signs with its own).
      '-sharedDb',
      '-dbPath',
      dbPath,
      '-port',
      String(options.port),
      '-disableTelemetry',
      '-cors',
      options.frontOrigin,
    ],
    { cwd: options.dataDir, env: options.env, logFile: path.join(options.dataDir, 'logs', 'dynamodb.log') },
  );
  const url = `http://127.0.0.1:${options.port}`;
  return {
    url,
    emulator,
    ready: async () => {
      await javaChecked;
      const client = dynamoDbClient(url);
      await waitUntilReady('DynamoDB Local', emulator, () => client.send(new ListTablesCommand({ Limit: 1 })));
    },
  };
}

export function dynamoDbClient(url: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: url,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

const sameKeys = (a: KeySchemaElement[] = [], b: KeySchemaElement[] = []) =>
  JSON.stringify(a.map((k) => [k.AttributeName, k.KeyType])) ===
  JSON.stringify(b.map((k) => [k.AttributeName, k.KeyType]));

/**
 * Creates the template's tables that do not exist yet (on demand, TTL on). An existing table gets
 * the indexes it lacks; a changed primary key cannot be migrated and asks for a reset.
 */
export async function provisionTables(client: DynamoDBClient, tables: LocalTable[]): Promise<void> {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) existing.add(name);
    start = page.LastEvaluatedTableName;
  } while (start);

  await Promise.all(
    tables.map(async (table) => {
      if (!existing.has(table.tableName)) {
        await client.send(
          new CreateTableCommand({
            TableName: table.tableName,
            BillingMode: 'PAY_PER_REQUEST',
            KeySchema: table.KeySchema,
            AttributeDefinitions: table.AttributeDefinitions,
            GlobalSecondaryIndexes: table.GlobalSecondaryIndexes,
            LocalSecondaryIndexes: table.LocalSecondaryIndexes,
          }),
        );
      } else {
        await addMissingIndexes(client, table);
      }
      const ttl = table.TimeToLiveSpecification;
      if (ttl?.Enabled) {
        const current = await client.send(new DescribeTimeToLiveCommand({ TableName: table.tableName }));
        if (current.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
          await client.send(new UpdateTimeToLiveCommand({ TableName: table.tableName, TimeToLiveSpecification: ttl }));
        }
      }
    }),
  );
}

async function addMissingIndexes(client: DynamoDBClient, table: LocalTable): Promise<void> {
  const { Table: current } = await client.send(new DescribeTableCommand({ TableName: table.tableName }));
  if (!sameKeys(current?.KeySchema, table.KeySchema)) {
    throw new Error(
      `La table locale ${table.tableName} a une autre clé primaire que le modèle CDK : lancez npm run reset (les données locales seront effacées).`,
    );
  }
  const present = new Set((current?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of table.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    const used = new Set(index.KeySchema.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: table.tableName,
        AttributeDefinitions: table.AttributeDefinitions.filter((a) =>
          used.has(a.AttributeName),
        ) as AttributeDefinition[],
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
}
