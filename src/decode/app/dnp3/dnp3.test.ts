// DNP3 decoder: link framing, CRCs, transport reassembly and application objects, field by field.
import { describe, expect, it } from 'vitest';
import { dnp3Crc } from './crc.js';
import { hex } from '../../../../test/helpers/hex.js';

describe('dnp3 crc', () => {
  it('matches the header CRC of a real frame', () => {
    expect(dnp3Crc(hex('056405c903000400'), 0, 8)).toBe(0x71bd);
  });
});
