import { beforeEach, describe, expect, it, vi } from 'vitest';
import apiEvent from '../../events/apigw-v2-request.json' with { type: 'json' };
import type { AuditEntry } from '../../functions/adapters/audit-store.ts';
import { json, router, type HttpEvent } from '../../functions/shared/http.ts';
import { groupsOf, requireAdmin } from '../../functions/admin-api/require-admin.ts';

// The audit writes through the shared stores: replaced here by a recorder, so no table is needed.
const recorded: { scope: string; entry: AuditEntry }[] = [];
vi.mock('../../functions/services/context.ts', () => ({ appContext: () => ({}) }));
vi.mock('../../functions/services/article-context.ts', () => ({
  articleContext: () => ({
    audit: { record: async (scope: string, entry: AuditEntry) => void recorded.push({ scope, entry }) },
  }),
}));
const { auditAnswered } = await import('../../functions/admin-api/audit.ts');

const base = apiEvent as unknown as HttpEvent;
const event = (method: string, path: string, claims?: Record<string, unknown>, body?: unknown): HttpEvent =>
  ({
    ...base,
    rawPath: path,
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      ...base.requestContext,
      http: { ...base.requestContext.http, method, path },
      authorizer: claims ? { jwt: { claims } } : undefined,
    },
  }) as HttpEvent;

const asAdmin = (groups: unknown) => () =>
  requireAdmin(event('GET', '/api/admin/me', { sub: 's-1', email: 'a@example.org', 'cognito:groups': groups }));

describe('requireAdmin matches the admin group exactly', () => {
  it('grants the group named admin, as an array or as API Gateway flattens it', () => {
    expect(asAdmin(['admin'])().groups).toEqual(['admin']);
    expect(asAdmin(['readers', 'admin'])().groups).toEqual(['readers', 'admin']);
    expect(asAdmin('[admin]')().groups).toEqual(['admin']);
    expect(asAdmin('[readers admin]')().groups).toEqual(['readers', 'admin']);
    expect(asAdmin('admin')().groups).toEqual(['admin']);
  });

  it.each([
    ['a group named « readers,admin » (flattened)', '[readers,admin]'],
    ['a group named « readers,admin » (array)', ['readers,admin']],
    ['administrators', '[administrators]'],
    ['administrators (array)', ['administrators', 'sub-admin', 'Admin']],
    ['a group named « [admin] » (array)', ['[admin]']],
    ['a group named « [admin] » (flattened: « [[admin]] »)', '[[admin]]'],
    ['the bare string « readers,admin »', 'readers,admin'],
    ['no group', undefined],
    ['an empty list', '[]'],
  ])('refuses %s (403)', (_label, groups) => {
    expect(asAdmin(groups)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });

  it('splits only on whitespace and removes one pair of enclosing brackets', () => {
    expect(groupsOf('[readers,admin editors]')).toEqual(['readers,admin', 'editors']);
    expect(groupsOf('[[admin] x]')).toEqual(['[admin]', 'x']);
    expect(groupsOf(42)).toEqual([]);
  });
});

describe('audit log', () => {
  beforeEach(() => void (recorded.length = 0));

  it('records the sub of who acted beside the email', async () => {
    const handle = router(
      { 'POST /api/admin/campaigns/:id/open': async () => json(200, { ok: true }) },
      { answered: auditAnswered },
    );
    await handle(
      event(
        'POST',
        '/api/admin/campaigns/c-1/open',
        { sub: 'sub-123', email: 'equipe@example.org', 'cognito:groups': '[admin]' },
        {},
      ),
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.scope).toBe('c-1');
    expect(recorded[0]!.entry).toMatchObject({
      by: 'equipe@example.org',
      sub: 'sub-123',
      label: 'Campagne ouverte',
      target: { type: 'campaign', id: 'c-1' },
    });
  });
});
