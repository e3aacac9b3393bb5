import { fr } from '../french.ts';

/**
 * Links that share an initiative's page: e-mail and the networks the federation's members use (the
 * 2016 call asked for their Twitter and Facebook accounts; LinkedIn is where enterprises speak to
 * each other today). Plain links to each network's share page: no third-party script on the site,
 * nothing sent to a network until the visitor clicks. Used by the initiative pages and by the vote
 * confirmation page (frontend/vote/confirm.ts).
 */

export interface ShareLink {
  network: 'email' | 'facebook' | 'x' | 'linkedin';
  label: string;
  href: string;
}

export function shareLinks(pageUrl: string, title: string): ShareLink[] {
  const url = encodeURIComponent(pageUrl);
  const text = fr`Une initiative à découvrir : « ${title} »`;
  return [
    {
      network: 'email',
      label: 'Par courriel',
      href: `mailto:?subject=${encodeURIComponent(text)}&body=${encodeURIComponent(`${text}\n${pageUrl}`)}`,
    },
    { network: 'facebook', label: 'Sur Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${url}` },
    {
      network: 'x',
      label: 'Sur X (Twitter)',
      href: `https://twitter.com/intent/tweet?url=${url}&text=${encodeURIComponent(text)}`,
    },
    { network: 'linkedin', label: 'Sur LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${url}` },
  ];
}
