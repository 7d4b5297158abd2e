import { describe, expect, it } from 'vitest';
import { hex } from '../../../test/helpers/hex.js';
import { parseSpnego } from './spnego.js';

// it-attacks/pcap-attack/Lateral_Movement/LM_psexec_smb_dcerpc_epm_svcctl.pcapng frame 2: the
// security buffer of the SMB2 NEGOTIATE response (NegTokenInit2, [MS-SPNG] 2.2.1).
const NEG_TOKEN_INIT2 = hex(
  '6076' + // [APPLICATION 0], length 118
    '06062b0601050502' + // OID 1.3.6.1.5.5.2 (SPNEGO)
    'a06c' + // [0] NegTokenInit
    '306a' + // SEQUENCE
    'a03c' + // [0] mechTypes
    '303a' + // SEQUENCE OF
    '060a2b06010401823702021e' + // 1.3.6.1.4.1.311.2.2.30 NEGOEX
    '06092a864882f712010202' + // 1.2.840.48018.1.2.2 MS KRB5
    '06092a864886f712010202' + // 1.2.840.113554.1.2.2 KRB5
    '060a2a864886f71201020203' + // 1.2.840.113554.1.2.2.3 KRB5 user to user
    '060a2b06010401823702020a' + // 1.3.6.1.4.1.311.2.2.10 NTLMSSP
    'a32a' + // [3] negHints
    '3028a0261b246e6f745f646566696e65645f696e5f5246433431373840706c656173655f69676e6f7265', // "not_defined_in_RFC4178@please_ignore"
);

// Same capture, frame 3: the SESSION_SETUP request (NegTokenInit with the NTLMSSP NEGOTIATE).
const NEG_TOKEN_INIT = hex(
  '6048' + // [APPLICATION 0], length 72
    '06062b0601050502' + // SPNEGO OID
    'a03e' + // [0] NegTokenInit
    '303c' + // SEQUENCE
    'a00e' + // [0] mechTypes
    '300c' + // SEQUENCE OF
    '060a2b06010401823702020a' + // NTLMSSP
    'a22a' + // [2] mechToken
    '0428' + // OCTET STRING, 40 bytes
    '4e544c4d5353500001000000978208e2000000000000000000000000000000000a005a290000000f', // NTLMSSP NEGOTIATE
);

// Same capture, frame 4: the SESSION_SETUP response (NegTokenResp), cut after the token header.
const NEG_TOKEN_RESP = hex(
  'a1820119' + // [1] NegTokenResp, length 281
    '30820115' + // SEQUENCE
    'a0030a0101' + // [0] negState = accept-incomplete
    'a10c060a2b06010401823702020a' + // [1] supportedMech = NTLMSSP
    'a281ff' + // [2] responseToken
    '0481fc' + // OCTET STRING, 252 bytes
    '4e544c4d53535000020000000400040038000000158289e247ddce77bbef447c0000000000000000' + // NTLMSSP CHALLENGE (first 40 bytes)
    '00'.repeat(212), // rest of the token (zeroed here)
);

describe('parseSpnego', () => {
  it('lists the mechanisms of a NegTokenInit2 by name', () => {
    expect(parseSpnego(NEG_TOKEN_INIT2, 0, NEG_TOKEN_INIT2.length)).toEqual({
      token: 'init',
      mech_types: ['negoex', 'ms_kerberos', 'kerberos', 'kerberos_user_to_user', 'ntlmssp'],
      mech_token_start: -1,
      mech_token_end: -1,
    });
  });

  it('locates the mechToken of a NegTokenInit', () => {
    const s = parseSpnego(NEG_TOKEN_INIT, 0, NEG_TOKEN_INIT.length);
    expect(s).toMatchObject({ token: 'init', mech_types: ['ntlmssp'] });
    expect(s?.mech_token_start).toBe(34);
    expect(s?.mech_token_end).toBe(NEG_TOKEN_INIT.length);
  });

  it('reads negState, supportedMech and the responseToken of a NegTokenResp', () => {
    const s = parseSpnego(NEG_TOKEN_RESP, 0, NEG_TOKEN_RESP.length);
    expect(s).toMatchObject({
      token: 'response',
      neg_state: 'accept_incomplete',
      supported_mech: 'ntlmssp',
    });
    expect(NEG_TOKEN_RESP[s?.mech_token_start ?? 0]).toBe(0x4e); // "N" of NTLMSSP
    expect((s?.mech_token_end ?? 0) - (s?.mech_token_start ?? 0)).toBe(252);
  });

  it('returns null on a raw NTLMSSP blob, another GSS mechanism or cut input, never throws', () => {
    expect(parseSpnego(NEG_TOKEN_INIT, 34, NEG_TOKEN_INIT.length)).toBeNull();
    const krbOid = NEG_TOKEN_INIT.slice();
    krbOid[8] = 0x03; // 1.3.6.1.5.5.3: not SPNEGO
    expect(parseSpnego(krbOid, 0, krbOid.length)).toBeNull();
    for (const b of [NEG_TOKEN_INIT2, NEG_TOKEN_INIT, NEG_TOKEN_RESP]) {
      for (let n = 0; n <= b.length; n++) expect(() => parseSpnego(b, 0, n)).not.toThrow();
    }
  });
});
