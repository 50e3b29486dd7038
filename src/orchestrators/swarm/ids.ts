/**
 * Swarm object ids: 25 lower-case base-36 characters, the shape of swarmkit's identity.NewID()
 * (a random 128-bit number in base 36, zero-padded to 25). Drawn from the run's seeded generator,
 * so the same seed gives the same ids.
 */
import { fnv32a } from '../../model';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 25;

/** A new id from `random` (25 draws). */
export function newId(random: () => number): string {
  let id = '';
  for (let i = 0; i < ID_LENGTH; i++) id += ALPHABET[Math.floor(random() * 36) % 36];
  return id;
}

/** A stable id for something named at boot (a node, a service), from the seed and its name. */
export function stableId(seed: number, name: string): string {
  let id = '';
  let h = fnv32a(`${seed}/${name}`);
  for (let i = 0; i < ID_LENGTH; i++) {
    h = fnv32a(String(h), h);
    id += ALPHABET[h % 36];
  }
  return id;
}
