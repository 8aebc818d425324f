// One change of the import preview's mapping: a column's field chosen in its list box.
import type { ColumnChoice, ImportMapping } from '../../../common/directory/importMapping';

/** What a column's list box offers: a field, 'ignore', or 'unknown' (no saved choice). */
export type Choice = ColumnChoice | 'unknown';

/** The mapping with one column's choice changed; 'unknown' drops the saved choice. */
export function withChoice(mapping: ImportMapping, header: string, choice: Choice): ImportMapping {
  const columns: Record<string, ColumnChoice> = {};
  for (const [h, c] of Object.entries(mapping.columns)) {
    if (h === header) continue;
    // Only one column may hold the protected identity: a new choice takes it from the others.
    if (choice === 'protectedIdentity' && c === 'protectedIdentity') continue;
    columns[h] = c;
  }
  if (choice !== 'unknown') columns[header] = choice;
  // Naming the protected column withdraws the statement that there is none.
  const noProtectedColumn = choice === 'protectedIdentity' ? false : mapping.noProtectedColumn;
  return { columns, noProtectedColumn };
}
