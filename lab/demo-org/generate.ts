// Deterministic demo organisation for both municipalities: units with opening hours and shared
// numbers, and people with extensions, numbers and search words. Default size = the lab's SIP
// subscribers; 2000/20000/100000 are for directory benchmarks (extensions then get wider).
//   node --import tsx lab/demo-org/generate.ts [--size N] [--seed S] [--out DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoOrgDir, loadLabManifest, voicemailUri, type LabManifest } from '../manifest.js';
import { forvaltningar, NOTES, OPENING_HOURS, type UnitSpec } from './catalog.js';
import { GIVEN_NAMES, SURNAMES } from './names.js';
import { mulberry32, pick } from './prng.js';
import { CSV_COLUMNS, type DemoOrg, type Municipality, type Person, type Unit } from './types.js';

export const BENCHMARK_SIZES = [2000, 20000, 100000] as const;
const MUNICIPALITIES: Municipality[] = ['essunga', 'grastorp'];
const MAIL_DOMAIN: Record<Municipality, string> = { essunga: 'essunga.se', grastorp: 'grastorp.se' };

export interface GenerateOptions {
  size?: number;
  seed?: number;
  manifest?: LabManifest;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const ascii = (s: string) => slug(s).replace(/-/g, '');

/**
 * Extension and direct-number numbering for one municipality: 4-digit extensions (2001..) while
 * they fit, with the direct number = directPrefix + extension (+46512572001); wider extensions
 * beyond. A direct number cannot simply grow with the extension (a Swedish number has at most
 * 9 national digits), so for wider plans the n-th extension's direct number is directPrefix + n as
 * 4 digits, carrying into the exchange digits: +4651257 0001 .. 9999, then +46512580000 and so on.
 */
function extensionPlan(first: number, needed: number, directPrefix: string) {
  const lead = Math.floor(first / 1000);
  let width = 4;
  while (needed > 10 ** (width - 1) - 2) width++;
  const base = lead * 10 ** (width - 1);
  let nextPerson = base + 1;
  let nextShared = base + 10 ** (width - 1) - 1; // shared numbers count down from the top
  const exchange = Number(directPrefix.slice(1)) * 10000;
  const direct = (extension: number) => (width === 4 ? directPrefix + String(extension) : `+${exchange + (extension - base)}`);
  const next = (extension: number) => ({ extension: String(extension), directNumber: direct(extension) });
  return {
    person: () => next(nextPerson++),
    shared: () => next(nextShared--),
  };
}

export function generateDemoOrg(opts: GenerateOptions = {}): DemoOrg {
  const manifest = opts.manifest ?? loadLabManifest();
  const size = opts.size ?? manifest.demoOrg.defaultSize;
  const seed = opts.seed ?? manifest.demoOrg.seed;
  const rng = mulberry32(seed);
  const units: Unit[] = [];
  const people: Person[] = [];
  const usedMobiles = new Set<string>();
  const usedEmails = new Map<string, number>();

  MUNICIPALITIES.forEach((m, mi) => {
    const range = manifest.extensionRanges.find((r) => r.municipality === m);
    if (!range) throw new Error(`lab.json has no extensionRanges entry for ${m}`);
    const count = mi === 0 ? Math.ceil(size / 2) : Math.floor(size / 2);
    const specs = forvaltningar(m);
    const leafs: { unit: Unit; spec: UnitSpec; forvaltning: string }[] = [];
    const sharedCount = specs.flatMap((f) => f.units).reduce((n, u) => n + (u.reception ? 1 : 0) + (u.onCall ? 1 : 0), 0);
    const ext = extensionPlan(range.first, count + sharedCount, range.directPrefix);

    for (const f of specs) {
      const fid = `${m}-${slug(f.name)}`;
      units.push({ id: fid, name: f.name, municipality: m, kind: 'forvaltning', parentId: null, openingHours: OPENING_HOURS.office, sharedNumbers: [] });
      for (const spec of f.units) {
        const unit: Unit = {
          id: `${fid}-${slug(spec.name)}`,
          name: spec.name,
          municipality: m,
          kind: 'unit',
          parentId: fid,
          openingHours: OPENING_HOURS[spec.hours],
          sharedNumbers: [],
        };
        if (spec.reception) {
          const e = ext.shared();
          unit.sharedNumbers.push({ kind: 'reception', label: `${spec.name} reception`, ...e });
        }
        if (spec.onCall) {
          const e = ext.shared();
          unit.sharedNumbers.push({ kind: 'on-call', label: spec.onCall, ...e });
        }
        units.push(unit);
        leafs.push({ unit, spec, forvaltning: f.name });
      }
    }
    if (count < leafs.length) throw new Error(`size ${size} is too small: need ${leafs.length * 2} for one person per unit`);

    // one head per unit first, then the rest by weight
    const totalWeight = leafs.reduce((n, l) => n + l.spec.weight, 0);
    const chooseLeaf = () => {
      let r = rng() * totalWeight;
      for (const l of leafs) if ((r -= l.spec.weight) < 0) return l;
      return leafs[leafs.length - 1]!;
    };
    for (let i = 0; i < count; i++) {
      const leaf = i < leafs.length ? leafs[i]! : chooseLeaf();
      const isHead = i < leafs.length && leaf.spec.head !== undefined;
      const givenName = pick(rng, GIVEN_NAMES);
      const surname = pick(rng, SURNAMES);
      const { extension, directNumber } = ext.person();
      let mobile: string;
      do mobile = `+4670${String(Math.floor(rng() * 1e7)).padStart(7, '0')}`;
      while (usedMobiles.has(mobile));
      usedMobiles.add(mobile);
      const local = `${ascii(givenName)}.${ascii(surname)}`;
      const n = (usedEmails.get(`${local}@${m}`) ?? 0) + 1;
      usedEmails.set(`${local}@${m}`, n);
      const title = isHead ? leaf.spec.head! : pick(rng, leaf.spec.titles);
      const roleWords = leaf.spec.roleWords.map((w) => w.replaceAll('{unit}', leaf.unit.name));
      if (isHead) roleWords.push(`${leaf.spec.head} ${leaf.unit.name}`);
      people.push({
        id: `${m === 'essunga' ? 'ES' : 'GR'}${String(i + 1).padStart(6, '0')}`,
        givenName,
        surname,
        title,
        municipality: m,
        forvaltning: leaf.forvaltning,
        unit: leaf.unit.name,
        unitId: leaf.unit.id,
        extension,
        directNumber,
        mobile,
        email: `${local}${n > 1 ? n : ''}@${MAIL_DOMAIN[m]}`,
        sipUri: `sip:${extension}@${manifest.sipDomain}`,
        voicemailUri: voicemailUri(manifest, extension),
        roleWords,
        notes: rng() < 0.15 ? pick(rng, NOTES) : '',
        protectedIdentity: rng() < 0.012,
      });
    }
  });
  return { seed, size, units, people };
}

function csvCell(v: unknown): string {
  const s = Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? (v ? 'Ja' : 'Nej') : String(v);
  return /[;"\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Semicolon-separated with a BOM, as Swedish Excel-based HR exports are. */
export function toCsv(people: Person[]): string {
  const rows = [CSV_COLUMNS.map(([h]) => h).join(';')];
  for (const p of people) rows.push(CSV_COLUMNS.map(([, k]) => csvCell(p[k])).join(';'));
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}

export function writeDemoOrg(org: DemoOrg, dir: string): { jsonPath: string; csvPath: string } {
  fs.mkdirSync(dir, { recursive: true });
  const base = org.size === loadLabManifest().demoOrg.defaultSize ? 'demo-org' : `demo-org-${org.size}`;
  const jsonPath = path.join(dir, `${base}.json`);
  const csvPath = path.join(dir, `${base}.csv`);
  fs.writeFileSync(jsonPath, JSON.stringify(org, null, 1));
  fs.writeFileSync(csvPath, toCsv(org.people));
  return { jsonPath, csvPath };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const manifest = loadLabManifest();
  const size = Number(arg('--size') ?? manifest.demoOrg.defaultSize);
  const org = generateDemoOrg({ manifest, size, seed: arg('--seed') ? Number(arg('--seed')) : undefined });
  const out = writeDemoOrg(org, arg('--out') ?? demoOrgDir(manifest));
  console.log(`${org.people.length} people, ${org.units.length} units -> ${out.jsonPath}, ${out.csvPath}`);
}
