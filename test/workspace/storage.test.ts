// PropertiesService and CacheService with Google's limits, on the fake clock.
import { createWorkspace, DEFAULT_BOUND_SPREADSHEET } from '../../dev/workspace';
import {
  CACHE_MAX_ENTRIES,
  CACHE_VALUE_MAX_BYTES,
  PROPERTIES_QUOTA_MESSAGE,
  PROPERTY_VALUE_MAX_BYTES,
} from '../../dev/workspace/storage';

const ANNA = 'anna.rossi@example.it';

describe('PropertiesService', () => {
  test('get, set, delete, keys; missing keys read as null; values become strings', () => {
    const { globals } = createWorkspace();
    const props = globals.PropertiesService.getScriptProperties();
    expect(props.getProperty('missing')).toBeNull();
    props.setProperty('a', '1').setProperties({ b: '2', c: 3 as unknown as string });
    expect(props.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
    props.deleteProperty('b');
    expect(props.getKeys().sort()).toEqual(['a', 'c']);
    props.setProperties({ z: '26' }, true);
    expect(props.getProperties()).toEqual({ z: '26' });
    props.deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
  });

  test('a value may hold 9 KB, not more', () => {
    const { globals } = createWorkspace();
    const props = globals.PropertiesService.getScriptProperties();
    props.setProperty('fits', 'x'.repeat(PROPERTY_VALUE_MAX_BYTES));
    expect(() => props.setProperty('big', 'x'.repeat(PROPERTY_VALUE_MAX_BYTES + 1))).toThrow(
      'Argument too large: value',
    );
    // Bytes, not characters: 'è' takes two.
    expect(() => props.setProperty('accents', 'è'.repeat(PROPERTY_VALUE_MAX_BYTES / 2 + 1))).toThrow(
      'Argument too large: value',
    );
    expect(props.getKeys()).toEqual(['fits']);
  });

  test('a store may hold 500 KB; a write that would pass it changes nothing', () => {
    const { globals } = createWorkspace();
    const props = globals.PropertiesService.getScriptProperties();
    const chunk = 'x'.repeat(9000);
    for (let i = 0; i < 56; i++) props.setProperty(`k${String(i).padStart(2, '0')}`, chunk);
    expect(() => props.setProperties({ k56: chunk, k57: chunk })).toThrow(PROPERTIES_QUOTA_MESSAGE);
    expect(props.getKeys()).toHaveLength(56);
  });

  test('user properties belong to the user; document properties need a bound document', () => {
    const w = createWorkspace({ boundSpreadsheet: DEFAULT_BOUND_SPREADSHEET });
    w.globals.PropertiesService.getUserProperties().setProperty('theme', 'dark');
    w.ws.activeUser = ANNA;
    expect(w.globals.PropertiesService.getUserProperties().getProperty('theme')).toBeNull();
    expect(w.globals.PropertiesService.getDocumentProperties()).not.toBeNull();
    expect(
      createWorkspace({ boundSpreadsheet: null }).globals.PropertiesService.getDocumentProperties(),
    ).toBeNull();
  });
});

describe('CacheService', () => {
  test('entries expire on the fake clock: 10 minutes by default, 6 hours at most', () => {
    const { globals, ws } = createWorkspace();
    const cache = globals.CacheService.getScriptCache();
    cache.put('default', 'v');
    cache.put('long', 'v', 100000);
    ws.advance(599 * 1000);
    expect(cache.get('default')).toBe('v');
    ws.advance(2 * 1000);
    expect(cache.get('default')).toBeNull();
    ws.advance(21600 * 1000 - 601 * 1000 - 1);
    expect(cache.get('long')).toBe('v');
    ws.advance(1);
    expect(cache.get('long')).toBeNull();
  });

  test('putAll, getAll (only what is there), remove, removeAll', () => {
    const { globals } = createWorkspace();
    const cache = globals.CacheService.getUserCache();
    cache.putAll({ a: '1', b: '2', c: '3' }, 60);
    expect(cache.getAll(['a', 'b', 'x'])).toEqual({ a: '1', b: '2' });
    cache.remove('a');
    cache.removeAll(['b']);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
  });

  test('limits: 100 KB per value, 250 characters per key, 1000 entries', () => {
    const { globals } = createWorkspace();
    const cache = globals.CacheService.getScriptCache();
    expect(() => cache.put('big', 'x'.repeat(CACHE_VALUE_MAX_BYTES + 1))).toThrow(
      'Argument too large: value',
    );
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    for (let i = 0; i <= CACHE_MAX_ENTRIES; i++) cache.put(`k${i}`, 'v');
    expect(cache.get('k0')).toBeNull();
    expect(cache.get(`k${CACHE_MAX_ENTRIES}`)).toBe('v');
  });

  test('user caches are per user', () => {
    const w = createWorkspace({ boundSpreadsheet: DEFAULT_BOUND_SPREADSHEET });
    w.globals.CacheService.getUserCache().put('k', 'owner');
    w.ws.activeUser = ANNA;
    expect(w.globals.CacheService.getUserCache().get('k')).toBeNull();
    expect(w.globals.CacheService.getScriptCache().get('k')).toBeNull();
  });
});
