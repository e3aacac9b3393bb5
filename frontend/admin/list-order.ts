import { h } from './ui.ts';

/**
 * The files in the order the list last showed them (its filters, its search, its sort), kept for the
 * browser tab's session: the file screen offers the previous and the next one, and its way back
 * returns to that very list. Names only, no personal data beyond what the screen shows.
 */
const KEY = 'avenir.console.listOrder';

interface ListOrder {
  /** The list's address (`#/dossiers?…`), filters included. */
  list: string;
  files: { id: string; name: string }[];
}

export function rememberListOrder(list: string, files: { id: string; initiative: string }[]): void {
  const order: ListOrder = { list, files: files.map((f) => ({ id: f.id, name: f.initiative || 'Sans nom' })) };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(order));
  } catch {
    // Storage full or disabled: the file screen simply offers no neighbours.
  }
}

function listOrder(): ListOrder | undefined {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/** « ← Tous les dossiers » (back to the list as it was), and the previous and next files of that list. */
export function fileNavigation(id: string): HTMLElement {
  const order = listOrder();
  const index = order?.files.findIndex((f) => f.id === id) ?? -1;
  const link = (file: { id: string; name: string }, label: string) =>
    h('a', { href: `#/dossiers/${encodeURIComponent(file.id)}` }, label);
  const items = [h('li', {}, h('a', { href: order?.list ?? '#/dossiers' }, '← Tous les dossiers'))];
  if (order && index >= 0) {
    const previous = order.files[index - 1];
    const next = order.files[index + 1];
    items.push(h('li', {}, `Dossier ${index + 1} sur ${order.files.length}`));
    if (previous) items.push(h('li', {}, link(previous, `← Précédent\u00a0: ${previous.name}`)));
    if (next) items.push(h('li', {}, link(next, `Suivant\u00a0: ${next.name} →`)));
  }
  return h('nav', { class: 'file-nav', 'aria-label': 'Parcourir les dossiers' }, h('ul', {}, ...items));
}
