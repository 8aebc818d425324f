// How the machine's admin file (IT) and the operator's own settings combine: the admin's defaults
// lie UNDER the user's values (the user's win), except at locked paths, where the admin's value is
// the only one. Plain JSON values only; arrays are values, not merged element by element.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A setting path: dotted keys, numbers index arrays ("accounts.0.servers"). */
export const SETTING_PATH = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;

export const splitPath = (path: string): string[] => path.split('.');

export function getPath(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const key of splitPath(path)) {
    if (Array.isArray(at) && /^\d+$/.test(key)) at = at[Number(key)];
    else if (isObject(at)) at = at[key];
    else return undefined;
  }
  return at;
}

/** A copy of `target` with `path` set to `value`, creating objects (or arrays for numeric keys) on the way. */
export function setPath(target: unknown, path: string, value: unknown): unknown {
  const [key, ...rest] = splitPath(path);
  if (key === undefined) return value;
  const index = /^\d+$/.test(key) ? Number(key) : undefined;
  const inner = (child: unknown) => (rest.length ? setPath(child, rest.join('.'), value) : value);
  if (index !== undefined) {
    const arr = Array.isArray(target) ? [...(target as unknown[])] : [];
    arr[index] = inner(arr[index]);
    return arr;
  }
  const obj: Record<string, unknown> = isObject(target) ? { ...target } : {};
  obj[key] = inner(obj[key]);
  return obj;
}

/** Objects merge key by key; anything else (arrays included) from `over` replaces `under`. */
export function mergeUnder(under: unknown, over: unknown): unknown {
  if (over === undefined) return under;
  if (!isObject(under) || !isObject(over)) return over;
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) out[key] = mergeUnder(under[key], value);
  return out;
}

/**
 * Arrays of objects in the defaults (accounts) are matched by position: the admin provisions
 * account 0's servers and domain, the operator adds the user name and password to account 0.
 */
export function mergeSettings(defaults: unknown, user: unknown): unknown {
  if (Array.isArray(defaults) && Array.isArray(user) && defaults.every(isObject) && user.every(isObject)) {
    const length = Math.max(defaults.length, user.length);
    return Array.from({ length }, (_, i) => mergeSettings(defaults[i], user[i]));
  }
  if (isObject(defaults) && isObject(user)) {
    const out: Record<string, unknown> = { ...defaults };
    for (const [key, value] of Object.entries(user)) out[key] = mergeSettings(defaults[key], value);
    return out;
  }
  return user === undefined ? defaults : user;
}

/** The effective settings: admin defaults under the user's values, locked paths forced to the admin's. */
export function applyAdmin(user: unknown, admin: { defaults: Record<string, unknown>; locked: readonly string[] }): unknown {
  let merged = mergeSettings(admin.defaults, user ?? {});
  for (const path of admin.locked) {
    const forced = getPath(admin.defaults, path);
    if (forced !== undefined) merged = setPath(merged, path, forced);
  }
  return merged;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Locked paths whose value in `input` differs from the admin's, or, where the admin gave none, from
 * the value in force (`current`): what a save may not change.
 */
export function lockedViolations(input: unknown, current: unknown, admin: { defaults: Record<string, unknown>; locked: readonly string[] }): string[] {
  return admin.locked.filter((path) => {
    const forced = getPath(admin.defaults, path) ?? getPath(current, path);
    return forced !== undefined && !same(getPath(input, path), forced);
  });
}
