// A small RFC 4180 reader (no CSV package is installed): quoted fields with "" escapes and line
// breaks inside quotes, CRLF or LF, a UTF-8 BOM, and ';' or ',' as delimiter (Swedish Excel
// exports use ';'). Each record carries the physical line it starts on, for row-level reports.

export interface CsvRecord {
  line: number;
  cells: string[];
  /** Set when this record is malformed; the other records are still usable. */
  error?: string;
}

export interface CsvParse {
  records: CsvRecord[];
  /** Set when the text cannot be read as CSV at all (e.g. a quote that never closes). */
  fatal?: { line: number; reason: string };
}

/** ';' if the header line has more semicolons than commas outside quotes, else ','. */
export function detectDelimiter(text: string): ';' | ',' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const outside = header.replace(/"[^"]*"/g, '');
  return (outside.match(/;/g)?.length ?? 0) > (outside.match(/,/g)?.length ?? 0) ? ';' : ',';
}

export function parseCsv(input: string, delimiter: string = detectDelimiter(input)): CsvParse {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    let error: string | undefined;
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= text.length) return { records, fatal: { line: quoteLine, reason: 'a quoted field is never closed' } };
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        // After a closing quote only a delimiter or the end of the record may follow.
        if (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          error ??= `text after a closing quote in field ${cells.length + 1}`;
          while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
        }
      } else {
        while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') error ??= `a quote inside unquoted field ${cells.length + 1}`;
          cell += text[i++];
        }
      }
      cells.push(cell);
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    // Blank lines carry no record.
    if (cells.length === 1 && cells[0] === '' && !error) continue;
    records.push({ line: start, cells, ...(error ? { error } : {}) });
  }
  return { records };
}
