/**
 * Type-check cost of a 50-model schema (each model: 6 columns, a many-to-one to the previous
 * model and a one-to-many to the next, all circular). Generated once; keep it boring.
 * Watch `tsc -p tests/types --extendedDiagnostics` when changing the ORM's types.
 */
import { boolean, column, datetime, declarativeBase, foreignKey, integer, many, numeric, one, select, Session, string } from 'retort';
import type { Equal, Expect } from './helpers';

const Base = declarativeBase();

export class M0 extends Base.model('big_m0', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m49.id') }),
  prev: one<M49>('M49', { backPopulates: 'nexts' }),
  nexts: many<M1>('M1', { backPopulates: 'prev' }),
}) {}
export class M1 extends Base.model('big_m1', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m0.id') }),
  prev: one<M0>('M0', { backPopulates: 'nexts' }),
  nexts: many<M2>('M2', { backPopulates: 'prev' }),
}) {}
export class M2 extends Base.model('big_m2', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m1.id') }),
  prev: one<M1>('M1', { backPopulates: 'nexts' }),
  nexts: many<M3>('M3', { backPopulates: 'prev' }),
}) {}
export class M3 extends Base.model('big_m3', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m2.id') }),
  prev: one<M2>('M2', { backPopulates: 'nexts' }),
  nexts: many<M4>('M4', { backPopulates: 'prev' }),
}) {}
export class M4 extends Base.model('big_m4', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m3.id') }),
  prev: one<M3>('M3', { backPopulates: 'nexts' }),
  nexts: many<M5>('M5', { backPopulates: 'prev' }),
}) {}
export class M5 extends Base.model('big_m5', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m4.id') }),
  prev: one<M4>('M4', { backPopulates: 'nexts' }),
  nexts: many<M6>('M6', { backPopulates: 'prev' }),
}) {}
export class M6 extends Base.model('big_m6', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m5.id') }),
  prev: one<M5>('M5', { backPopulates: 'nexts' }),
  nexts: many<M7>('M7', { backPopulates: 'prev' }),
}) {}
export class M7 extends Base.model('big_m7', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m6.id') }),
  prev: one<M6>('M6', { backPopulates: 'nexts' }),
  nexts: many<M8>('M8', { backPopulates: 'prev' }),
}) {}
export class M8 extends Base.model('big_m8', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m7.id') }),
  prev: one<M7>('M7', { backPopulates: 'nexts' }),
  nexts: many<M9>('M9', { backPopulates: 'prev' }),
}) {}
export class M9 extends Base.model('big_m9', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m8.id') }),
  prev: one<M8>('M8', { backPopulates: 'nexts' }),
  nexts: many<M10>('M10', { backPopulates: 'prev' }),
}) {}
export class M10 extends Base.model('big_m10', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m9.id') }),
  prev: one<M9>('M9', { backPopulates: 'nexts' }),
  nexts: many<M11>('M11', { backPopulates: 'prev' }),
}) {}
export class M11 extends Base.model('big_m11', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m10.id') }),
  prev: one<M10>('M10', { backPopulates: 'nexts' }),
  nexts: many<M12>('M12', { backPopulates: 'prev' }),
}) {}
export class M12 extends Base.model('big_m12', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m11.id') }),
  prev: one<M11>('M11', { backPopulates: 'nexts' }),
  nexts: many<M13>('M13', { backPopulates: 'prev' }),
}) {}
export class M13 extends Base.model('big_m13', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m12.id') }),
  prev: one<M12>('M12', { backPopulates: 'nexts' }),
  nexts: many<M14>('M14', { backPopulates: 'prev' }),
}) {}
export class M14 extends Base.model('big_m14', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m13.id') }),
  prev: one<M13>('M13', { backPopulates: 'nexts' }),
  nexts: many<M15>('M15', { backPopulates: 'prev' }),
}) {}
export class M15 extends Base.model('big_m15', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m14.id') }),
  prev: one<M14>('M14', { backPopulates: 'nexts' }),
  nexts: many<M16>('M16', { backPopulates: 'prev' }),
}) {}
export class M16 extends Base.model('big_m16', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m15.id') }),
  prev: one<M15>('M15', { backPopulates: 'nexts' }),
  nexts: many<M17>('M17', { backPopulates: 'prev' }),
}) {}
export class M17 extends Base.model('big_m17', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m16.id') }),
  prev: one<M16>('M16', { backPopulates: 'nexts' }),
  nexts: many<M18>('M18', { backPopulates: 'prev' }),
}) {}
export class M18 extends Base.model('big_m18', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m17.id') }),
  prev: one<M17>('M17', { backPopulates: 'nexts' }),
  nexts: many<M19>('M19', { backPopulates: 'prev' }),
}) {}
export class M19 extends Base.model('big_m19', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m18.id') }),
  prev: one<M18>('M18', { backPopulates: 'nexts' }),
  nexts: many<M20>('M20', { backPopulates: 'prev' }),
}) {}
export class M20 extends Base.model('big_m20', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m19.id') }),
  prev: one<M19>('M19', { backPopulates: 'nexts' }),
  nexts: many<M21>('M21', { backPopulates: 'prev' }),
}) {}
export class M21 extends Base.model('big_m21', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m20.id') }),
  prev: one<M20>('M20', { backPopulates: 'nexts' }),
  nexts: many<M22>('M22', { backPopulates: 'prev' }),
}) {}
export class M22 extends Base.model('big_m22', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m21.id') }),
  prev: one<M21>('M21', { backPopulates: 'nexts' }),
  nexts: many<M23>('M23', { backPopulates: 'prev' }),
}) {}
export class M23 extends Base.model('big_m23', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m22.id') }),
  prev: one<M22>('M22', { backPopulates: 'nexts' }),
  nexts: many<M24>('M24', { backPopulates: 'prev' }),
}) {}
export class M24 extends Base.model('big_m24', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m23.id') }),
  prev: one<M23>('M23', { backPopulates: 'nexts' }),
  nexts: many<M25>('M25', { backPopulates: 'prev' }),
}) {}
export class M25 extends Base.model('big_m25', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m24.id') }),
  prev: one<M24>('M24', { backPopulates: 'nexts' }),
  nexts: many<M26>('M26', { backPopulates: 'prev' }),
}) {}
export class M26 extends Base.model('big_m26', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m25.id') }),
  prev: one<M25>('M25', { backPopulates: 'nexts' }),
  nexts: many<M27>('M27', { backPopulates: 'prev' }),
}) {}
export class M27 extends Base.model('big_m27', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m26.id') }),
  prev: one<M26>('M26', { backPopulates: 'nexts' }),
  nexts: many<M28>('M28', { backPopulates: 'prev' }),
}) {}
export class M28 extends Base.model('big_m28', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m27.id') }),
  prev: one<M27>('M27', { backPopulates: 'nexts' }),
  nexts: many<M29>('M29', { backPopulates: 'prev' }),
}) {}
export class M29 extends Base.model('big_m29', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m28.id') }),
  prev: one<M28>('M28', { backPopulates: 'nexts' }),
  nexts: many<M30>('M30', { backPopulates: 'prev' }),
}) {}
export class M30 extends Base.model('big_m30', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m29.id') }),
  prev: one<M29>('M29', { backPopulates: 'nexts' }),
  nexts: many<M31>('M31', { backPopulates: 'prev' }),
}) {}
export class M31 extends Base.model('big_m31', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m30.id') }),
  prev: one<M30>('M30', { backPopulates: 'nexts' }),
  nexts: many<M32>('M32', { backPopulates: 'prev' }),
}) {}
export class M32 extends Base.model('big_m32', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m31.id') }),
  prev: one<M31>('M31', { backPopulates: 'nexts' }),
  nexts: many<M33>('M33', { backPopulates: 'prev' }),
}) {}
export class M33 extends Base.model('big_m33', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m32.id') }),
  prev: one<M32>('M32', { backPopulates: 'nexts' }),
  nexts: many<M34>('M34', { backPopulates: 'prev' }),
}) {}
export class M34 extends Base.model('big_m34', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m33.id') }),
  prev: one<M33>('M33', { backPopulates: 'nexts' }),
  nexts: many<M35>('M35', { backPopulates: 'prev' }),
}) {}
export class M35 extends Base.model('big_m35', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m34.id') }),
  prev: one<M34>('M34', { backPopulates: 'nexts' }),
  nexts: many<M36>('M36', { backPopulates: 'prev' }),
}) {}
export class M36 extends Base.model('big_m36', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m35.id') }),
  prev: one<M35>('M35', { backPopulates: 'nexts' }),
  nexts: many<M37>('M37', { backPopulates: 'prev' }),
}) {}
export class M37 extends Base.model('big_m37', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m36.id') }),
  prev: one<M36>('M36', { backPopulates: 'nexts' }),
  nexts: many<M38>('M38', { backPopulates: 'prev' }),
}) {}
export class M38 extends Base.model('big_m38', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m37.id') }),
  prev: one<M37>('M37', { backPopulates: 'nexts' }),
  nexts: many<M39>('M39', { backPopulates: 'prev' }),
}) {}
export class M39 extends Base.model('big_m39', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m38.id') }),
  prev: one<M38>('M38', { backPopulates: 'nexts' }),
  nexts: many<M40>('M40', { backPopulates: 'prev' }),
}) {}
export class M40 extends Base.model('big_m40', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m39.id') }),
  prev: one<M39>('M39', { backPopulates: 'nexts' }),
  nexts: many<M41>('M41', { backPopulates: 'prev' }),
}) {}
export class M41 extends Base.model('big_m41', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m40.id') }),
  prev: one<M40>('M40', { backPopulates: 'nexts' }),
  nexts: many<M42>('M42', { backPopulates: 'prev' }),
}) {}
export class M42 extends Base.model('big_m42', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m41.id') }),
  prev: one<M41>('M41', { backPopulates: 'nexts' }),
  nexts: many<M43>('M43', { backPopulates: 'prev' }),
}) {}
export class M43 extends Base.model('big_m43', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m42.id') }),
  prev: one<M42>('M42', { backPopulates: 'nexts' }),
  nexts: many<M44>('M44', { backPopulates: 'prev' }),
}) {}
export class M44 extends Base.model('big_m44', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m43.id') }),
  prev: one<M43>('M43', { backPopulates: 'nexts' }),
  nexts: many<M45>('M45', { backPopulates: 'prev' }),
}) {}
export class M45 extends Base.model('big_m45', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m44.id') }),
  prev: one<M44>('M44', { backPopulates: 'nexts' }),
  nexts: many<M46>('M46', { backPopulates: 'prev' }),
}) {}
export class M46 extends Base.model('big_m46', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m45.id') }),
  prev: one<M45>('M45', { backPopulates: 'nexts' }),
  nexts: many<M47>('M47', { backPopulates: 'prev' }),
}) {}
export class M47 extends Base.model('big_m47', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m46.id') }),
  prev: one<M46>('M46', { backPopulates: 'nexts' }),
  nexts: many<M48>('M48', { backPopulates: 'prev' }),
}) {}
export class M48 extends Base.model('big_m48', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m47.id') }),
  prev: one<M47>('M47', { backPopulates: 'nexts' }),
  nexts: many<M49>('M49', { backPopulates: 'prev' }),
}) {}
export class M49 extends Base.model('big_m49', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  note: column(string(200)),
  amount: column(numeric(10, 2), { nullable: false, default: '0' }),
  active: column(boolean(), { nullable: false, default: true }),
  at: column(datetime()),
  prevId: column(integer(), { references: foreignKey('big_m48.id') }),
  prev: one<M48>('M48', { backPopulates: 'nexts' }),
  nexts: many<M0>('M0', { backPopulates: 'prev' }),
}) {}

