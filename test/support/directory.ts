// Directory fixtures for the browser tier: the lab's demo organisation (same seed as the lab, so
// extensions and mobiles match its SIP accounts) written as the HR system's Swedish CSV, with
// chosen people marked as protected identities, and settings that point the console at it.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Settings } from '../../common/settings/schema.js';
import { generateDemoOrg, toCsv } from '../../lab/demo-org/generate.js';
import type { Person } from '../../lab/demo-org/types.js';
import type { LabManifest } from '../../lab/manifest.js';

export interface DirectoryFixture {
  csvPath: string;
  people: Person[];
  /** A person whose "given surname" is unique in the org and who is not protected. */
  plain: Person;
  /** A person marked protected in the CSV. */
  protectedPerson: Person;
}

export function writeDirectoryCsv(manifest: LabManifest, dir: string): DirectoryFixture {
  const org = generateDemoOrg({ manifest });
  const people = org.people.map((p) => ({ ...p }));
  const fullName = (p: Person) => `${p.givenName} ${p.surname}`;
  const count = new Map<string, number>();
  for (const p of people) count.set(fullName(p), (count.get(fullName(p)) ?? 0) + 1);
  const unique = people.filter((p) => count.get(fullName(p)) === 1 && !p.protectedIdentity);
  const plain = unique[3]!;
  const protectedPerson = unique.find((p) => p !== plain && p.municipality !== plain.municipality)!;
  protectedPerson.protectedIdentity = true;
  fs.mkdirSync(dir, { recursive: true });
  const csvPath = path.join(dir, 'personal.csv');
  fs.writeFileSync(csvPath, toCsv(people));
  return { csvPath, people, plain, protectedPerson };
}

export const withCsvDirectory =
  (csvPath: string) =>
  (s: Settings): Settings => ({ ...s, directory: { kind: 'csv', path: csvPath } });

/** The directory panel by role and name, for a page assigned later (in before()). */
export function directoryLocators(page: () => Page) {
  return {
    search: () => page().getByRole('searchbox', { name: 'Sök i katalogen' }),
    results: () => page().getByRole('listbox', { name: 'Sökresultat' }),
    card: () => page().getByRole('region', { name: 'Kontaktkort' }),
  };
}

/** Waits until the console has synced its directory once: the status line gives the data's age. */
export async function directoryReady(page: Page): Promise<void> {
  await page.getByText(/Katalogen uppdaterad nyss · \d+ poster/).waitFor({ timeout: 15000 });
}
