import * as z from 'zod/mini';
import type { Campaign } from './campaign.ts';

/**
 * The prizes of the public vote (seed 000: « des projets pourront être choisis par les internautes
 * comme étant les plus inspirants et gagner des prix »). The team words, per axis, what the
 * initiative the public prefers in that axis wins; tied winners share the axis's wording. Shown on
 * `/resultats/` and in the winners' email, both written when the vote closes; changed afterwards,
 * the site is published again (the emails already sent stay as they were).
 */

export const PRIZE_MAX = 300;

export const prizesInputSchema = z.object({
  prizes: z.record(
    z.string().check(z.regex(/^[\w-]{1,60}$/, 'Axe inconnu.')),
    z
      .string({ error: 'Prix\u00a0: du texte.' })
      .check(z.trim(), z.maxLength(PRIZE_MAX, `Prix\u00a0: ${PRIZE_MAX} caractères au plus.`)),
    { error: 'Prix\u00a0: un texte par axe.' },
  ),
});
export type PrizesInput = z.infer<typeof prizesInputSchema>;

/** The axes of `campaign` named in `prizes` that it does not have (refused by the route). */
export const unknownPrizeAxes = (campaign: Pick<Campaign, 'axes'>, prizes: Record<string, string>): string[] =>
  Object.keys(prizes).filter((id) => !campaign.axes.some((a) => a.id === id));

/** The prize wording of an axis's winners, or undefined when the team wrote none. */
export function prizeOf(campaign: Pick<Campaign, 'prizes'>, axisId: string): string | undefined {
  const text = campaign.prizes?.[axisId];
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}
