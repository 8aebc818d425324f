// The setup form's values → validated Settings. Pure, so the rules are tested without a browser.
import { SETTINGS_VERSION, Settings } from '../../../common/settings/schema';
import { DEFAULT_SWITCHBOARDS } from '../../../common/policy';
import { applyAdmin } from '../../../common/settings/adminMerge';

/** What the admin file provisions and locks, as main reports it with the settings state. */
export interface SetupAdmin {
  readonly provisioned?: Record<string, unknown> | undefined;
  readonly locked?: readonly string[] | undefined;
}

export interface SetupFormValues {
  readonly displayName: string;
  readonly username: string;
  readonly password: string;
  readonly domain: string;
  /** One URL per line, in failover order. */
  readonly servers: string;
  readonly directoryKind: 'none' | 'csv';
  readonly csvPath: string;
  readonly talkOutputId: string;
  readonly ringOutputId: string;
}

export const EMPTY_FORM: SetupFormValues = {
  displayName: '',
  username: '',
  password: '',
  domain: '',
  servers: '',
  directoryKind: 'none',
  csvPath: '',
  talkOutputId: '',
  ringOutputId: '',
};

/** The form field each settings path belongs to, so errors point at a labelled field. */
export type SetupField = keyof SetupFormValues;

export type SetupResult = { ok: true; settings: Settings } | { ok: false; fields: SetupField[] };

function fieldOf(path: readonly PropertyKey[]): SetupField {
  const [head, , leaf] = path;
  if (head === 'displayName') return 'displayName';
  if (head === 'directory') return 'csvPath';
  if (head === 'accounts' && (leaf === 'username' || leaf === 'password' || leaf === 'domain' || leaf === 'servers')) return leaf;
  return 'servers';
}

export function buildSettings(values: SetupFormValues, admin: SetupAdmin = {}): SetupResult {
  const servers = values.servers
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const provisioned = admin.provisioned ?? {};
  const form = {
    version: SETTINGS_VERSION,
    locale: 'sv',
    displayName: values.displayName.trim(),
    accounts: [
      {
        id: 'primary',
        username: values.username.trim(),
        password: values.password,
        domain: values.domain.trim(),
        servers,
      },
    ],
    // The first run names no switchboards; start with the shared switchboard's own numbers.
    switchboards: provisioned.switchboards === undefined ? DEFAULT_SWITCHBOARDS : undefined,
    // The form offers none or CSV; a directory the admin provisioned (LDAP) stays unless CSV is chosen.
    directory: values.directoryKind === 'csv' ? { kind: 'csv', path: values.csvPath.trim() } : (provisioned.directory ?? { kind: 'none' }),
    audio: { talkOutputId: values.talkOutputId, talkInputId: '', ringOutputId: values.ringOutputId },
  };
  // The admin's other defaults (calls, switchboards, update policy…) lie under the form; locked ones win.
  const parsed = Settings.safeParse(applyAdmin(form, { defaults: provisioned, locked: admin.locked ?? [] }));
  if (parsed.success) return { ok: true, settings: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((issue) => fieldOf(issue.path)))];
  return { ok: false, fields };
}

/** The form fields that show a setting the admin file locks (a locked parent locks all beneath it). */
export function lockedSetupFields(locked: readonly string[] | undefined): SetupField[] {
  const fields = new Set<SetupField>();
  const covers = (path: string) => (locked ?? []).some((l) => path === l || path.startsWith(`${l}.`));
  if (covers('displayName')) fields.add('displayName');
  for (const leaf of ['username', 'password', 'domain', 'servers'] as const) if (covers(`accounts.0.${leaf}`)) fields.add(leaf);
  if (covers('directory.kind')) fields.add('directoryKind');
  if (covers('directory.path')) fields.add('csvPath');
  if (covers('audio.talkOutputId')) fields.add('talkOutputId');
  if (covers('audio.ringOutputId')) fields.add('ringOutputId');
  return [...fields];
}

const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);

/** The first-run form filled from the admin file's defaults (or from settings in force). */
export function formFromProvisioned(provisioned: Record<string, unknown> | undefined, base: SetupFormValues = EMPTY_FORM): SetupFormValues {
  if (!provisioned) return base;
  const account = (Array.isArray(provisioned.accounts) ? provisioned.accounts[0] : undefined) as Record<string, unknown> | undefined;
  const directory = provisioned.directory as Record<string, unknown> | undefined;
  const audio = provisioned.audio as Record<string, unknown> | undefined;
  const servers = Array.isArray(account?.servers) ? account.servers.filter((s): s is string => typeof s === 'string').join('\n') : base.servers;
  return {
    displayName: text(provisioned.displayName, base.displayName),
    username: text(account?.username, base.username),
    password: text(account?.password, base.password),
    domain: text(account?.domain, base.domain),
    servers,
    directoryKind: directory?.kind === 'csv' ? 'csv' : base.directoryKind,
    csvPath: text(directory?.path, base.csvPath),
    talkOutputId: text(audio?.talkOutputId, base.talkOutputId),
    ringOutputId: text(audio?.ringOutputId, base.ringOutputId),
  };
}
