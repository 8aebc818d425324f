// The machine-wide admin file IT rolls out (issue 15 point 4): defaults for every operator on the
// workstation, the setting paths operators may not change, and the update policy. A broken file
// or a broken part of it is logged and ignored, part by part: the console still starts and the
// user's own settings still load.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SETTING_PATH } from '../../../common/settings/adminMerge';
import { Settings } from '../../../common/settings/schema';
import type { Logger } from '../log/logger';

/** The env var that points at another admin file (tests, a side-by-side install). */
export const ADMIN_FILE_ENV = 'VAXEL_ADMIN_FILE';

/** Windows %ProgramData%\Vaxel\admin.json, Linux /etc/vaxel/admin.json, macOS /Library/Application Support/Vaxel/admin.json. */
export function adminFilePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env[ADMIN_FILE_ENV];
  if (override) return path.resolve(override);
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'Vaxel', 'admin.json');
  if (platform === 'darwin') return '/Library/Application Support/Vaxel/admin.json';
  return '/etc/vaxel/admin.json';
}

export const UpdatePolicy = z.object({
  /** The internal server's generic feed (the folder holding latest.yml), https:// or http://. */
  url: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'an http(s) URL')
    .optional(),
  /** latest, beta or alpha: which <channel>.yml is read. */
  channel: z.enum(['latest', 'beta', 'alpha']).default('latest'),
  /** IT rolls updates out itself (SCCM, Intune): the console never checks. */
  disabled: z.boolean().default(false),
});
export type UpdatePolicy = z.infer<typeof UpdatePolicy>;

export interface AdminConfig {
  /** Where it was read from (or looked for). */
  path: string;
  /** False when there is no file: nothing provisioned, nothing locked. */
  present: boolean;
  /** Partial Settings: top-level keys of the settings schema only. */
  defaults: Record<string, unknown>;
  locked: string[];
  updates: UpdatePolicy;
}

const SETTING_KEYS = new Set(Object.keys(Settings.shape).filter((key) => key !== 'version'));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function emptyAdminConfig(file: string): AdminConfig {
  return { path: file, present: false, defaults: {}, locked: [], updates: UpdatePolicy.parse({}) };
}

/** Reads and checks the admin file; every problem is logged (by key, never by value) and skipped. */
export function loadAdminConfig(file: string, log: Logger): AdminConfig {
  const config = emptyAdminConfig(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') log.warn('admin.unreadable', { cause: code ?? 'unknown' });
    return config;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, '')); // Notepad writes a BOM
  } catch {
    log.error('admin.invalid', { cause: 'json' });
    return config;
  }
  if (!isObject(raw)) {
    log.error('admin.invalid', { cause: 'not-an-object' });
    return config;
  }
  config.present = true;
  for (const key of Object.keys(raw)) {
    if (!['defaults', 'locked', 'updates', '//', '$comment'].includes(key)) log.warn('admin.ignored', { section: key.slice(0, 40) });
  }
  if (raw.defaults !== undefined) {
    if (!isObject(raw.defaults)) log.error('admin.invalid', { cause: 'defaults-not-an-object' });
    else {
      for (const [key, value] of Object.entries(raw.defaults)) {
        if (SETTING_KEYS.has(key)) config.defaults[key] = value;
        else log.warn('admin.ignored', { setting: key.slice(0, 40) });
      }
    }
  }
  if (raw.locked !== undefined) {
    if (!Array.isArray(raw.locked)) log.error('admin.invalid', { cause: 'locked-not-a-list' });
    else {
      for (const entry of raw.locked) {
        if (typeof entry === 'string' && SETTING_PATH.test(entry) && SETTING_KEYS.has(entry.split('.')[0]!)) config.locked.push(entry);
        else log.warn('admin.ignored', { locked: typeof entry === 'string' ? entry.slice(0, 40) : typeof entry });
      }
    }
  }
  if (raw.updates !== undefined) {
    const updates = UpdatePolicy.safeParse(raw.updates);
    if (updates.success) config.updates = updates.data;
    else log.error('admin.invalid', { cause: 'updates', field: updates.error.issues[0]?.path.join('.') ?? '' });
  }
  log.info('admin.loaded', { defaults: Object.keys(config.defaults).length, locked: config.locked.length });
  return config;
}
