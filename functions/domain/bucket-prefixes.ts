// Apart from retention.ts (which needs luxon for its dates): the adapters that only need a prefix stay light.

/** Where ZIP exports are written (uploads bucket): under no notification prefix, expired by lifecycle. */
export const EXPORTS_PREFIX = 'exports/';
/** Where the summaries attached to emails are written (uploads bucket, `<prefix><applicationId>/…`): expired by lifecycle, erased with the file. */
export const RECEIPTS_PREFIX = 'receipts/';
