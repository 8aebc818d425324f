// Which settings fields are secrets, and applying a function (encrypt or decrypt) to each of them.
// Works on unvalidated data, so it tolerates any shape and leaves non-conforming parts alone for the
// schema check to report.
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function mapSecrets(settings: unknown, fn: (secret: string) => string): unknown {
  if (!isObject(settings)) return settings;
  const out: Json = { ...settings };
  if (Array.isArray(settings.accounts)) {
    out.accounts = settings.accounts.map((account) => (isObject(account) && typeof account.password === 'string' ? { ...account, password: fn(account.password) } : account));
  }
  if (isObject(settings.directory) && typeof settings.directory.bindPassword === 'string') {
    out.directory = { ...settings.directory, bindPassword: fn(settings.directory.bindPassword) };
  }
  const hours = settings.switchboardHours;
  if (isObject(hours) && isObject(hours.pbx) && typeof hours.pbx.token === 'string') {
    out.switchboardHours = { ...hours, pbx: { ...hours.pbx, token: fn(hours.pbx.token) } };
  }
  if (isObject(settings.team) && typeof settings.team.password === 'string') {
    out.team = { ...settings.team, password: fn(settings.team.password) };
  }
  return out;
}
