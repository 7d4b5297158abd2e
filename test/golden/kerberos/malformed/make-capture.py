#!/usr/bin/env python3
"""Writes input.pcap of the Kerberos golden scenarios `malformed` and `negative` (run from either
folder, or pass the scenario name): Ethernet/IPv4 frames with valid checksums, built from
hand-made DER (RFC 4120) and, for `malformed`, the first AS-REQ of the shared kerbrute capture
(frame 5) to confirm the UDP flow."""
import struct, sys, os

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def ip(src, dst, proto, payload):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0, bytes(src), bytes(dst))
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return h + payload

def udp(src, dst, sp, dp, data):
    u = struct.pack('!HHHH', sp, dp, 8 + len(data), 0) + data
    ph = bytes(src) + bytes(dst) + struct.pack('!BBH', 0, 17, len(u))
    c = csum(ph + u) or 0xffff
    return ip(src, dst, 17, u[:6] + struct.pack('!H', c) + u[8:])

def tcp(src, dst, sp, dp, seq, ack, flags, data=b''):
    t = struct.pack('!HHIIBBHHH', sp, dp, seq, ack, 5 << 4, flags, 65535, 0, 0) + data
    ph = bytes(src) + bytes(dst) + struct.pack('!BBH', 0, 6, len(t))
    return ip(src, dst, 6, t[:16] + struct.pack('!H', csum(ph + t)) + t[18:])

def eth(p):
    return bytes.fromhex('020000000002' '020000000001' '0800') + p

def write(path, frames):
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack('<IIII', 1700000000 + i, 0, len(fr), len(fr)) + fr)

# DER helpers
def L(n):
    if n < 128: return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, 'big'); return bytes([0x80 | len(b)]) + b
def T(tag, *p):
    c = b''.join(p); return bytes([tag]) + L(len(c)) + c
def I(v): return T(2, v.to_bytes(max(1, (v.bit_length() + 8) // 8), 'big', signed=True))
def S(s): return T(0x1b, s.encode())
def X(n, x): return T(0xa0 + n, x)
def SEQ(*p): return T(0x30, *p)
def PN(t, *c): return SEQ(X(0, I(t)), X(1, SEQ(*[S(x) for x in c])))
def ED(et, cipher, kvno=None): return SEQ(X(0, I(et)), *([X(1, I(kvno))] if kvno is not None else []), X(2, T(4, cipher)))
TIME = T(0x18, b'20261126120000Z')
def err(code, *extra):
    return T(0x7e, SEQ(X(0, I(5)), X(1, I(30)), X(4, TIME), X(5, I(0)), X(6, I(code)), *extra, X(9, S('EXAMPLE.ORG')), X(10, PN(2, 'krbtgt', 'EXAMPLE.ORG'))))
def body(cname, etypes, realm='EXAMPLE.ORG'):
    return SEQ(X(0, T(3, bytes([0, 0x40, 0x81, 0, 0x10]))), X(1, cname), X(2, S(realm)), X(3, PN(2, 'krbtgt', 'EXAMPLE.ORG')),
               X(5, TIME), X(7, I(12345)), X(8, SEQ(*[I(e) for e in etypes])))
def asreq(cname, etypes, padata=b''):
    return T(0x6a, SEQ(X(1, I(5)), X(2, I(10)), *([X(3, SEQ(padata))] if padata else []), X(4, body(cname, etypes))))

C, K = [10, 0, 0, 5], [10, 0, 0, 88]
KERBRUTE_AS_REQ = bytes.fromhex(
    '6a8194308191a103020105a20302010aa3023000a48180307ea00703050000000010a1123010a003020101a1093007'
    '1b0561646d696ea2111b0f544852454542454553434f2e434f4da3243022a003020102a11b30191b066b7262746774'
    '1b0f544852454542454553434f2e434f4da511180f32303230303732333139313633355aa70602042f440b72a80b30'
    '09020112020111020117')

def malformed():
    f = []
    f.append(udp(C, K, 50000, 88, KERBRUTE_AS_REQ))                                  # 1 confirms
    f.append(udp(C, K, 50000, 88, asreq(PN(1, 'mallory'), [23])))                    # 2 RC4 only
    f.append(udp(K, C, 88, 50000, err(6, X(8, PN(1, *['c%d' % i for i in range(20)])))))  # 3 20 components
    m = bytearray(asreq(PN(1, 'eve'), [18]))
    m[m.index(bytes([0xa2, 3, 2, 1, 10])) + 4] = 12                                  # msg-type 12 in [APPLICATION 10]
    f.append(udp(C, K, 50000, 88, bytes(m)))                                          # 4
    f.append(udp(C, K, 50000, 88, KERBRUTE_AS_REQ[:100]))                             # 5 cut short
    f.append(udp(K, C, 88, 50000, T(0x7e, SEQ(X(0, I(4)), X(1, I(30)), X(6, I(25))))))  # 6 pvno 4
    pac = SEQ(X(1, I(128)), X(2, T(4, SEQ(X(0, T(1, b'\x00'))))))
    f.append(udp(C, K, 50000, 88, asreq(PN(1, 'eve'), [18, 23], pac)))               # 7 include-pac FALSE
    tkt = T(0x61, SEQ(X(0, I(5)), X(1, S('EXAMPLE.ORG')), X(2, PN(2, 'krbtgt', 'EXAMPLE.ORG')), X(3, ED(18, bytes(16), 2))))
    cred = T(0x76, SEQ(X(0, I(5)), X(1, I(22)), X(2, SEQ(tkt)), X(3, ED(0, b'\x7d\x00'))))
    f.append(udp(C, K, 50000, 88, cred))                                              # 8 KRB-CRED in clear
    f.append(udp(K, C, 88, 50000, bytes([0x6b, 0x05, 0x30, 0x03, 0xa0, 0x01])))      # 9 AS-REP header only
    return f

def negative():
    f = []
    f.append(udp(C, K, 50001, 88, b'GET / HTTP/1.0\r\n\r\n'))                         # text on UDP 88
    f.append(udp(C, K, 50002, 464, bytes(32)))                                        # zeros on UDP 464
    f.append(udp(C, K, 50003, 88, bytes.fromhex('abcd01000001000000000000076578616d706c6503636f6d0000010001')))  # DNS query on UDP 88
    req = b'GET /index.html HTTP/1.1\r\nHost: kdc\r\n\r\n'
    f.append(tcp(C, K, 50004, 88, 1000, 0, 0x02))
    f.append(tcp(K, C, 88, 50004, 5000, 1001, 0x12))
    f.append(tcp(C, K, 50004, 88, 1001, 5001, 0x10))
    f.append(tcp(C, K, 50004, 88, 1001, 5001, 0x18, req))                             # HTTP on TCP 88
    f.append(tcp(K, C, 88, 50004, 5001, 1001 + len(req), 0x18, b'HTTP/1.1 400 Bad Request\r\n\r\n'))
    return f

if __name__ == '__main__':
    here = os.path.dirname(os.path.abspath(__file__))
    for name, fn in (('malformed', malformed), ('negative', negative)):
        if len(sys.argv) < 2 or sys.argv[1] == name:
            write(os.path.join(here, '..', name, 'input.pcap'), [eth(p) for p in fn()])
