import type { SentEmail } from './ses.ts';

/** The local inbox: every email the handlers sent through the local SES, newest first. */

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const formatTime = (epochSeconds: number) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' }).format(
    new Date(epochSeconds * 1000),
  );

const recipients = (email: SentEmail) =>
  [
    ...email.destination.to,
    ...email.destination.cc.map((a) => `${a} (cc)`),
    ...email.destination.bcc.map((a) => `${a} (cci)`),
  ].join(', ');

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1a1a1a;line-height:1.5}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #ccc;vertical-align:top}
a{color:#0b4f9c}a:focus{outline:3px solid #0b4f9c;outline-offset:2px}iframe{width:100%;height:70vh;border:1px solid #ccc}
pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}dt{font-weight:bold}dd{margin:0 0 .5rem 0}`;

function page(title: string, content: string, style = STYLE): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>${style ? `<style>${style}</style>` : ''}</head>
<body><main>${content}</main></body>
</html>`;
}

export function renderInbox(emails: readonly SentEmail[]): string {
  const rows = [...emails]
    .reverse()
    .map(
      (email) => `<tr>
  <td><time datetime="${new Date(email.at * 1000).toISOString()}">${escapeHtml(formatTime(email.at))}</time></td>
  <td><a href="/_local/inbox/${encodeURIComponent(email.messageId)}">${escapeHtml(email.subject || '(sans objet)')}</a></td>
  <td>${escapeHtml(recipients(email))}</td>
  <td>${escapeHtml(email.from)}</td>
</tr>`,
    )
    .join('\n');
  const body = emails.length
    ? `<table>
<caption>${emails.length} e-mail${emails.length > 1 ? 's' : ''}, du plus récent au plus ancien</caption>
<thead><tr><th scope="col">Envoyé le</th><th scope="col">Objet</th><th scope="col">Destinataires</th><th scope="col">Expéditeur</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : '<p>Aucun e-mail envoyé depuis le démarrage.</p>';
  return page(
    'Boîte de réception locale',
    `<h1>Boîte de réception locale</h1>
<p>Les e-mails que la plateforme a envoyés depuis le démarrage de <code>npm start</code> (ils ne partent pas réellement). <a href="/_local/inbox.json">Version JSON</a>.</p>
${body}`,
  );
}

export function renderEmail(email: SentEmail): string {
  const content = email.body.html
    ? `<iframe title="Contenu HTML de l'e-mail" sandbox src="/_local/inbox/${encodeURIComponent(email.messageId)}.html"></iframe>`
    : `<pre>${escapeHtml(email.body.text ?? '')}</pre>`;
  return page(
    email.subject || '(sans objet)',
    `<p><a href="/_local/inbox">← Retour à la boîte de réception</a></p>
<h1>${escapeHtml(email.subject || '(sans objet)')}</h1>
<dl>
<dt>Envoyé le</dt><dd><time datetime="${new Date(email.at * 1000).toISOString()}">${escapeHtml(formatTime(email.at))}</time></dd>
<dt>De</dt><dd>${escapeHtml(email.from)}</dd>
<dt>À</dt><dd>${escapeHtml(recipients(email))}</dd>
${email.replyTo.length ? `<dt>Répondre à</dt><dd>${escapeHtml(email.replyTo.join(', '))}</dd>` : ''}
${email.attachments.length ? `<dt>Pièces jointes</dt><dd>${escapeHtml(email.attachments.map((a) => `${a.filename ?? 'sans nom'} (${a.contentType}, ${a.size} octets)`).join(', '))}</dd>` : ''}
</dl>
${content}
${email.body.html && email.body.text ? `<h2>Version texte</h2><pre>${escapeHtml(email.body.text)}</pre>` : ''}`,
  );
}

/** Served when the site has no 404.html; unstyled because the site's CSP forbids inline styles. */
export function renderNotFound(): string {
  return page(
    'Page introuvable',
    '<h1>Page introuvable</h1><p>Cette page n’existe pas. <a href="/">Retour à l’accueil</a></p>',
    '',
  );
}
