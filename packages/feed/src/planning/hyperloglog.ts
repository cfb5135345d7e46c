/**
 * Distinct counting in fixed memory (Flajolet et al., "HyperLogLog", 2007, with the usual
 * small-range correction). 2,048 one-byte registers: about 2.3 % standard error in 2 KiB, however
 * many visitors an hour has. Registers merge by maximum, so hours can be combined.
 */
const PRECISION = 11;
const REGISTERS = 1 << PRECISION;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

export class HyperLogLog {
  readonly registers = new Uint8Array(REGISTERS);

  /** Adds a 32-bit hash (already well mixed: see `mix32`). */
  add(hash: number): void {
    const index = hash >>> (32 - PRECISION);
    // The guard bit bounds the rank when the remaining bits are all zero.
    const rank = Math.clz32((hash << PRECISION) | (1 << (PRECISION - 1))) + 1;
    if (rank > (this.registers[index] ?? 0)) this.registers[index] = rank;
  }

  merge(other: HyperLogLog): void {
    const mine = this.registers;
    const theirs = other.registers;
    for (let i = 0; i < REGISTERS; i += 1) {
      const value = theirs[i] ?? 0;
      if (value > (mine[i] ?? 0)) mine[i] = value;
    }
  }

  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (const value of this.registers) {
      sum += 2 ** -value;
      if (value === 0) zeros += 1;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    if (raw <= 2.5 * REGISTERS && zeros > 0) {
      return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    }
    return Math.round(raw);
  }
}

/** FNV-1a offset basis: the start value of `fnv1a` runs. */
export const FNV_OFFSET = 0x811c9dc5;

/** One byte (or UTF-16 unit) into an FNV-1a hash. */
export function fnv1a(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193);
}

/** MurmurHash3's finalizer: FNV alone leaves the high bits, which pick the register, too regular. */
export function mix32(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
