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
  token: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' }),
  creation: (hash: string) => ({ pk: `CREATION#${hash}`, sk: 'CREATION' }),
  email: (idempotencyKey: string) => ({ pk: `EMAIL#${idempotencyKey}`, sk: 'EMAIL' }),
  /** The article of a selected file (read by the publication: `status`, `article`) and its sent versions. */
  article: (id: string) => ({ pk: `APP#${id}`, sk: 'ARTICLE' }),
  articleVersion: (id: string, version: number) => ({ pk: `APP#${id}`, sk: `ARTICLE#V${version}` }),
  /** Private links of article validation: separate from resume tokens, they open nothing else. */
  validationToken: (hash: string) => ({ pk: `VALIDATION#${hash}`, sk: 'TOKEN' }),
  /** Admin actions, one partition per campaign (`global` for the others), sorted by time. */
  auditPk: (scope: string) => `AUDIT#${scope}`,
  audit: (scope: string, at: string, suffix: string) => ({ pk: `AUDIT#${scope}`, sk: `${at}#${suffix}` }),
} as const;
