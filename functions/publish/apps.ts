/**
 * The entry files of the built browser apps (dist/frontend, by frontend/build.ts) that every
 * publication must carry: the diff deletes whatever a publication does not write, so one run
 * without them would take the form, the console, the validation and the vote off the site.
 * One list for the build (infra/build.ts fails without them) and the publication (refuses without them).
 * No imports: infra/build.ts loads it as is.
 */
export const REQUIRED_APP_FILES = [
  '/candidater/index.html',
  '/candidater/decharge.html',
  '/admin/index.html',
  '/validation/index.html',
  '/vote/widget.js',
  '/vote/widget.css',
  '/voter/confirmation/index.html',
] as const;

/** The required app files absent from a set of URL paths. */
export function missingAppFiles(paths: { has(path: string): boolean }): string[] {
  return REQUIRED_APP_FILES.filter((p) => !paths.has(p));
}

/** A publication without the apps would delete them from the site: it stops before writing anything. */
export class PublicationRefused extends Error {
  override name = 'PublicationRefused';
  constructor(readonly missing: string[]) {
    super(
      `Publication refusée\u00a0: les applications du site (formulaire, console…) manquent à côté de la fonction de publication ` +
        `(${missing.join(', ')})\u202f; rien n’a été modifié. Lancez «\u00a0npm run build\u00a0» puis redéployez.`,
    );
  }
}
