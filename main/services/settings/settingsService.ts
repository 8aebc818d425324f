// Loads, validates and saves the operator's settings. A file that cannot be trusted (not JSON, not
// our schema, passwords that do not decrypt) is moved aside with a reason and the service starts
// empty: the console never crashes on a bad file and never drops one silently.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { applyAdmin, lockedViolations } from '../../../common/settings/adminMerge';
import { Settings, SettingsState } from '../../../common/settings/schema';
import { describeZodError } from '../ipc/dispatcher';
import { moveAside } from '../files/backup';
import type { Logger } from '../log/logger';
import { emptyAdminConfig, type AdminConfig } from './adminFile';
import type { SecretCipher } from './cipher';
import { mapSecrets } from './secrets';
import { confStoreFactory, type SettingsStore, type SettingsStoreFactory } from './store';

export const SETTINGS_FILE_NAME = 'settings';
const FILE_FORMAT = 1;

/** The file on disk: settings with every secret replaced by its ciphertext, and which cipher made them. */
const StoredFile = z.object({
  format: z.literal(FILE_FORMAT),
  cipher: z.string(),
  settings: z.unknown(),
});

export interface SettingsServiceOptions {
  dir: string;
  cipher: SecretCipher;
  log: Logger;
  storeFactory?: SettingsStoreFactory;
  /** The machine's admin file (defaults under the user's settings, locked paths); none: nothing provisioned. */
  admin?: AdminConfig;
}

export interface SettingsService {
  get(): SettingsState;
  /** Validates, encrypts secrets, writes (mode 0600) and notifies listeners. Throws on invalid input. */
  save(input: Settings): SettingsState;
  onChange(listener: (state: SettingsState) => void): () => void;
  /** Absolute path of the settings file. */
  readonly path: string;
}

type Loaded = { ok: true; state: SettingsState } | { ok: false; code: string; reason: string };

export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const { dir, cipher, log } = options;
  const factory = options.storeFactory ?? confStoreFactory;
  const storeOptions = { cwd: dir, configName: SETTINGS_FILE_NAME, configFileMode: 0o600 };
  const admin = options.admin ?? emptyAdminConfig('');
  const listeners = new Set<(state: SettingsState) => void>();
  const locked = [...admin.locked];
  const provisioned = Object.keys(admin.defaults).length > 0 ? admin.defaults : undefined;
  /** What only a first run or recovery carries: the admin's defaults for the form, when there are any. */
  const forForm = provisioned ? { provisioned } : {};
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  const openStore = (): { store: SettingsStore } | { error: Loaded & { ok: false } } => {
    try {
      return { store: factory(storeOptions) };
    } catch (error) {
      // conf parses the file in its constructor; anything else (EACCES, EIO) is not ours to fix.
      if (error instanceof SyntaxError) return { error: { ok: false, code: 'json', reason: `is not valid JSON (${error.message})` } };
      throw error;
    }
  };

  const load = (store: SettingsStore): Loaded => {
    let raw: Record<string, unknown>;
    try {
      raw = store.store;
    } catch (error) {
      if (error instanceof SyntaxError) return { ok: false, code: 'json', reason: `is not valid JSON (${error.message})` };
      throw error;
    }
    if (Object.keys(raw).length === 0) return { ok: true, state: { status: 'first-run', locked, ...forForm } };
    const file = StoredFile.safeParse(raw);
    if (!file.success) return { ok: false, code: 'format', reason: `is not a Växel settings file (${describeZodError(file.error)})` };
    if (file.data.cipher !== cipher.kind) {
      return { ok: false, code: 'cipher', reason: `holds passwords encrypted with "${file.data.cipher}", but this host uses "${cipher.kind}"` };
    }
    let decrypted: unknown;
    try {
      decrypted = mapSecrets(file.data.settings, (secret) => cipher.decrypt(secret));
    } catch {
      // Never echo the ciphertext or the cause: either could help an attacker.
      return { ok: false, code: 'secret', reason: 'holds a password that could not be decrypted (the encryption key has changed or is missing)' };
    }
    const settings = withAdmin(decrypted);
    if (!settings.success) return { ok: false, code: 'schema', reason: `does not match the settings schema (${describeZodError(settings.error)})` };
    return { ok: true, state: { status: 'ok', settings: settings.data, locked } };
  };

  /**
   * The user's settings with the admin's defaults under them and locked paths forced. An admin
   * section that makes them invalid is dropped (and logged by name) rather than costing the user
   * their settings; if the user's own file is what is wrong, that is reported as before.
   */
  const withAdmin = (user: unknown) => {
    const merged = Settings.safeParse(applyAdmin(user, admin));
    if (merged.success || !provisioned) return merged;
    const bad = new Set(merged.error.issues.map((issue) => String(issue.path[0])));
    const kept = Object.fromEntries(Object.entries(admin.defaults).filter(([key]) => !bad.has(key)));
    for (const key of bad) if (key in admin.defaults) log.warn('admin.default-dropped', { setting: key });
    const retried = Settings.safeParse(applyAdmin(user, { defaults: kept, locked: admin.locked.filter((p) => !bad.has(p.split('.')[0]!)) }));
    return retried.success ? retried : Settings.safeParse(user);
  };

  const settingsPath = path.resolve(dir, `${SETTINGS_FILE_NAME}.json`);
  const recover = (failure: Loaded & { ok: false }): SettingsState => {
    const backupPath = moveAside(settingsPath);
    log.warn('settings.recovered', { cause: failure.code, backup: path.basename(backupPath) });
    return {
      status: 'recovered',
      reason: `The settings file ${failure.reason}. It was moved aside and Växel started with empty settings.`,
      backupPath,
      locked,
      ...forForm,
    };
  };

  let store: SettingsStore;
  let state: SettingsState;
  const opened = openStore();
  if ('store' in opened) {
    store = opened.store;
    const loaded = load(store);
    state = loaded.ok ? loaded.state : recover(loaded);
  } else {
    state = recover(opened.error);
    const reopened = openStore();
    if (!('store' in reopened)) throw new Error('settings file is still unreadable after it was moved aside');
    store = reopened.store;
  }
  log.info('settings.loaded', { status: state.status });

  return {
    path: store.path,
    get: () => state,
    save(input) {
      const settings = Settings.parse(input);
      const refused = lockedViolations(settings, state.status === 'ok' ? state.settings : applyAdmin({}, admin), admin);
      if (refused.length > 0) {
        log.warn('settings.locked-refused', { paths: refused.join(',') });
        throw new Error(`locked by the IT department (${admin.path}), cannot be changed here: ${refused.join(', ')}`);
      }
      store.store = { format: FILE_FORMAT, cipher: cipher.kind, settings: mapSecrets(settings, (secret) => cipher.encrypt(secret)) };
      // The atomic write creates the file 0600; chmod covers a file that existed with wider rights.
      fs.chmodSync(store.path, 0o600);
      state = SettingsState.parse({ status: 'ok', settings, locked });
      log.info('settings.saved', { accounts: settings.accounts.length });
      for (const listener of listeners) listener(state);
      return state;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
