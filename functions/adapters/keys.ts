/** Item keys of the single table (attribute names match infra/constructs/data.ts). */
export const keys = {
  campaign: (id: string) => ({ pk: `CAMPAIGN#${id}`, sk: 'META' }),
  campaignsIndex: 'CAMPAIGNS',
  application: (id: string) => ({ pk: `APP#${id}`, sk: 'META' }),
  applicationPk: (id: string) => `APP#${id}`,
  campaignApplications: (campaignId: string) => `CAMPAIGN#${campaignId}#APPS`,
  photo: (id: string, slot: number) => ({ pk: `APP#${id}`, sk: `PHOTO#${slot}` }),
  release: (id: string) => ({ pk: `APP#${id}`, sk: 'RELEASE' }),
  history: (id: string, at: string, suffix: string) => ({ pk: `APP#${id}`, sk: `HIST#${at}#${suffix}` }),
  /** A private link of the file (hash), in the file's partition: the query that loads the file checks it too. */
  token: (id: string, hash: string) => ({ pk: `APP#${id}`, sk: `TOKEN#${hash}` }),
  creation: (hash: string) => ({ pk: `CREATION#${hash}`, sk: 'CREATION' }),
  email: (idempotencyKey: string) => ({ pk: `EMAIL#${idempotencyKey}`, sk: 'EMAIL' }),
  /** The article of a selected file (read by the publication: `status`, `article`) and its sent versions. */
  article: (id: string) => ({ pk: `APP#${id}`, sk: 'ARTICLE' }),
  articleVersion: (id: string, version: number) => ({ pk: `APP#${id}`, sk: `ARTICLE#V${version}` }),
  /**
   * gsi1 partition listing a file's items kept outside its partition (article validation links, email
   * records: keyed by a hash or an email key), so that erasing the file finds them without a scan.
   */
  fileOutside: (applicationId: string) => `APP#${applicationId}#OUTSIDE`,
  /** Private links of article validation: separate from resume tokens, they open nothing else. */
  validationToken: (hash: string) => ({ pk: `VALIDATION#${hash}`, sk: 'TOKEN' }),
  /** Admin actions, one partition per campaign (`global` for the others), sorted by time. */
  auditPk: (scope: string) => `AUDIT#${scope}`,
  audit: (scope: string, at: string, suffix: string) => ({ pk: `AUDIT#${scope}`, sk: `${at}#${suffix}` }),
  /** Public vote (functions/domain/votes.ts): a pending vote, by the hash of its emailed link's token. */
  votePending: (tokenHash: string) => ({ pk: `VOTETOKEN#${tokenHash}`, sk: 'PENDING' }),
  /** A confirmed vote: one per (campaign, initiative, address hash), written once. */
  vote: (campaignId: string, initiativeId: string, emailHash: string) => ({
    pk: `VOTE#${campaignId}#${initiativeId}#${emailHash}`,
    sk: 'VOTE',
  }),
  /** gsi1 partition of a campaign's confirmed votes (console: anomalies). */
  campaignVotes: (campaignId: string) => `CAMPAIGN#${campaignId}#VOTES`,
  /**
   * A campaign's counters, in VOTE_SHARDS partitions (functions/domain/votes.ts): a counter per
   * initiative in each (`COUNT#<id>`), summed when read. The frozen `RESULTS` has its own partition.
   */
  voteShardPk: (campaignId: string, shard: number) => `VOTES#${campaignId}#S${shard}`,
  voteCount: (campaignId: string, initiativeId: string, shard: number) => ({
    pk: `VOTES#${campaignId}#S${shard}`,
    sk: `COUNT#${initiativeId}`,
  }),
  voteResults: (campaignId: string) => ({ pk: `VOTES#${campaignId}`, sk: 'RESULTS' }),
  /** How many initiatives one address (hash) voted for in a campaign. */
  voter: (campaignId: string, emailHash: string) => ({ pk: `VOTER#${campaignId}#${emailHash}`, sk: 'VOTER' }),
  /** The printed compilation of a campaign (functions/compilation): the latest generation and its outcome. */
  compilation: (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'COMPILATION' }),
  /** The counter of a campaign's file references (functions/adapters/file-references.ts): the last rank taken. */
  fileReferences: (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'REFERENCES' }),
  /** The newsletter selection of a campaign: intro, initiatives in order with their short texts. */
  newsletter: (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'NEWSLETTER' }),
  /** A file erased (right to erasure, purge, draft deleted): no personal data, it stops late events and retried tasks. */
  erased: (applicationId: string) => ({ pk: `ERASED#${applicationId}`, sk: 'ERASED' }),
  /** Rate counters: the vote's hourly ones (scope ip or email) and the per-recipient email limits (domain/email-limits.ts); hashed key, window number. */
  voteRate: (scope: string, hash: string, window: string) => ({ pk: `RATE#${scope}#${hash}#${window}`, sk: 'RATE' }),
  /** An address SES reported as undeliverable (permanent bounce, complaint), by its hash (domain/mail-events.ts). */
  undeliverable: (hash: string) => ({ pk: `UNDELIVERABLE#${hash}`, sk: 'UNDELIVERABLE' }),
} as const;
