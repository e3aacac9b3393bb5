import type { ApplicationView } from '../../functions/domain/views.ts';
import type { AXES } from '../../functions/domain/axes.ts';
import { api, setToken } from './api.ts';
import { formatFragment, parseFragment, type Credentials } from './fragment.ts';
import { sleep } from '../shared/dom.ts';

/** What GET /api/campaign returns. */
export interface CampaignInfo {
  id: string;
  title: string;
  open: boolean;
  deadline: string;
  deadlineLabel: string;
  notificationLabel?: string;
  launchLabel?: string;
  axes: typeof AXES;
  photoCount: number;
}

/** The state of the page: the open call, the application being edited and how to reach it. */
export const store = {
  campaign: null as CampaignInfo | null,
  view: null as ApplicationView | null,
  id: null as string | null,
  /** Sent with the creation: a retried or double-clicked creation returns the same application. */
  creationKey: newCreationKey(),
  editable: true,
};

/** A version 4 UUID; by hand where `randomUUID` is missing (Safari before 15.4): each x a random hex digit, y one of 8–b. */
export function newCreationKey(): string {
  return (
    crypto.randomUUID?.() ??
    'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
      const r = crypto.getRandomValues(new Uint8Array(1))[0]! & 15;
      return (c === 'x' ? r : (r & 3) | 8).toString(16);
    })
  );
}

const KEY = 'avenir.candidature';

/** Credentials from the link (fragment) first, else from this tab's earlier visit. */
export function initialCredentials(): Credentials | null {
  const fromLink = parseFragment(location.hash);
  if (fromLink) return fromLink;
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Credentials | null;
    if (saved && typeof saved.id === 'string' && typeof saved.token === 'string') return saved;
  } catch {
    // Storage disabled or corrupt: the link in the email still works.
  }
  return null;
}

/** Keeps id and token in this tab's storage and in the fragment (never in a query string). */
export function setCredentials(credentials: Credentials | null): void {
  setToken(credentials?.token ?? null);
  store.id = credentials?.id ?? null;
  try {
    if (credentials) sessionStorage.setItem(KEY, JSON.stringify(credentials));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Private browsing with storage disabled: the fragment is enough.
  }
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${location.search}${credentials ? formatFragment(credentials) : ''}`,
  );
}

type Listener = (view: ApplicationView) => void;
const listeners: Listener[] = [];
export const onView = (listener: Listener) => listeners.push(listener);

export function setView(view: ApplicationView): void {
  store.view = view;
  store.id = view.id;
  for (const listener of listeners) listener(view);
  for (const waiter of waiters) {
    if (waiter.test(view)) {
      waiters.delete(waiter);
      waiter.resolve(view);
    }
  }
}

export class WaitTimeout extends Error {}
interface Waiter {
  test: (view: ApplicationView) => boolean;
  resolve: (view: ApplicationView) => void;
  reject: (error: unknown) => void;
  until: number;
}
const waiters = new Set<Waiter>();
let polling = false;

/**
 * Resolves when the application satisfies `test` (a photo or a release processed after upload).
 * One polling loop, every second, serves every waiter.
 */
export function waitFor(test: Waiter['test'], timeoutMs = 60_000): Promise<ApplicationView> {
  return new Promise((resolve, reject) => {
    waiters.add({ test, resolve, reject, until: Date.now() + timeoutMs });
    if (!polling) void poll();
  });
}

async function poll(): Promise<void> {
  polling = true;
  while (waiters.size) {
    await sleep(1000);
    try {
      setView(await api<ApplicationView>('GET', `/api/applications/${store.id}`));
    } catch (error) {
      const status = (error as { status?: number }).status ?? 0;
      // Network hiccups, throttling and server errors: keep trying until the waiter's deadline.
      if (status >= 400 && status < 500 && status !== 429) {
        for (const waiter of waiters) waiter.reject(error);
        waiters.clear();
      }
    }
    const now = Date.now();
    for (const waiter of waiters) {
      if (now > waiter.until) {
        waiters.delete(waiter);
        waiter.reject(new WaitTimeout());
      }
    }
  }
  polling = false;
}

/**
 * Files being sent or checked (photos, the release scan). « J'envoie mon dossier » waits for them, so
 * that the verdict the applicant receives covers the files they just added, never « à ajouter » for a
 * photo on its way.
 */
const filesInFlight = new Set<Promise<unknown>>();

export function trackFile<T>(work: Promise<T>): Promise<T> {
  filesInFlight.add(work);
  void work.finally(() => filesInFlight.delete(work)).catch(() => undefined);
  return work;
}

export const filesPending = (): boolean => filesInFlight.size > 0;

export async function filesSettled(): Promise<void> {
  while (filesInFlight.size) await Promise.allSettled([...filesInFlight]);
}
