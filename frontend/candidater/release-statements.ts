/**
 * The « décharge droit à l'image » of the call, statement by statement, in plain French. Used at build
 * time for the online signature (one checkbox per statement, keyed like onlineReleaseSchema) and for
 * the printable paper version: both say exactly the same thing.
 */
export const FEDERATION = 'la fédération COORACE';

export const RELEASE_WHY =
  'Pour publier vos photos, nous avons besoin de votre accord et de celui des personnes qui y apparaissent.';
export const RELEASE_INTRO = `${RELEASE_WHY} Signée en ligne, la décharge a la même valeur que sur papier.`;

export const RELEASE_STATEMENTS = [
  {
    key: 'consentsObtained',
    text: 'Je certifie que les personnes qui apparaissent sur ces images m’ont donné leur accord pour qu’elles soient utilisées dans le cadre de l’appel à initiatives «\u00a0Nos territoires ont de l’avenir\u00a0».',
  },
  {
    key: 'authorisePlatform',
    text: `J’autorise ${FEDERATION} à publier ces photos sur la plateforme web «\u00a0Nos territoires ont de l’avenir\u00a0».`,
  },
  {
    key: 'authoriseSocial',
    text: 'J’autorise leur publication sur les réseaux sociaux, dans les messages qui parlent de cette opération.',
  },
  {
    key: 'authoriseAllMedia',
    text: 'J’autorise leur utilisation sur tout support, imprimé ou en ligne, qui présente les initiatives concernées.',
  },
  {
    key: 'acknowledgesNoHarm',
    text: 'Je reconnais que ces utilisations ne portent pas atteinte à la vie privée des personnes photographiées et ne leur causent aucun tort.',
  },
] as const;

/** What the authorisations cover (said once, between the statements and the signature). */
export const RELEASE_SCOPE =
  'Les photos ne servent qu’à informer le public et à faire connaître les initiatives. L’autorisation est gratuite, valable en tout lieu et sans limite de durée.';

export const RELEASE_LAW = 'Je signe en connaissance des règles sur le droit à l’image et le respect de la vie privée.';
