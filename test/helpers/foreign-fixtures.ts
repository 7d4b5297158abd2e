/**
 * Traffic of protocols that have no decoder (yet): the decoder conformance suite checks that no
 * decoder's probe claims it. Real first payloads from ../shared/data/pcaps where named, else
 * written from the protocol's specification.
 */
import { Direction } from '../../src/decode/decoder.js';
import type { DecoderFixture } from '../../src/decode/decoder.js';
import { Prng } from './prng.js';

export const FOREIGN_FIXTURES: readonly DecoderFixture[] = [
  {
    name: 'random-bytes',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: new Prng(0x5eed).bytes(96),
  },
];
