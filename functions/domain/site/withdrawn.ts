import { typeset } from '../french.ts';
import type { TextSection } from './copy.ts';

/** What a withdrawn initiative's address says (render.ts): no name, where to go instead. */
export function withdrawnNotice(): TextSection[] {
  return [
    {
      paragraphs: [
        typeset("Cette initiative a été retirée du site à la demande de l'entreprise qui la portait."),
        typeset("Les autres initiatives de l'appel restent à découvrir, par axe, par région ou par la recherche."),
      ],
      links: [{ href: '/', label: typeset("Retour à l'accueil") }],
    },
  ];
}
