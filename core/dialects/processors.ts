/**
 * Value conversions shared by the dialects. Each dialect picks the ones that fit what its
 * driver sends and returns, so every database hands back the same JavaScript values.
 */
import { ArgumentError } from '../errors';
import type { Processor } from '../compiler/compiled';
import type { SqlType } from '../sql/types';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function checkDate(v: unknown, what: string): Date {
  const d = v instanceof Date ? v : typeof v === 'number' ? new Date(v) : typeof v === 'string' ? dateFromText(v) : undefined;
  if (!d || Number.isNaN(d.getTime())) throw new ArgumentError(`${what}: ${String(v)} is not a valid date/time`);
  return d;
}

/**
 * Text read as on the way back: without an offset it is UTC. `new Date('2021-01-01 10:00')`
 * would read it in the process's time zone, so the stored instant moved with the server's TZ.
 * Other forms Date understands (`'Fri, 01 Jan 2021 10:00:00 GMT'`) still work.
 */
function dateFromText(s: string): Date {
  try {
    return parseTimestamp(s);
  } catch {
    return new Date(s);
  }
}

/** A `Date` as the UTC wall-clock text `YYYY-MM-DD HH:MM:SS.mmm`. */
export function utcText(v: unknown): string {
  const d = checkDate(v, 'datetime');
  // toISOString() is `YYYY-MM-DDTHH:MM:SS.mmmZ` (24 characters) for the years 0000–9999 and
  // longer (`+010000-…`, `-000001-…`) outside them; native, it costs a fraction of formatting
  // the fields one by one, which showed in every INSERT of a datetime.
  const iso = d.toISOString();
  // Four digits always: PostgreSQL rejects `99-06-01` and SQLite stores text no one can read
  // back. Years outside 0–9999 have no such form (and no database column that takes them all).
  if (iso.length !== 24) throw new ArgumentError(`datetime: ${iso} is outside the years 0000-9999`);
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** Dates may be given as `'YYYY-MM-DD'` strings or `Date`s (their UTC calendar day). */
export const bindDate: Processor = (v) => {
  if (typeof v === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new ArgumentError(`date: ${JSON.stringify(v)} is not YYYY-MM-DD`);
    return v;
  }
  return utcText(v).slice(0, 10);
};

/** Parses timestamp text from any of the drivers; text without an offset is UTC. */
export function parseTimestamp(v: unknown): Date {
  // Short on purpose, the general path apart: V8 optimises a function only after its calls
  // have run through a budget of bytecode that grows with the function's size, and a call
  // that returns early spends little of it; this runs for every timestamp read.
  const fast = typeof v === 'string' ? parseUtcWallClock(v) : undefined;
  return fast !== undefined ? fast : parseTimestampGeneral(v);
}

function parseTimestampGeneral(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v);
  let s = String(v).trim().replace(' ', 'T');
  s = s.replace(/(\.\d{3})\d+/, '$1');
  const offset = /([+-]\d{2})(:?(\d{2}))?$/.exec(s.slice(10));
  if (offset && s.indexOf('T') >= 0) s = s.slice(0, s.length - offset[0].length) + `${offset[1]}:${offset[3] ?? '00'}`;
  else if (!/Z$/i.test(s)) s += s.length === 10 ? 'T00:00:00Z' : 'Z';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new ArgumentError(`cannot read ${JSON.stringify(v)} as a timestamp`);
  return d;
}

/** The value of `n` ASCII digits of `s` from `at`, or -1 when one of them is not a digit. */
function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The common shape every driver returns, `YYYY-MM-DD HH:MM:SS[.fraction]` (or with `T`),
 * no offset, read as UTC without regexes or string building. Undefined for anything else
 * (offsets, `Z`, whitespace, years before 100, out-of-range fields), which then takes the
 * general path in parseTimestamp; for what it accepts the result is the same Date.
 */
