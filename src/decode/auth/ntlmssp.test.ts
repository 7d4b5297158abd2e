import { describe, expect, it } from 'vitest';
import { hex } from '../../../test/helpers/hex.js';
import { ntlmsspAt, parseNtlmssp } from './ntlmssp.js';

// it-attacks/pcap-attack/Lateral_Movement/LM_psexec_smb_dcerpc_epm_svcctl.pcapng frame 3
// (SMB2 SESSION_SETUP request, inside SPNEGO NegTokenInit mechToken).
const NEGOTIATE = hex(
  '4e544c4d53535000' + // signature "NTLMSSP\0"
    '01000000' + // message type = 1 (NEGOTIATE)
    '978208e2' + // flags = 0xe2088297 (UNICODE, OEM, SIGN, NTLM, ALWAYS_SIGN, ESS, VERSION, 128, KEY_EXCH, 56)
    '0000' +
    '0000' +
    '00000000' + // domain name fields: empty
    '0000' +
    '0000' +
    '00000000' + // workstation fields: empty
    '0a' + // version: major 10
    '00' + // minor 0
    '5a29' + // build 10586
    '000000' + // reserved
    '0f', // NTLM revision 15
);

// Same capture, frame 4 (SESSION_SETUP response, SPNEGO NegTokenResp responseToken).
const CHALLENGE = hex(
  '4e544c4d53535000' + // signature
    '02000000' + // message type = 2 (CHALLENGE)
    '0400' +
    '0400' +
    '38000000' + // target name fields: len 4, max 4, offset 0x38
    '158289e2' + // flags = 0xe2898215 (UNICODE, ...)
    '47ddce77bbef447c' + // server challenge
    '0000000000000000' + // reserved
    'c000' +
    'c000' +
    '3c000000' + // target info fields: len 192 at 0x3c
    '0a00' +
    '3938' +
    '0000000f' + // version 10.0 build 14393, revision 15
    '33004200' + // target name "3B" (UTF-16LE)
    // target info AV pairs (NetBIOS domain, computer, DNS names, timestamp, EOL)
    '020004003300420001001e003000310035003600360053002d00570049004e00310036002d0049005200' +
    '04001e0074006800720065006500620065006500730063006f002e0063006f006d0003003e0030003100' +
    '35003600360073002d00770069006e00310036002d00690072002e007400680072006500650062006500' +
    '6500730063006f002e0063006f006d0005001e0074006800720065006500620065006500730063006f00' +
    '2e0063006f006d0007000800f798d38fce5dd60100000000',
);

// Same capture, frame 5 (SESSION_SETUP request, SPNEGO NegTokenResp responseToken). The NT
// response is kept whole: its length (362 > 24) is what says NTLMv2.
const AUTHENTICATE = hex(
  '4e544c4d53535000' + // signature
    '03000000' + // message type = 3 (AUTHENTICATE)
    '1800' +
    '1800' +
    '84000000' + // LM response fields: 24 bytes at 0x84
    '6a01' +
    '6a01' +
    '9c000000' + // NT response fields: 362 bytes at 0x9c
    '0400' +
    '0400' +
    '58000000' + // domain fields: 4 bytes at 0x58
    '1000' +
    '1000' +
    '5c000000' + // user fields: 16 bytes at 0x5c
    '1800' +
    '1800' +
    '6c000000' + // workstation fields: 24 bytes at 0x6c
    '1000' +
    '1000' +
    '06020000' + // encrypted session key fields: 16 bytes at 0x206
    '158288e2' + // flags = 0xe2888215
    '0a005a290000000f' + // version 10.0 build 10586, revision 15
    '400dfd1b54496ed28983bc6d14ff1c28' + // MIC
    '33004200' + // domain "3B"
    '6200610063006b0064006f006f007200' + // user "backdoor"
    '3000320036003900340057002d00570049004e0031003000' + // workstation "02694W-WIN10"
    '000000000000000000000000000000000000000000000000' + // LM response (zeros with NTLMv2)
    // NT response: NTProofStr then the NTLMv2 client challenge blob
    '7f5163978b14fa5ec5b1c91658f029e70101000000000000f798d38fce5dd601ed9463356d6e1aba00000000' +
    '020004003300420001001e003000310035003600360053002d00570049004e00310036002d004900520004001e' +
    '0074006800720065006500620065006500730063006f002e0063006f006d0003003e00300031003500360036' +
    '0073002d00770069006e00310036002d00690072002e0074006800720065006500620065006500730063006f' +
    '002e0063006f006d0005001e0074006800720065006500620065006500730063006f002e0063006f006d0007' +
    '000800f798d38fce5dd60106000400020000000800300030000000000000000100000000200000' +
    '3b64afced769f2bac400662dbeaf553867626a7611b140a9ba63b8dd9670c5d80a0010000000000000000000' +
    '00000000000000000900220063006900660073002f003100370032002e00310036002e00360036002e003300' +
    '360000000000000000000000000000' +
    'd1ce85cc3328d87dd19bb24d40dd23a3' + // encrypted random session key
    '120410010000008d7dd7bdfecbf77700000000', // trailing bytes of the SPNEGO token
);

