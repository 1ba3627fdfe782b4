// PropertiesService and CacheService of the in-memory Workspace, with Google's limits: 9 KB per
// property value and 500 KB per property store; 100 KB per cached value, 250 characters per cache
// key, 1,000 entries per cache, expiry (default 10 minutes, at most 6 hours) on the fake clock.
import type { Workspace } from './core';

export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;
export const PROPERTIES_QUOTA_MESSAGE =
  'You have exceeded the property storage quota. Please remove some properties and try again.';
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_MAX_ENTRIES = 1000;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21600;

type Store = Record<string, string>;

export interface PropertiesState {
  script: Store;
  /** By user email. */
  user: Record<string, Store>;
  /** By the id of the document the script is bound to. */
  document: Record<string, Store>;
}

export function emptyPropertiesState(): PropertiesState {
  return { script: {}, user: {}, document: {} };
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function storeBytes(store: Store): number {
  let n = 0;
  for (const [k, v] of Object.entries(store)) n += bytes(k) + bytes(v);
  return n;
}

class FakeProperties implements Pick<
  GoogleAppsScript.Properties.Properties,
  | 'getProperty'
  | 'setProperty'
  | 'setProperties'
  | 'getProperties'
  | 'deleteProperty'
  | 'deleteAllProperties'
  | 'getKeys'
> {
  constructor(
    private readonly ws: Workspace,
    private readonly store: () => Store,
  ) {}

  private self(): GoogleAppsScript.Properties.Properties {
    return this as unknown as GoogleAppsScript.Properties.Properties;
  }

  /** Applies `changes` only if the store stays within Google's limits (all or nothing). */
  private write(changes: Store, deleteAllOthers: boolean): void {
    for (const value of Object.values(changes)) {
      if (bytes(value) > PROPERTY_VALUE_MAX_BYTES) throw this.ws.error('Argument too large: value');
    }
    const store = this.store();
    const next: Store = deleteAllOthers ? { ...changes } : { ...store, ...changes };
    if (storeBytes(next) > PROPERTY_STORE_MAX_BYTES) throw this.ws.error(PROPERTIES_QUOTA_MESSAGE);
    for (const k of Object.keys(store)) delete store[k];
    Object.assign(store, next);
  }

  getProperty(key: string): string | null {
    this.ws.call('PropertiesService', 'Properties.getProperty');
    const store = this.store();
    return Object.prototype.hasOwnProperty.call(store, key) ? store[key] : null;
  }
  setProperty(key: string, value: string): GoogleAppsScript.Properties.Properties {
    this.ws.call('PropertiesService', 'Properties.setProperty');
    if (value === null || value === undefined) throw this.ws.error('Invalid argument: value');
    this.write({ [String(key)]: String(value) }, false);
    return this.self();
  }
  setProperties(properties: Store, deleteAllOthers = false): GoogleAppsScript.Properties.Properties {
    this.ws.call('PropertiesService', 'Properties.setProperties');
    const changes: Store = {};
    for (const [k, v] of Object.entries(properties)) changes[k] = String(v);
    this.write(changes, deleteAllOthers);
    return this.self();
  }
  getProperties(): Store {
    this.ws.call('PropertiesService', 'Properties.getProperties');
    return { ...this.store() };
  }
  getKeys(): string[] {
    this.ws.call('PropertiesService', 'Properties.getKeys');
    return Object.keys(this.store());
  }
  deleteProperty(key: string): GoogleAppsScript.Properties.Properties {
    this.ws.call('PropertiesService', 'Properties.deleteProperty');
    delete this.store()[key];
    return this.self();
  }
  deleteAllProperties(): GoogleAppsScript.Properties.Properties {
    this.ws.call('PropertiesService', 'Properties.deleteAllProperties');
    const store = this.store();
    for (const k of Object.keys(store)) delete store[k];
    return this.self();
  }
}

/** `containerId()`: the document the script is bound to, or null for a standalone script. */
export function createPropertiesService(
  ws: Workspace,
  state: PropertiesState,
  containerId: () => string | null,
) {
  const PropertiesService = {
    getScriptProperties(): GoogleAppsScript.Properties.Properties {
      ws.call('PropertiesService', 'PropertiesService.getScriptProperties');
      return new FakeProperties(ws, () => state.script) as unknown as GoogleAppsScript.Properties.Properties;
    },
    /** The store of the user running the script at the time of this call. */
    getUserProperties(): GoogleAppsScript.Properties.Properties {
      ws.call('PropertiesService', 'PropertiesService.getUserProperties');
      const user = ws.activeUser;
      return new FakeProperties(
        ws,
        () => (state.user[user] ??= {}),
      ) as unknown as GoogleAppsScript.Properties.Properties;
    },
    getDocumentProperties(): GoogleAppsScript.Properties.Properties | null {
      ws.call('PropertiesService', 'PropertiesService.getDocumentProperties');
      const doc = containerId();
      if (doc === null) return null;
      return new FakeProperties(
        ws,
        () => (state.document[doc] ??= {}),
      ) as unknown as GoogleAppsScript.Properties.Properties;
    },
  };
  return PropertiesService;
}

// ---------------------------------------------------------------------------------------------

export interface CacheEntry {
  value: string;
  expiresMs: number;
  putMs: number;
}
type CacheStore = Record<string, CacheEntry>;

export interface CacheState {
  script: CacheStore;
  user: Record<string, CacheStore>;
  document: Record<string, CacheStore>;
}

export function emptyCacheState(): CacheState {
  return { script: {}, user: {}, document: {} };
}

class FakeCache implements Pick<
  GoogleAppsScript.Cache.Cache,
  'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll'
> {
  constructor(
    private readonly ws: Workspace,
    private readonly store: () => CacheStore,
  ) {}

  private live(key: string): CacheEntry | null {
    const store = this.store();
    const entry = Object.prototype.hasOwnProperty.call(store, key) ? store[key] : undefined;
    if (!entry) return null;
    if (entry.expiresMs <= this.ws.nowMs) {
      delete store[key];
      return null;
    }
    return entry;
  }

  private store1(key: string, value: string, seconds: number | undefined): void {
    if (key.length > CACHE_KEY_MAX_CHARS) throw this.ws.error('Argument too large: key');
    if (bytes(value) > CACHE_VALUE_MAX_BYTES) throw this.ws.error('Argument too large: value');
    const secs = Math.min(Math.max(Math.floor(seconds ?? CACHE_DEFAULT_SECONDS), 1), CACHE_MAX_SECONDS);
    const store = this.store();
    store[key] = { value, expiresMs: this.ws.nowMs + secs * 1000, putMs: this.ws.nowMs };
    const keys = Object.keys(store);
    if (keys.length > CACHE_MAX_ENTRIES) {
      // Google evicts when a cache is full; the oldest entries go first here.
      keys.sort((a, b) => store[a].putMs - store[b].putMs);
      for (const k of keys.slice(0, keys.length - CACHE_MAX_ENTRIES)) delete store[k];
    }
  }

  get(key: string): string | null {
    this.ws.call('CacheService', 'Cache.get');
    return this.live(String(key))?.value ?? null;
  }
  getAll(keys: string[]): Record<string, string> {
    this.ws.call('CacheService', 'Cache.getAll');
    const out: Record<string, string> = {};
    for (const k of keys) {
      const e = this.live(String(k));
      if (e) out[k] = e.value;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    this.ws.call('CacheService', 'Cache.put');
    this.store1(String(key), String(value), expirationInSeconds);
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    this.ws.call('CacheService', 'Cache.putAll');
    for (const [k, v] of Object.entries(values)) this.store1(k, String(v), expirationInSeconds);
  }
  remove(key: string): void {
    this.ws.call('CacheService', 'Cache.remove');
    delete this.store()[String(key)];
  }
  removeAll(keys: string[]): void {
    this.ws.call('CacheService', 'Cache.removeAll');
    for (const k of keys) delete this.store()[String(k)];
  }
}

export function createCacheService(ws: Workspace, state: CacheState, containerId: () => string | null) {
  const CacheService = {
    getScriptCache(): GoogleAppsScript.Cache.Cache {
      ws.call('CacheService', 'CacheService.getScriptCache');
      return new FakeCache(ws, () => state.script) as unknown as GoogleAppsScript.Cache.Cache;
    },
    getUserCache(): GoogleAppsScript.Cache.Cache {
      ws.call('CacheService', 'CacheService.getUserCache');
      const user = ws.activeUser;
      return new FakeCache(ws, () => (state.user[user] ??= {})) as unknown as GoogleAppsScript.Cache.Cache;
    },
    getDocumentCache(): GoogleAppsScript.Cache.Cache | null {
      ws.call('CacheService', 'CacheService.getDocumentCache');
      const doc = containerId();
      if (doc === null) return null;
      return new FakeCache(ws, () => (state.document[doc] ??= {})) as unknown as GoogleAppsScript.Cache.Cache;
    },
  };
  return CacheService;
}
