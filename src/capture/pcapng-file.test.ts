// pcapng parsing: sections and byte orders, IDB options, EPB/SPB/PB/ISB, unknown blocks, block
// validation; the in-memory byte source runs the conformance suite in several chunkings.
import { describe, expect, it } from 'vitest';
import { isPlatformError } from '../core/errors.js';
import { hex } from '../../test/helpers/hex.js';
import { PcapngBuilder, payload } from '../../test/helpers/pcap-builder.js';
import { Prng } from '../../test/helpers/prng.js';
import { collect, plain, runSourceSuite } from './source.case.test.js';
import { BytesSource } from './stream-source.js';

const read = (bytes: Uint8Array) => collect(new BytesSource('test.pcapng', bytes));

/** Section header + one Ethernet interface (10^-6 s, snaplen 0), little-endian. */
const head = (): PcapngBuilder => new PcapngBuilder().shb().idb(1, 0);

describe('pcapng blocks', () => {
  it('reads a big-endian section with a nanosecond interface', async () => {
    const bytes = hex(
      '0a0d0d0a' + // SHB: block type
        '0000001c' + // block total length 28
        '1a2b3c4d' + // byte-order magic, big-endian
        '0001' + // major version 1
        '0000' + // minor version 0
        'ffffffffffffffff' + // section length: not specified
        '0000001c' + // block total length 28
        '00000001' + // IDB: block type
        '00000020' + // block total length 32
        '0065' + // LinkType 101 (raw IP)
        '0000' + // reserved
        '00000000' + // snaplen 0 (no limit)
        '0009' + // option if_tsresol
        '0001' + // option length 1
        '09000000' + // 10^-9 s, padded
        '00000000' + // opt_endofopt
        '00000020' + // block total length 32
        '00000006' + // EPB: block type
        '00000024' + // block total length 36
        '00000000' + // interface 0
        '146a357d' + // timestamp (high): 1471047042123456789 ns >> 32
        'a9a86115' + // timestamp (low)
        '00000003' + // captured length 3
        '00000040' + // original length 64
        '45000000' + // data (3 bytes) + 1 byte padding
        '00000024', // block total length 36
    );
    const { result, frames } = await read(bytes);
    expect(result.error).toBeNull();
    expect(plain(frames)).toEqual([
      {
        frame: 1,
        tsSec: 1471047042,
        tsNs: 123456789,
        linkType: 101,
        capLen: 3,
        origLen: 64,
        iface: 0,
        data: hex('450000'),
      },
    ]);
  });

  it('takes power-of-two resolutions and if_tsoffset', async () => {
    const bytes = head()
      .idb(1, 0, { tsresol: 0x80 | 10, tsoffset: -100n })
      .epb(1, (1000n << 10n) + 512n, payload(4))
      .bytes();
    const { frames } = await read(bytes);
    expect(frames[0]).toMatchObject({ tsSec: 900, tsNs: 500_000_000, iface: 1 });
  });

  it('starts a fresh interface list in every section', async () => {
    const bytes = head().idb(101, 0).shb().idb(1, 0).epb(1, 0n, payload(4)).bytes();
    const { result, frames } = await read(bytes);
    expect(frames).toEqual([]);
    expect(isPlatformError(result.error, 'ERR_CAPTURE_CORRUPT')).toBe(true);
    expect(result.error?.message).toContain('EPB for undefined interface 1');
  });

  it('sizes an SPB by min(original length, snaplen, block space)', async () => {
    const spbOf = (snaplen: number, data: Uint8Array, origLen: number) =>
      read(new PcapngBuilder().shb().idb(1, snaplen).spb(data, origLen).bytes());
    expect((await spbOf(0, payload(60), 60)).frames[0]).toMatchObject({ capLen: 60, origLen: 60 });
    // Written without padding to the original length: what the block holds.
    expect((await spbOf(0, payload(40), 1500)).frames[0]).toMatchObject({
      capLen: 40,
      origLen: 1500,
    });
    // A block holding more than the snaplen is cut to the snaplen.
    expect((await spbOf(32, payload(60), 60)).frames[0]).toMatchObject({ capLen: 32, origLen: 60 });
    // Padding bytes are never frame bytes.
    expect((await spbOf(0, payload(62), 61)).frames[0]).toMatchObject({ capLen: 61, origLen: 61 });
  });

  it('refuses an SPB before any interface', async () => {
    const { result } = await read(new PcapngBuilder().shb().spb(payload(8)).bytes());
    expect(result.error?.message).toContain('SPB without an interface');
  });

  it('keeps the last isb_ifdrop of each interface and sums interfaces and sections', async () => {
    const bytes = head()
      .idb(1, 0)
      .isb(0, 0n, { ifdrop: 4n })
      .isb(1, 0n, { ifdrop: 1n })
      .isb(0, 0n, { ifdrop: 10n })
      .isb(7, 0n, { ifdrop: 99n })
      .shb({ littleEndian: false })
      .idb(1, 0)
      .isb(0, 0n, { ifdrop: 0x1_0000_0002n })
      .bytes();
    const { result } = await read(bytes);
    expect(result.error).toBeNull();
    expect(result.drops).toBe(10 + 1 + 0x1_0000_0002);
    expect(result.notes['pcapng.isb_unknown_interface']).toBe(1);
  });

  it('leaves drops unknown when no block reports them', async () => {
    const bytes = head().isb(0, 0n, {}).pb(0, 0n, payload(4), 0xffff).bytes();
    const { result, frames } = await read(bytes);
    expect(frames.length).toBe(1);
    expect(result.drops).toBeNull();
  });

  it('skips an option that overruns its block and keeps the block', async () => {
    const broken = hex(
      '0009' + // option if_tsresol
        '0040', // option length 64: beyond the block
    );
    const bytes = new PcapngBuilder()
      .shb()
      .block(1, new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, ...broken]))
      .epb(0, 5_000_000n, payload(4))
      .bytes();
    const { result, frames } = await read(bytes);
    expect(result.notes['pcapng.bad_option']).toBe(1);
    expect(frames[0]).toMatchObject({ tsSec: 5, tsNs: 0, linkType: 1 });
  });

  describe('block validation', () => {
    const epb = head().epb(0, 0n, payload(8)).bytes();
    const epbAt = head().bytes().length;
    const withLength = (at: number, value: number): Uint8Array => {
      const b = epb.slice();
      new DataView(b.buffer).setUint32(at, value, true);
      return b;
    };
    const cases: { name: string; bytes: Uint8Array; why: string }[] = [
      {
        name: 'length not a multiple of 4',
        bytes: withLength(epbAt + 4, 38),
        why: 'bad block length 38',
      },
      { name: 'length below 12', bytes: withLength(epbAt + 4, 8), why: 'bad block length 8' },
      {
        name: 'length above the cap',
        bytes: withLength(epbAt + 4, 0x7ffffff0),
        why: 'bad block length',
      },
      {
        name: 'trailing length differs',
        bytes: withLength(epb.length - 4, 44),
        why: 'trailing block length differs',
      },
      {
        name: 'captured length beyond the block',
        bytes: withLength(epbAt + 20, 9),
        why: 'exceeds the block',
      },
      {
        name: 'EPB shorter than its fixed part',
        bytes: head().block(6, new Uint8Array(12)).bytes(),
        why: 'EPB of 24',
      },
      {
        name: 'unsupported version',
        bytes: new PcapngBuilder().shb({ major: 2 }).bytes(),
        why: 'unsupported pcapng version 2.0',
      },
      {
        name: 'bad byte-order magic',
        bytes: (() => {
          const b = head().shb().bytes();
          b.set([1, 2, 3, 4], b.length - 28 + 8);
          return b;
        })(),
        why: 'bad byte-order magic',
      },
    ];
    for (const c of cases) {
      it(`stops at a block with ${c.name}`, async () => {
        const { result, frames } = await read(c.bytes);
        expect(frames).toEqual([]);
        expect(isPlatformError(result.error, 'ERR_CAPTURE_CORRUPT')).toBe(true);
        expect(result.error?.message).toContain(c.why);
        expect(result.error?.message).toMatch(
          /^test\.pcapng: corrupt block at byte \d+ \(frame 1\)/,
        );
      });
    }

    it('reports the offset of the offending block', async () => {
      const { result } = await read(withLength(epbAt + 4, 38));
      expect(result.error?.details['offset']).toBe(epbAt);
    });

    it('rejects a huge declared block as soon as its header arrives', async () => {
      // Only the 8-byte header of the huge block is there: no waiting, no buffering.
      const bytes = head()
        .raw(hex('06000000' + 'f0ffff7f'))
        .bytes();
      const { result } = await read(bytes);
      expect(result.error?.code).toBe('ERR_CAPTURE_CORRUPT');
    });
  });
});

runSourceSuite({
  name: 'BytesSource (whole)',
  fromBytes: (bytes, name) => new BytesSource(name, bytes),
});
runSourceSuite({
  name: 'BytesSource (1-byte chunks)',
  fromBytes: (bytes, name) => new BytesSource(name, bytes, { chunkBytes: 1 }),
});
const rng = new Prng(20261125);
runSourceSuite({
  name: 'BytesSource (random chunks)',
  fromBytes: (bytes, name) => new BytesSource(name, bytes, { chunkBytes: 1 + rng.int(40) }),
});
