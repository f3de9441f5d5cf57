/**
 * parseTimestamp reads the drivers' timestamp text. Its fast path for the common
 * `YYYY-MM-DD HH:MM:SS[.fraction]` shape (added for the select-by-pk benchmark) must give
 * exactly what the general path gives: the text read as UTC, fractions past milliseconds
 * dropped, and anything unusual left to the general rules.
 */
import * as fc from 'fast-check';
import { parseTimestamp } from '../../core/dialects/processors';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The reference reading: ISO text with a Z, as the general path builds it. */
function reference(y: number, mo: number, d: number, h: number, mi: number, s: number, fraction: string): number {
  const ms = fraction ? `.${fraction.slice(0, 3)}` : '';
  return new Date(`${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${ms}Z`).getTime();
}

describe('parseTimestamp', () => {
  it('reads wall-clock text as UTC, with either separator and any fraction length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.stringMatching(/^\d{0,9}$/),
        fc.constantFrom(' ', 'T'),
        (y, mo, d, h, mi, s, fraction, sep) => {
          const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}${sep}${pad(h)}:${pad(mi)}:${pad(s)}${fraction ? '.' + fraction : ''}`;
          expect(parseTimestamp(text).getTime()).toBe(reference(y, mo, d, h, mi, s, fraction));
        },
      ),
    );
  });

  it('gives what it always gave for the unusual cases', () => {
    expect(parseTimestamp('2024-01-01 00:00:00').toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(parseTimestamp('2024-01-01 00:00:00.5').toISOString()).toBe('2024-01-01T00:00:00.500Z');
    expect(parseTimestamp('2024-01-01 00:00:00.123456').toISOString()).toBe('2024-01-01T00:00:00.123Z');
    expect(parseTimestamp('2024-02-29 12:00:00').toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(parseTimestamp('2024-02-30 00:00:00').toISOString()).toBe(new Date('2024-02-30T00:00:00Z').toISOString());
    expect(parseTimestamp('0099-06-01 00:00:00').getUTCFullYear()).toBe(99);
    expect(parseTimestamp(' 2024-01-01 00:00:00 ').toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(parseTimestamp('2024-01-01 02:00:00+02').toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(parseTimestamp('2024-01-01T00:00:00Z').toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(parseTimestamp('2024-01-01').toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(() => parseTimestamp('2024-13-01 00:00:00')).toThrow(/cannot read/);
    expect(() => parseTimestamp('2024-01-01 00:00:00.')).toThrow(/cannot read/);
    expect(() => parseTimestamp('2024-01-01 23:59:60')).toThrow(/cannot read/);
  });
});