/** A hand-built AUTHENTICATE with 64 fixed bytes and the given LM/NT lengths and user. */
function auth(lmLen: number, ntLen: number, user: string, lmByte = 0): Uint8Array {
  const payload = 64;
  const userBytes = user.length * 2;
  const m = new Uint8Array(payload + userBytes + lmLen + ntLen);
  m.set([0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00, 3, 0, 0, 0]);
  const dv = new DataView(m.buffer);
  dv.setUint16(12, lmLen, true); // LM fields
  dv.setUint32(16, payload + userBytes, true);
  dv.setUint16(20, ntLen, true); // NT fields
  dv.setUint32(24, payload + userBytes + lmLen, true);
  dv.setUint32(32, payload, true); // domain: empty at payload
  dv.setUint16(36, userBytes, true); // user fields
  dv.setUint32(40, payload, true);
  dv.setUint32(48, payload, true); // workstation: empty
  dv.setUint32(60, 0x0000_0801, true); // flags: UNICODE | ANONYMOUS
  for (let i = 0; i < user.length; i++) dv.setUint16(payload + 2 * i, user.charCodeAt(i), true);
  if (lmLen > 0) m[payload + userBytes] = lmByte;
  return m;
}

describe('ntlmsspAt', () => {
  it('finds the signature inside a larger buffer and not outside the range', () => {
    const buf = new Uint8Array(10 + NEGOTIATE.length);
    buf.set(NEGOTIATE, 10);
    expect(ntlmsspAt(buf, 0, buf.length)).toBe(10);
    expect(ntlmsspAt(buf, 11, buf.length)).toBe(-1);
    expect(ntlmsspAt(buf, 0, 17)).toBe(-1); // signature cut by end
    expect(ntlmsspAt(buf, 0, 18)).toBe(10);
    expect(ntlmsspAt(hex('4e544c4d5353'), 0, 6)).toBe(-1);
  });
});

describe('parseNtlmssp', () => {
  it('reads a NEGOTIATE (flags, version)', () => {
    expect(parseNtlmssp(NEGOTIATE, 0, NEGOTIATE.length)).toEqual({
      message_type: 'negotiate',
      flags: 0xe208_8297,
      version: '10.0.10586',
    });
  });

  it('reads a CHALLENGE (target name, version)', () => {
    expect(parseNtlmssp(CHALLENGE, 0, CHALLENGE.length)).toEqual({
      message_type: 'challenge',
      flags: 0xe289_8215,
      target_name: '3B',
      version: '10.0.14393',
    });
  });

  it('reads an AUTHENTICATE (user, domain, workstation, NTLMv2) and never the responses', () => {
    const l = parseNtlmssp(AUTHENTICATE, 0, AUTHENTICATE.length);
    expect(l).toEqual({
      message_type: 'authenticate',
      flags: 0xe288_8215,
      domain: '3B',
      user: 'backdoor',
      workstation: '02694W-WIN10',
      version: '10.0.10586',
      ntlm_version: 'v2',
    });
  });

  it('tells NTLMv1 and anonymous authentication apart', () => {
    const v1 = auth(24, 24, 'bob');
    expect(parseNtlmssp(v1, 0, v1.length)?.ntlm_version).toBe('v1');
    expect(parseNtlmssp(v1, 0, v1.length)?.user).toBe('bob');
    const anon = auth(1, 0, '');
    expect(parseNtlmssp(anon, 0, anon.length)?.ntlm_version).toBe('anonymous');
    const anonEmpty = auth(0, 0, '');
    expect(parseNtlmssp(anonEmpty, 0, anonEmpty.length)?.ntlm_version).toBe('anonymous');
    const notAnon = auth(1, 0, '', 0x41); // one non-zero LM byte is not the anonymous form
    expect(parseNtlmssp(notAnon, 0, notAnon.length)?.ntlm_version).toBeUndefined();
  });

  it('reads at an offset within a larger buffer', () => {
    const buf = new Uint8Array(7 + AUTHENTICATE.length + 5);
    buf.set(AUTHENTICATE, 7);
    expect(parseNtlmssp(buf, 7, 7 + AUTHENTICATE.length)?.user).toBe('backdoor');
  });

  it('leaves out a name whose record points outside the message', () => {
    // cut the message just after the domain: user and workstation are out of range
    const cut = 0x5c;
    const l = parseNtlmssp(AUTHENTICATE, 0, cut);
    expect(l?.domain).toBe('3B');
    expect(l?.user).toBeUndefined();
    expect(l?.workstation).toBeUndefined();
  });

  it('returns null on a bad signature, an unknown type or cut fixed fields', () => {
    const bad = NEGOTIATE.slice();
    bad[0] = 0x4f;
    expect(parseNtlmssp(bad, 0, bad.length)).toBeNull();
    const type4 = NEGOTIATE.slice();
    type4[8] = 4;
    expect(parseNtlmssp(type4, 0, type4.length)).toBeNull();
    expect(parseNtlmssp(CHALLENGE, 0, 31)).toBeNull();
    expect(parseNtlmssp(AUTHENTICATE, 0, 51)).toBeNull();
    expect(parseNtlmssp(NEGOTIATE, 0, 11)).toBeNull();
  });

  it('never throws on any truncation', () => {
    for (const m of [NEGOTIATE, CHALLENGE, AUTHENTICATE]) {
      for (let n = 0; n <= m.length; n++) expect(() => parseNtlmssp(m, 0, n)).not.toThrow();
    }
  });
});
