// FTP against tshark: no shared capture holds FTP, so the golden captures are compared field by
// field with scripts/field-agree/ftp.ts; every difference is pinned with its reason
// (docs/fidelity-ftp.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareFields } from '../../../scripts/field-agree.js';
import { ftpSpec } from '../../../scripts/field-agree/ftp.js';
import { REQUIRE, haveTool } from '../../helpers/shared.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function figures(scenario: string): Promise<[string, number, number, string[]][]> {
  const r = await compareFields(ftpSpec, path.join(here, scenario, 'input.pcap'), 20);
  return r.map((f) => [
    f.field,
    f.agree,
    f.frames,
    f.diffs.map((d) => d.replace(/^\S+ /, '').slice(0, 48)),
  ]);
}

describe('FTP against tshark', () => {
  it('normal: all but the segments holding only part of a multi-line reply agree', async () => {
    if (!haveTool('tshark')) {
      if (REQUIRE) throw new Error('tshark missing');
      return;
    }
    // Frames 236-237 and 255-256: pyftpdlib sends the FEAT reply `211-Features supported:`,
    // its feature lines and `211 End FEAT.` in three segments. Wireshark dissects each segment
    // on its own (a code on the opening line, the first feature as an argument of the second);
    // we report the reply once, complete, at its closing line (frames 239 and 258, which agree).
    expect(await figures('normal')).toEqual([
      ['request command', 69, 69, []],
      ['request arg', 41, 41, []],
      [
        'response code',
        97,
        99,
        ['frame 236: tshark [211] ours []', 'frame 255: tshark [211] ours []'],
      ],
      [
        'response arg',
        97,
        101,
        [
          'frame 236: tshark [Features supported:] ours []',
          'frame 237: tshark [ EPRT] ours []',
          'frame 255: tshark [Features supported:] ours []',
          'frame 256: tshark [ EPRT] ours []',
        ],
      ],
      ['data address', 4, 4, []],
      ['data port', 8, 8, []],
    ]);
  }, 60_000);

  it('malformed: the lines we name as broken instead of decoding are the differences', async () => {
    if (!haveTool('tshark')) {
      if (REQUIRE) throw new Error('tshark missing');
      return;
    }
    // Frame 25: a verb with non-ASCII and control bytes (RFC 959 5.3 wants letters) is
    // `ftp.malformed_command` for us, a command for Wireshark. Frame 28: a 1,500-byte MKD line
    // is `ftp.line_too_long` and skipped. Frame 26: the server quotes the UTF-8 bytes back;
    // we read text as UTF-8 (RFC 2640), Wireshark as ASCII with replacement characters.
    const f = await figures('malformed');
    expect(f.map(([name, agree, frames, diffs]) => [name, agree, frames, diffs.length])).toEqual([
      ['request command', 7, 9, 2],
      ['request arg', 6, 8, 2],
      ['response code', 11, 11, 0],
      ['response arg', 10, 11, 1],
      ['data address', 2, 2, 0],
      ['data port', 2, 2, 0],
    ]);
    expect(f.flatMap(([, , , d]) => d.map((x) => x.slice(0, 9)))).toEqual([
      'frame 25:',
      'frame 28:',
      'frame 25:',
      'frame 28:',
      'frame 26:',
    ]);
  }, 60_000);
});