declare const session: Session;
async function use() {
  const r0 = (await session.execute(select(M0, M0.c.name).where(M0.c.amount.gt('1'), M0.c.nexts.any(M1.c.active.eq(true))))).one();
  type _0 = Expect<Equal<[(typeof r0)[0]['nexts'][number]['prev'], (typeof r0)[1]], [M0 | null, string]>>;
  const r1 = (await session.execute(select(M1, M1.c.name).where(M1.c.amount.gt('1'), M1.c.nexts.any(M2.c.active.eq(true))))).one();
  type _1 = Expect<Equal<[(typeof r1)[0]['nexts'][number]['prev'], (typeof r1)[1]], [M1 | null, string]>>;
  const r2 = (await session.execute(select(M2, M2.c.name).where(M2.c.amount.gt('1'), M2.c.nexts.any(M3.c.active.eq(true))))).one();
  type _2 = Expect<Equal<[(typeof r2)[0]['nexts'][number]['prev'], (typeof r2)[1]], [M2 | null, string]>>;
  const r3 = (await session.execute(select(M3, M3.c.name).where(M3.c.amount.gt('1'), M3.c.nexts.any(M4.c.active.eq(true))))).one();
  type _3 = Expect<Equal<[(typeof r3)[0]['nexts'][number]['prev'], (typeof r3)[1]], [M3 | null, string]>>;
  const r4 = (await session.execute(select(M4, M4.c.name).where(M4.c.amount.gt('1'), M4.c.nexts.any(M5.c.active.eq(true))))).one();
  type _4 = Expect<Equal<[(typeof r4)[0]['nexts'][number]['prev'], (typeof r4)[1]], [M4 | null, string]>>;
  const r5 = (await session.execute(select(M5, M5.c.name).where(M5.c.amount.gt('1'), M5.c.nexts.any(M6.c.active.eq(true))))).one();
  type _5 = Expect<Equal<[(typeof r5)[0]['nexts'][number]['prev'], (typeof r5)[1]], [M5 | null, string]>>;
  const r6 = (await session.execute(select(M6, M6.c.name).where(M6.c.amount.gt('1'), M6.c.nexts.any(M7.c.active.eq(true))))).one();
  type _6 = Expect<Equal<[(typeof r6)[0]['nexts'][number]['prev'], (typeof r6)[1]], [M6 | null, string]>>;
  const r7 = (await session.execute(select(M7, M7.c.name).where(M7.c.amount.gt('1'), M7.c.nexts.any(M8.c.active.eq(true))))).one();
  type _7 = Expect<Equal<[(typeof r7)[0]['nexts'][number]['prev'], (typeof r7)[1]], [M7 | null, string]>>;
  const r8 = (await session.execute(select(M8, M8.c.name).where(M8.c.amount.gt('1'), M8.c.nexts.any(M9.c.active.eq(true))))).one();
  type _8 = Expect<Equal<[(typeof r8)[0]['nexts'][number]['prev'], (typeof r8)[1]], [M8 | null, string]>>;
  const r9 = (await session.execute(select(M9, M9.c.name).where(M9.c.amount.gt('1'), M9.c.nexts.any(M10.c.active.eq(true))))).one();
  type _9 = Expect<Equal<[(typeof r9)[0]['nexts'][number]['prev'], (typeof r9)[1]], [M9 | null, string]>>;
  const r10 = (await session.execute(select(M10, M10.c.name).where(M10.c.amount.gt('1'), M10.c.nexts.any(M11.c.active.eq(true))))).one();
  type _10 = Expect<Equal<[(typeof r10)[0]['nexts'][number]['prev'], (typeof r10)[1]], [M10 | null, string]>>;
  const r11 = (await session.execute(select(M11, M11.c.name).where(M11.c.amount.gt('1'), M11.c.nexts.any(M12.c.active.eq(true))))).one();
  type _11 = Expect<Equal<[(typeof r11)[0]['nexts'][number]['prev'], (typeof r11)[1]], [M11 | null, string]>>;
  const r12 = (await session.execute(select(M12, M12.c.name).where(M12.c.amount.gt('1'), M12.c.nexts.any(M13.c.active.eq(true))))).one();
  type _12 = Expect<Equal<[(typeof r12)[0]['nexts'][number]['prev'], (typeof r12)[1]], [M12 | null, string]>>;
  const r13 = (await session.execute(select(M13, M13.c.name).where(M13.c.amount.gt('1'), M13.c.nexts.any(M14.c.active.eq(true))))).one();
  type _13 = Expect<Equal<[(typeof r13)[0]['nexts'][number]['prev'], (typeof r13)[1]], [M13 | null, string]>>;
  const r14 = (await session.execute(select(M14, M14.c.name).where(M14.c.amount.gt('1'), M14.c.nexts.any(M15.c.active.eq(true))))).one();
  type _14 = Expect<Equal<[(typeof r14)[0]['nexts'][number]['prev'], (typeof r14)[1]], [M14 | null, string]>>;
  const r15 = (await session.execute(select(M15, M15.c.name).where(M15.c.amount.gt('1'), M15.c.nexts.any(M16.c.active.eq(true))))).one();
  type _15 = Expect<Equal<[(typeof r15)[0]['nexts'][number]['prev'], (typeof r15)[1]], [M15 | null, string]>>;
  const r16 = (await session.execute(select(M16, M16.c.name).where(M16.c.amount.gt('1'), M16.c.nexts.any(M17.c.active.eq(true))))).one();
  type _16 = Expect<Equal<[(typeof r16)[0]['nexts'][number]['prev'], (typeof r16)[1]], [M16 | null, string]>>;
  const r17 = (await session.execute(select(M17, M17.c.name).where(M17.c.amount.gt('1'), M17.c.nexts.any(M18.c.active.eq(true))))).one();
  type _17 = Expect<Equal<[(typeof r17)[0]['nexts'][number]['prev'], (typeof r17)[1]], [M17 | null, string]>>;
  const r18 = (await session.execute(select(M18, M18.c.name).where(M18.c.amount.gt('1'), M18.c.nexts.any(M19.c.active.eq(true))))).one();
  type _18 = Expect<Equal<[(typeof r18)[0]['nexts'][number]['prev'], (typeof r18)[1]], [M18 | null, string]>>;
  const r19 = (await session.execute(select(M19, M19.c.name).where(M19.c.amount.gt('1'), M19.c.nexts.any(M20.c.active.eq(true))))).one();
  type _19 = Expect<Equal<[(typeof r19)[0]['nexts'][number]['prev'], (typeof r19)[1]], [M19 | null, string]>>;
  const r20 = (await session.execute(select(M20, M20.c.name).where(M20.c.amount.gt('1'), M20.c.nexts.any(M21.c.active.eq(true))))).one();
  type _20 = Expect<Equal<[(typeof r20)[0]['nexts'][number]['prev'], (typeof r20)[1]], [M20 | null, string]>>;
  const r21 = (await session.execute(select(M21, M21.c.name).where(M21.c.amount.gt('1'), M21.c.nexts.any(M22.c.active.eq(true))))).one();
  type _21 = Expect<Equal<[(typeof r21)[0]['nexts'][number]['prev'], (typeof r21)[1]], [M21 | null, string]>>;
  const r22 = (await session.execute(select(M22, M22.c.name).where(M22.c.amount.gt('1'), M22.c.nexts.any(M23.c.active.eq(true))))).one();
  type _22 = Expect<Equal<[(typeof r22)[0]['nexts'][number]['prev'], (typeof r22)[1]], [M22 | null, string]>>;
  const r23 = (await session.execute(select(M23, M23.c.name).where(M23.c.amount.gt('1'), M23.c.nexts.any(M24.c.active.eq(true))))).one();
  type _23 = Expect<Equal<[(typeof r23)[0]['nexts'][number]['prev'], (typeof r23)[1]], [M23 | null, string]>>;
  const r24 = (await session.execute(select(M24, M24.c.name).where(M24.c.amount.gt('1'), M24.c.nexts.any(M25.c.active.eq(true))))).one();
  type _24 = Expect<Equal<[(typeof r24)[0]['nexts'][number]['prev'], (typeof r24)[1]], [M24 | null, string]>>;
  const r25 = (await session.execute(select(M25, M25.c.name).where(M25.c.amount.gt('1'), M25.c.nexts.any(M26.c.active.eq(true))))).one();
  type _25 = Expect<Equal<[(typeof r25)[0]['nexts'][number]['prev'], (typeof r25)[1]], [M25 | null, string]>>;
  const r26 = (await session.execute(select(M26, M26.c.name).where(M26.c.amount.gt('1'), M26.c.nexts.any(M27.c.active.eq(true))))).one();
  type _26 = Expect<Equal<[(typeof r26)[0]['nexts'][number]['prev'], (typeof r26)[1]], [M26 | null, string]>>;
  const r27 = (await session.execute(select(M27, M27.c.name).where(M27.c.amount.gt('1'), M27.c.nexts.any(M28.c.active.eq(true))))).one();
  type _27 = Expect<Equal<[(typeof r27)[0]['nexts'][number]['prev'], (typeof r27)[1]], [M27 | null, string]>>;
  const r28 = (await session.execute(select(M28, M28.c.name).where(M28.c.amount.gt('1'), M28.c.nexts.any(M29.c.active.eq(true))))).one();
  type _28 = Expect<Equal<[(typeof r28)[0]['nexts'][number]['prev'], (typeof r28)[1]], [M28 | null, string]>>;
  const r29 = (await session.execute(select(M29, M29.c.name).where(M29.c.amount.gt('1'), M29.c.nexts.any(M30.c.active.eq(true))))).one();
  type _29 = Expect<Equal<[(typeof r29)[0]['nexts'][number]['prev'], (typeof r29)[1]], [M29 | null, string]>>;
  const r30 = (await session.execute(select(M30, M30.c.name).where(M30.c.amount.gt('1'), M30.c.nexts.any(M31.c.active.eq(true))))).one();
  type _30 = Expect<Equal<[(typeof r30)[0]['nexts'][number]['prev'], (typeof r30)[1]], [M30 | null, string]>>;
  const r31 = (await session.execute(select(M31, M31.c.name).where(M31.c.amount.gt('1'), M31.c.nexts.any(M32.c.active.eq(true))))).one();
  type _31 = Expect<Equal<[(typeof r31)[0]['nexts'][number]['prev'], (typeof r31)[1]], [M31 | null, string]>>;
  const r32 = (await session.execute(select(M32, M32.c.name).where(M32.c.amount.gt('1'), M32.c.nexts.any(M33.c.active.eq(true))))).one();
  type _32 = Expect<Equal<[(typeof r32)[0]['nexts'][number]['prev'], (typeof r32)[1]], [M32 | null, string]>>;
  const r33 = (await session.execute(select(M33, M33.c.name).where(M33.c.amount.gt('1'), M33.c.nexts.any(M34.c.active.eq(true))))).one();
  type _33 = Expect<Equal<[(typeof r33)[0]['nexts'][number]['prev'], (typeof r33)[1]], [M33 | null, string]>>;
  const r34 = (await session.execute(select(M34, M34.c.name).where(M34.c.amount.gt('1'), M34.c.nexts.any(M35.c.active.eq(true))))).one();
  type _34 = Expect<Equal<[(typeof r34)[0]['nexts'][number]['prev'], (typeof r34)[1]], [M34 | null, string]>>;
  const r35 = (await session.execute(select(M35, M35.c.name).where(M35.c.amount.gt('1'), M35.c.nexts.any(M36.c.active.eq(true))))).one();
  type _35 = Expect<Equal<[(typeof r35)[0]['nexts'][number]['prev'], (typeof r35)[1]], [M35 | null, string]>>;
  const r36 = (await session.execute(select(M36, M36.c.name).where(M36.c.amount.gt('1'), M36.c.nexts.any(M37.c.active.eq(true))))).one();
  type _36 = Expect<Equal<[(typeof r36)[0]['nexts'][number]['prev'], (typeof r36)[1]], [M36 | null, string]>>;
  const r37 = (await session.execute(select(M37, M37.c.name).where(M37.c.amount.gt('1'), M37.c.nexts.any(M38.c.active.eq(true))))).one();
  type _37 = Expect<Equal<[(typeof r37)[0]['nexts'][number]['prev'], (typeof r37)[1]], [M37 | null, string]>>;
  const r38 = (await session.execute(select(M38, M38.c.name).where(M38.c.amount.gt('1'), M38.c.nexts.any(M39.c.active.eq(true))))).one();
  type _38 = Expect<Equal<[(typeof r38)[0]['nexts'][number]['prev'], (typeof r38)[1]], [M38 | null, string]>>;
  const r39 = (await session.execute(select(M39, M39.c.name).where(M39.c.amount.gt('1'), M39.c.nexts.any(M40.c.active.eq(true))))).one();
  type _39 = Expect<Equal<[(typeof r39)[0]['nexts'][number]['prev'], (typeof r39)[1]], [M39 | null, string]>>;
  const r40 = (await session.execute(select(M40, M40.c.name).where(M40.c.amount.gt('1'), M40.c.nexts.any(M41.c.active.eq(true))))).one();
  type _40 = Expect<Equal<[(typeof r40)[0]['nexts'][number]['prev'], (typeof r40)[1]], [M40 | null, string]>>;
  const r41 = (await session.execute(select(M41, M41.c.name).where(M41.c.amount.gt('1'), M41.c.nexts.any(M42.c.active.eq(true))))).one();
  type _41 = Expect<Equal<[(typeof r41)[0]['nexts'][number]['prev'], (typeof r41)[1]], [M41 | null, string]>>;
  const r42 = (await session.execute(select(M42, M42.c.name).where(M42.c.amount.gt('1'), M42.c.nexts.any(M43.c.active.eq(true))))).one();
  type _42 = Expect<Equal<[(typeof r42)[0]['nexts'][number]['prev'], (typeof r42)[1]], [M42 | null, string]>>;
  const r43 = (await session.execute(select(M43, M43.c.name).where(M43.c.amount.gt('1'), M43.c.nexts.any(M44.c.active.eq(true))))).one();
  type _43 = Expect<Equal<[(typeof r43)[0]['nexts'][number]['prev'], (typeof r43)[1]], [M43 | null, string]>>;
  const r44 = (await session.execute(select(M44, M44.c.name).where(M44.c.amount.gt('1'), M44.c.nexts.any(M45.c.active.eq(true))))).one();
  type _44 = Expect<Equal<[(typeof r44)[0]['nexts'][number]['prev'], (typeof r44)[1]], [M44 | null, string]>>;
  const r45 = (await session.execute(select(M45, M45.c.name).where(M45.c.amount.gt('1'), M45.c.nexts.any(M46.c.active.eq(true))))).one();
  type _45 = Expect<Equal<[(typeof r45)[0]['nexts'][number]['prev'], (typeof r45)[1]], [M45 | null, string]>>;
  const r46 = (await session.execute(select(M46, M46.c.name).where(M46.c.amount.gt('1'), M46.c.nexts.any(M47.c.active.eq(true))))).one();
  type _46 = Expect<Equal<[(typeof r46)[0]['nexts'][number]['prev'], (typeof r46)[1]], [M46 | null, string]>>;
  const r47 = (await session.execute(select(M47, M47.c.name).where(M47.c.amount.gt('1'), M47.c.nexts.any(M48.c.active.eq(true))))).one();
  type _47 = Expect<Equal<[(typeof r47)[0]['nexts'][number]['prev'], (typeof r47)[1]], [M47 | null, string]>>;
  const r48 = (await session.execute(select(M48, M48.c.name).where(M48.c.amount.gt('1'), M48.c.nexts.any(M49.c.active.eq(true))))).one();
  type _48 = Expect<Equal<[(typeof r48)[0]['nexts'][number]['prev'], (typeof r48)[1]], [M48 | null, string]>>;
  const r49 = (await session.execute(select(M49, M49.c.name).where(M49.c.amount.gt('1'), M49.c.nexts.any(M0.c.active.eq(true))))).one();
  type _49 = Expect<Equal<[(typeof r49)[0]['nexts'][number]['prev'], (typeof r49)[1]], [M49 | null, string]>>;
}
void use;
