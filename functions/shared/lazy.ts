/**
 * The function `name` of the module `load` imports, loaded on its first call: a cold start then
 * compiles the entry point and what this one call needs, not every route's or task's module and
 * libraries (each dynamic import is a chunk of its own, infra/build.ts). Node keeps the module once
 * loaded. Used by the API routers (one module per resource), the timeline (one module per task) and
 * the purge (erasing, on the days something is due).
 */
export const lazy =
  <M extends Record<K, (...args: never[]) => unknown>, K extends keyof M>(load: () => Promise<M>, name: K) =>
  async (...args: Parameters<M[K]>): Promise<Awaited<ReturnType<M[K]>>> =>
    (await load())[name](...args) as Awaited<ReturnType<M[K]>>;
