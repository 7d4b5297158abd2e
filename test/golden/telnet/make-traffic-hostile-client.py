import socket, time, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1]))); s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s.settimeout(0.5)
buf = b''
def pump(until=None, t=8):
    global buf
    end = time.time() + t
    while time.time() < end:
        try: d = s.recv(4096)
        except socket.timeout: d = b''
        if d:
            i = 0; out = b''
            while i < len(d):
                if d[i] == 255 and i + 2 < len(d) and d[i+1] in (251, 253):
                    out += bytes([255, 252 if d[i+1] == 253 else 254, d[i+2]]); i += 3
                else: i += 1
            if out: s.sendall(out)
            buf += d
        if until and until in buf.lower(): return True
    return False
pump(t=1.5)
s.sendall(b'\xff\x05')                                        # IAC then a non-command byte
s.sendall(b'\xff\xfa\x1f\x00\x50\x00\x18\x00\xff\xf0')         # NAWS of 5 bytes
s.sendall(b'\xff\xfa\x18\x00' + b'A' * 600 + b'\xff\xf0')      # TTYPE IS of 600 bytes
s.sendall(b'\xff\xfa\x18\x00vt100\xff\x07')                   # IAC 7 inside SB
pump(b'login:', 8)
for c in b'alice\r\x00': s.sendall(bytes([c])); time.sleep(0.02)
pump(b'password:', 5)
for c in b'Secr3t!\r\x00': s.sendall(bytes([c])); time.sleep(0.02)
pump(b'$ ', 8)
for c in b'idd\x7f\r\x00': s.sendall(bytes([c])); time.sleep(0.02)
pump(b'$ ', 3)
for c in b'exit\r\x00': s.sendall(bytes([c])); time.sleep(0.02)
pump(t=1)
s.close()