function parseUtcWallClock(s: string): Date | undefined {
  const len = s.length;
  if (len < 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const sep = s.charCodeAt(10);
  if (sep !== 32 && sep !== 84) return undefined;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  const second = digitsAt(s, 17, 2);
  // Date.UTC reads years 0-99 as 1900-1999: leave those to the general path.
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let ms = 0;
  if (len > 19) {
    if (s.charCodeAt(19) !== 46 || len === 20) return undefined;
    for (let i = 20; i < len; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      if (i === 20) ms += c * 100;
      else if (i === 21) ms += c * 10;
      else if (i === 22) ms += c; // digits past milliseconds are dropped, as the general path does
    }
  }
  // Days past the month's end: let the general path decide, as it always has.
  if (day > 28 && day > daysInMonth(year, month)) return undefined;
  // The same time value as Date.UTC(year, month - 1, day, …) (checked for every day of years
  // 100-9999), in plain arithmetic: Date.UTC is a call into the runtime, ~15 % of a value.
  return new Date(daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), for year ≥ 1. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export const toNumber: Processor = (v) => (typeof v === 'number' ? v : Number(v));
export const toBigInt: Processor = (v) => (typeof v === 'bigint' ? v : BigInt(typeof v === 'number' ? Math.trunc(v) : String(v).split('.')[0]));
export const toString: Processor = (v) => (typeof v === 'string' ? v : String(v));
export const parseJson: Processor = (v) => (typeof v === 'string' ? JSON.parse(v) : Buffer.isBuffer(v) ? JSON.parse(v.toString('utf8')) : v);
export const intBoolean: Processor = (v) => v === 1 || v === true || v === 1n || v === '1';
export const boolToInt: Processor = (v) => {
  if (typeof v !== 'boolean') throw new ArgumentError(`boolean column: expected true or false, got ${JSON.stringify(v)}`);
  return v ? 1 : 0;
};
export const checkBoolean: Processor = (v) => {
  if (typeof v !== 'boolean') throw new ArgumentError(`boolean column: expected true or false, got ${JSON.stringify(v)}`);
  return v;
};
export const jsonText: Processor = (v) => JSON.stringify(v);

/** Integers: a JS number must be a safe integer; bigint and numeric strings are accepted. */
export function bindInteger(kind: string): Processor {
  return (v) => {
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) throw new ArgumentError(`${kind} column: ${v} is not a safe integer`);
      return v;
    }
    if (typeof v === 'bigint') return v;
    if (typeof v === 'string' && /^-?\d+$/.test(v)) return v;
    throw new ArgumentError(`${kind} column: expected an integer, got ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}`);
  };
}

/** Decimals travel as text so no digit is lost to a float. */
export const bindDecimal: Processor = (v) => {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ArgumentError(`numeric column: ${v} is not a number`);
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim())) return v.trim();
  throw new ArgumentError(`numeric column: ${JSON.stringify(v)} is not a decimal number`);
};

export function bindEnum(type: SqlType<unknown>): Processor {
  const allowed = new Set(type.options.values ?? []);
  return (v) => {
    if (!allowed.has(v as string)) throw new ArgumentError(`enum column: ${JSON.stringify(v)} is not one of ${[...allowed].map((x) => JSON.stringify(x)).join(', ')}`);
    return v;
  };
}

export const bindBinary: Processor = (v) => {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw new ArgumentError(`binary column: expected a Buffer or Uint8Array, got ${typeof v}`);
};
export const toBuffer: Processor = (v) => (Buffer.isBuffer(v) ? v : v instanceof Uint8Array ? Buffer.from(v) : Buffer.from(String(v)));

/** Strings stay strings; anything else is an error rather than a silent conversion. */
export const bindString: Processor = (v) => {
  if (typeof v !== 'string') throw new ArgumentError(`string column: expected a string, got ${typeof v === 'object' ? JSON.stringify(v) : typeof v}`);
  return v;
};

export const bindFloat: Processor = (v) => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw new ArgumentError(`float column: expected a number, got ${JSON.stringify(v)}`);
};

/** Formats a number read back from SQLite's NUMERIC affinity with the column's scale. */
export function decimalFromSqlite(scale: number | undefined): Processor {
  return (v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'bigint') return scale ? `${v}.${'0'.repeat(scale)}` : v.toString();
    if (typeof v === 'number') return scale !== undefined ? v.toFixed(scale) : String(v);
    return String(v);
  };
}

/** Composes two optional processors. */
export function chain(a: Processor | undefined, b: Processor | undefined): Processor | undefined {
  if (!a) return b;
  if (!b) return a;
  return (v) => b(a(v));
}
