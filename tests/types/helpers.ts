/** Compile-time assertions: `Expect<Equal<A, B>>` fails to compile unless A and B are the same type. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export type Expect<T extends true> = T;
/** Marks a value as used so the compiler checks the expression without running it. */
export function typed<T>(_value?: T): void {}
