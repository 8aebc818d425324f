// Unit ids and the unit hierarchy derived from what HR systems and AD carry: a förvaltning name
// and a unit name per person. Ids are stable across syncs because they are built from names.
import { fold } from './normalize';
import type { Municipality, Person, Unit } from './model';

function slug(name: string): string {
  return (
    fold(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x'
  );
}

export function forvaltningId(municipality: Municipality, forvaltning: string): string {
  return `${municipality}/${slug(forvaltning)}`;
}

export function unitIdOf(municipality: Municipality, forvaltning: string, unit: string): string | undefined {
  if (!forvaltning && !unit) return undefined;
  if (!unit) return forvaltningId(municipality, forvaltning);
  return `${forvaltningId(municipality, forvaltning)}/${slug(unit)}`;
}

/**
 * Give each person a unitId and list the units they imply (förvaltning → unit). Units that a
 * source also lists explicitly keep the source's opening hours and notices.
 */
export function deriveUnits(persons: readonly Person[], explicit: readonly Unit[] = []): { persons: Person[]; units: Unit[] } {
  const units = new Map<string, Unit>(explicit.map((u) => [u.id, u]));
  const add = (u: Unit) => {
    if (!units.has(u.id)) units.set(u.id, u);
  };
  const out = persons.map((p) => {
    const unitId = p.unitId ?? unitIdOf(p.municipality, p.forvaltning, p.unit);
    if (p.forvaltning) {
      const fid = forvaltningId(p.municipality, p.forvaltning);
      add({ id: fid, name: p.forvaltning, kind: 'forvaltning', municipality: p.municipality, openingHours: [], notices: [] });
      if (p.unit && unitId && unitId !== fid) {
        add({ id: unitId, name: p.unit, kind: 'unit', municipality: p.municipality, parentId: fid, openingHours: [], notices: [] });
      }
    }
    return unitId === p.unitId ? p : { ...p, unitId };
  });
  return { persons: out, units: [...units.values()] };
}

/** A unit id and all ids below it in the hierarchy. */
export function descendantsOf(unitId: string, units: readonly Unit[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const out = new Set<string>([unitId]);
  const queue = [unitId];
  while (queue.length) {
    for (const c of children.get(queue.pop()!) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        queue.push(c);
      }
    }
  }
  return out;
}
