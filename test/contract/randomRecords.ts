/**
 * Random register records for round trips: what users type, at its most awkward — CJK, emoji (also joined and
 * flag sequences), full-width digits, text starting with = + - @ ' #, numbers and dates typed as text, 32,767
 * characters, dates across DST changes and year ends, empty optionals. Values are in the canonical form core
 * reads back (fromCell(toCell(v)) === v), so a round trip must return each record exactly.
 */
import fc from 'fast-check';
import { type Column, registerColumns } from '../../src/core/layout';
import { valueKind } from '../../src/core/cells';
import type { RegisterRecord } from '../../src/core/records';
import type { RecordValue } from '../../src/core/cells';
import type { RegisterSpec } from '../../src/spec/schema';

export type Record_ = Omit<RegisterRecord, 'index' | 'sheetRow'>;

const CJK = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const FULL_WIDTH = fc.integer({ min: 0xff10, max: 0xff19 }).map((c) => String.fromCharCode(c));
const EMOJI = fc.constantFrom('😀', '🎉', '📎', '👨‍👩‍👧', '🇨🇳', '✅', '🧧', '𠮷');
const ASCII = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const SPACE = fc.constantFrom(' ', '\u3000', '\n', '\t', '\r');
const UNIT = fc.oneof({ weight: 5, arbitrary: CJK }, { weight: 2, arbitrary: FULL_WIDTH }, { weight: 1, arbitrary: EMOJI }, { weight: 3, arbitrary: ASCII }, { weight: 1, arbitrary: SPACE });

/** Strings Excel would turn into something else if it got the chance. */
export const TRAPS = [
  '=SUM(A1:A2)',
  '=1+1',
  '=',
  '+86 138 0000 0000',
  '+1',
  '-5',
  '-',
  '--',
  '@user',
  '@',
  "'quoted",
  "''",
  '#N/A',
  '0012',
  '１２３',
  '－１２',
  '2026-03-15',
  '2026/3/15',
  '2026年3月15日',
  '3/15',
  '09:30',
  'TRUE',
  'false',
  '1e5',
  '50%',
  '1,234',
  '¥100',
  '_x0041_',
  'a\r\nb',
  '\r',
  '  spaced  ',
  'line\nbreak',
  'tab\there',
  ' ',
];

/** Excel's limit for one cell; an emoji is two of them. */
export const MAX_TEXT = 32_767;

export function longText(seed: number): string {
  const units = ['台', '账', '😀', 'Ａ', '=', '1', ' '];
  let s = '=';
  let i = seed;
  while (s.length < MAX_TEXT) {
    const u = units[i++ % units.length];
    if (s.length + u.length > MAX_TEXT) break;
    s += u;
  }
  return s.length < MAX_TEXT ? s + 'x'.repeat(MAX_TEXT - s.length) : s;
}

const text = fc.oneof(
  { weight: 6, arbitrary: fc.array(UNIT, { minLength: 1, maxLength: 40 }).map((a) => a.join('')) },
  { weight: 3, arbitrary: fc.constantFrom(...TRAPS) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('=', '+', '-', '@', "'", '#'), fc.array(UNIT, { minLength: 0, maxLength: 12 })).map(([p, a]) => p + a.join('')) },
);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Days around DST changes (US, EU, China 1986–1991) and year ends, and Excel's leap-year edge. */
export const EDGE_DATES = ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01', '1991-04-14', '1991-09-15', '2025-12-31', '2026-01-01', '1999-12-31', '2000-01-01', '2000-02-29', '1900-03-01', '2100-02-28', '9999-12-31'];

const date = fc.oneof(
  { weight: 3, arbitrary: fc.date({ min: new Date(Date.UTC(1900, 2, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`) },
  { weight: 1, arbitrary: fc.constantFrom(...EDGE_DATES) },
);
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 59 }))).map(([h, m, s]) =>
  s ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(h)}:${pad(m)}`,
);
const dateTime = fc.oneof(
  fc.tuple(date, time).map(([d, t]) => `${d}T${t}`),
  fc.constantFrom('2026-03-08T02:30', '2026-03-29T02:30', '2026-10-25T01:30', '2026-11-01T01:30', '2025-12-31T23:59', '2026-01-01T00:00', '1991-04-14T00:30'),
);
const money = fc.integer({ min: -99_999_999_99, max: 99_999_999_99 }).map((c) => c / 100);
const integer = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });

/** What a user may type into a date or number field that core keeps as typed text (not a canonical value). */
const TYPED_NOT_CANONICAL = fc.constantFrom('2026-3-15', '2026/03/15', '3月15日', '明天', '2026-13-45', '12', '１２', '-7', '50%', '=TODAY()', '09:30 上午');

function arbitraryFor(column: Column): fc.Arbitrary<RecordValue> {
  const kind = valueKind(column);
  const typed = (canonical: fc.Arbitrary<RecordValue>) => fc.oneof({ weight: 9, arbitrary: canonical }, { weight: 1, arbitrary: TYPED_NOT_CANONICAL });
  const value: fc.Arbitrary<RecordValue> =
    kind === 'date'
      ? typed(date)
      : kind === 'dateTime'
        ? typed(dateTime)
        : kind === 'time'
          ? typed(time)
          : kind === 'yesNo'
            ? fc.boolean()
            : kind === 'number'
              ? typed(column.field?.type === 'money' || column.field?.type === 'decimal' ? money : integer)
              : text;
  const required = column.kind === 'field' && column.field?.required;
  return required ? value : fc.option(value, { freq: 3, nil: null });
}

export function recordArbitrary(spec: RegisterSpec): fc.Arbitrary<Record_> {
  const columns = registerColumns(spec);
  return fc.tuple(...columns.map(arbitraryFor)).map((cells) => {
    const record: Record_ = { values: {}, submittedBy: null, submittedAt: null, status: null, steps: {} };
    columns.forEach((column, i) => {
      const v = cells[i];
      const s = v === null ? null : String(v);
      switch (column.kind) {
        case 'field':
          record.values[column.header] = v;
          break;
        case 'submittedBy':
          record.submittedBy = s;
          break;
        case 'submittedAt':
          record.submittedAt = s;
          break;
        case 'status':
          record.status = s;
          break;
        default: {
          const step = (record.steps[column.step!] ??= { actor: null, time: null, opinion: null });
          if (column.kind === 'stepActor') step.actor = s;
          else if (column.kind === 'stepTime') step.time = s;
          else step.opinion = s;
        }
      }
    });
    return record;
  });
}

/** n records from a fixed seed; every 2,000th carries a 32,767-character text in its first text field. */
export function randomRecords(spec: RegisterSpec, n: number, seed = 20260315): Record_[] {
  const records = fc.sample(recordArbitrary(spec), { seed, numRuns: n });
  const textField = registerColumns(spec).find((c) => c.kind === 'field' && valueKind(c) === 'text' && c.field?.type !== 'serial');
  if (textField) for (let i = 0; i < records.length; i += 2000) records[i].values[textField.header] = longText(i);
  return records;
}
