// The setup form's values → validated Settings. Pure, so the rules are tested without a browser.
import { SETTINGS_VERSION, Settings } from '../../../common/settings/schema';
import { DEFAULT_SWITCHBOARDS } from '../../../common/policy';

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

export function buildSettings(values: SetupFormValues): SetupResult {
  const servers = values.servers
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const parsed = Settings.safeParse({
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
    switchboards: DEFAULT_SWITCHBOARDS,
    directory: values.directoryKind === 'csv' ? { kind: 'csv', path: values.csvPath.trim() } : { kind: 'none' },
    audio: { talkOutputId: values.talkOutputId, talkInputId: '', ringOutputId: values.ringOutputId },
  });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((issue) => fieldOf(issue.path)))];
  return { ok: false, fields };
}
