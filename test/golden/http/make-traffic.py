#!/usr/bin/env python3
"""Real HTTP traffic on 127.0.0.1 for the golden scenarios of the HTTP decoder.

Servers are Python's standard library (http.server, ssl, socket); clients are curl 7.88 and
raw sockets where curl cannot do it (pipelining, WebSocket, hostile requests). Run as root:

  python3 test/golden/http/make-traffic.py normal|malformed|negative OUT.pcap

It starts tcpdump on lo (bounded by -c and a timeout), runs the scenario and stops the capture.
"""
import base64, os, signal, socket, ssl, struct, subprocess, sys, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = '127.0.0.1'


def ntlm_challenge() -> bytes:
    """An NTLMSSP CHALLENGE_MESSAGE ([MS-NLMP] 2.2.1.2) with target name CORP and no target info."""
    target = 'CORP'.encode('utf-16le')
    flags = 0x00000001 | 0x00000200 | 0x00008000 | 0x00010000 | 0x02000000 | 0x00080000
    head = b'NTLMSSP\x00' + struct.pack('<I', 2)
    head += struct.pack('<HHI', len(target), len(target), 56)
    head += struct.pack('<I', flags) + bytes.fromhex('0123456789abcdef') + b'\x00' * 8
    head += struct.pack('<HHI', 0, 0, 56 + len(target))
    head += bytes([10, 0]) + struct.pack('<H', 19041) + b'\x00\x00\x00\x0f'
    return head + target


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'GoldenHTTP/1.0'
    sys_version = ''

    def log_message(self, *a):
        pass

    def body(self, code, data=b'hello world\n', extra=()):
        self.send_response(code)
        self.send_header('Content-Type', 'text/plain')
        for k, v in extra:
            self.send_header(k, v)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(data)

    def read_body(self):
        if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
            n = 0
            while True:
                size = int(self.rfile.readline().split(b';')[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b'\r\n', b'\n', b''):
                        pass
                    return n
                self.rfile.read(size)
                self.rfile.readline()
                n += size
        ln = int(self.headers.get('Content-Length', '0'))
        self.rfile.read(ln)
        return ln

    def do_HEAD(self):
        self.body(200)

    def do_POST(self):
        n = self.read_body()
        self.body(201, b'stored %d bytes\n' % n, [('Location', '/upload/1')])

    def do_GET(self):
        p = self.path
        if p == '/chunked':
            self.send_response(200)
            self.send_header('Content-Type', 'text/html')
            self.send_header('Transfer-Encoding', 'chunked')
            self.send_header('Trailer', 'X-Checksum')
            self.end_headers()
            for part in (b'<html>', b'<body>chunked</body>', b'</html>\n'):
                self.wfile.write(b'%x\r\n%s\r\n' % (len(part), part))
            self.wfile.write(b'0\r\nX-Checksum: 42\r\n\r\n')
        elif p == '/notmod':
            self.send_response(304)
            self.send_header('ETag', '"v1"')
            self.end_headers()
        elif p == '/empty':
            self.send_response(204)
            self.end_headers()
        elif p == '/redirect':
            self.body(302, b'', [('Location', 'http://127.0.0.1:8080/')])
        elif p == '/auth-basic':
            if self.headers.get('Authorization') is None:
                self.body(401, b'denied\n', [('WWW-Authenticate', 'Basic realm="golden"')])
            else:
                self.body(200, b'welcome\n', [('Set-Cookie', 'sid=abc123; HttpOnly')])
        elif p == '/ntlm':
            auth = self.headers.get('Authorization', '')
            if auth.startswith('NTLM '):
                msg = base64.b64decode(auth[5:])
                if msg[8] == 1:
                    tok = base64.b64encode(ntlm_challenge()).decode()
                    self.body(401, b'', [('WWW-Authenticate', 'NTLM ' + tok)])
                else:
                    self.body(200, b'ntlm ok\n')
            else:
                self.body(401, b'', [('WWW-Authenticate', 'NTLM')])
        elif p == '/ws':
            self.send_response(101)
            self.send_header('Upgrade', 'websocket')
            self.send_header('Connection', 'Upgrade')
            self.send_header('Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=')
            self.end_headers()
            self.wfile.write(b'\x81\x05hello')
            self.wfile.flush()
            self.rfile.read(11)
            self.close_connection = True
        elif p == '/close':
            self.protocol_version = 'HTTP/1.0'
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain')
            self.end_headers()
            self.wfile.write(b'until the connection closes\n' * 3)
            self.close_connection = True
        else:
            self.body(200)


def serve(port, handler=Handler, tls=None):
    srv = ThreadingHTTPServer((HOST, port), handler)
    if tls:
        srv.socket = tls.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def proxy(port):
    """A CONNECT-only proxy: 200 then relays bytes both ways."""
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((HOST, port))
    ls.listen()

    def pipe(a, b):
        try:
            while (d := a.recv(65536)):
                b.sendall(d)
        except OSError:
            pass
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def one(c):
        req = b''
        while b'\r\n\r\n' not in req:
            req += c.recv(4096)
        target = req.split(b' ')[1].decode()
        h, prt = target.rsplit(':', 1)
        up = socket.create_connection((h, int(prt)))
        c.sendall(b'HTTP/1.1 200 Connection established\r\n\r\n')
        threading.Thread(target=pipe, args=(c, up), daemon=True).start()
        pipe(up, c)

    def loop():
        while True:
            c, _ = ls.accept()
            threading.Thread(target=one, args=(c,), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()


def raw(port, payload, read_until=None, wait=0.3, shut=True):
    s = socket.create_connection((HOST, port))
    if isinstance(payload, bytes):
        payload = [payload]
    for part in payload:
        s.sendall(part)
        time.sleep(0.05)
    got = b''
    s.settimeout(wait)
    try:
        while True:
            d = s.recv(65536)
            if not d:
                break
            got += d
            if read_until and read_until(got):
                break
    except socket.timeout:
        pass
    if shut:
        s.close()
    return got


def curl(*args):
    subprocess.run(['curl', '-s', '-o', '/dev/null', *args], check=False)


def normal():
    serve(8080)
    serve(9099)
    d = tempfile.mkdtemp()
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1',
                    '-keyout', f'{d}/k.pem', '-out', f'{d}/c.pem', '-days', '1'], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(f'{d}/c.pem', f'{d}/k.pem')
    serve(8443, tls=ctx)
    proxy(3128)
    time.sleep(0.3)
    u = 'http://127.0.0.1:8080'
    curl('-A', 'palisade-golden/1.0', '-e', 'http://referrer.example/', '-H', 'X-Forwarded-For: 10.1.2.3',
         '-b', 'session=secret-value', u + '/')
    curl('-I', u + '/')
    curl(u + '/chunked')
    curl(u + '/redirect')
    curl('-u', 'alice:s3cret', u + '/auth-basic')
    curl('-H', 'Transfer-Encoding: chunked', '--data-binary', 'name=value&x=' + 'y' * 300, u + '/upload')
    curl('-H', 'Expect: 100-continue', '-H', 'Content-Type: application/x-www-form-urlencoded',
         '--data-binary', 'a=1&b=2', u + '/upload')
    curl('--ntlm', '-u', 'CORP\\bob:Passw0rd', u + '/ntlm')
    curl(u + '/close')
    # Pipelining: four requests in one segment, answered in order.
    pipelined = b''.join(
        b'%s %s HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: pipeline/1\r\n\r\n' % (m, p)
        for m, p in ((b'GET', b'/a'), (b'HEAD', b'/'), (b'GET', b'/notmod'), (b'GET', b'/empty')))
    raw(8080, pipelined, read_until=lambda g: g.count(b'HTTP/1.1 ') >= 4 and g.endswith(b'\r\n\r\n'))
    # WebSocket upgrade, one frame each way.
    ws = (b'GET /ws HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
          b'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n')
    s = socket.create_connection((HOST, 8080))
    s.sendall(ws)
    got = b''
    while b'hello' not in got:
        got += s.recv(4096)
    s.sendall(b'\x81\x85\x01\x02\x03\x04' + bytes(c ^ k for c, k in zip(b'howdy', b'\x01\x02\x03\x04\x01')))
    time.sleep(0.2)
    s.close()
    # Off the HTTP ports: recognised by the probe.
    curl('-A', 'offport/1', 'http://127.0.0.1:9099/offport')
    # CONNECT tunnel to a TLS server through the proxy.
    curl('-k', '-p', '-x', 'http://127.0.0.1:3128', 'https://127.0.0.1:8443/')
    # SSDP over UDP 1900: an M-SEARCH and its unicast answer.
    resp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    resp.bind((HOST, 1900))
    cli = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    cli.sendto(b'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 1\r\n'
               b'ST: ssdp:all\r\n\r\n', (HOST, 1900))
    _, addr = resp.recvfrom(2048)
    resp.sendto(b'HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: http://127.0.0.1:8080/desc.xml\r\n'
                b'SERVER: Linux/6.1 UPnP/1.0 golden/1.0\r\nST: upnp:rootdevice\r\nUSN: uuid:1234::upnp:rootdevice\r\n\r\n',
                addr)
    time.sleep(0.2)


def raw_server(port, reply):
    """Reads whatever comes for 0.3 s, then sends `reply(data)` and closes."""
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((HOST, port))
    ls.listen()

    def one(c):
        c.settimeout(0.3)
        got = b''
        try:
            while (d := c.recv(65536)):
                got += d
        except socket.timeout:
            pass
        try:
            c.sendall(reply(got))
            time.sleep(0.1)
        except OSError:
            pass
        c.close()

    def loop():
        while True:
            c, _ = ls.accept()
            threading.Thread(target=one, args=(c,), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()


OK = b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'


def malformed():
    raw_server(8080, lambda g: OK)
    raw_server(8000, lambda g: OK + OK)  # two answers to one request
    raw_server(8008, lambda g: b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n')
    time.sleep(0.2)
    h = b'Host: 127.0.0.1\r\n'
    raw(8080, b'POST /smuggle HTTP/1.1\r\n' + h + b'Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n'
        b'0\r\n\r\n')
    raw(8080, b'POST /twice HTTP/1.1\r\n' + h + b'Content-Length: 3\r\nContent-Length: 5\r\n\r\nabc')
    raw(8080, b'POST /badchunk HTTP/1.1\r\n' + h + b'Transfer-Encoding: chunked\r\n\r\nxyz\r\nhello\r\n0\r\n\r\n')
    raw(8080, b'GET /long HTTP/1.1\r\n' + h + b'X-Big: ' + b'A' * 9000 + b'\r\n\r\n')
    raw(8080, b'GET /many HTTP/1.1\r\n' + h + b''.join(b'X-H%d: v\r\n' % i for i in range(150)) + b'\r\n')
    raw(8080, [b'GET /huge HTTP/1.1\r\n' + h] + [b'X-Pad%02d: %s\r\n' % (i, b'p' * 1400) for i in range(50)] + [b'\r\n'])
    raw(8080, b'GET /dup HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nBad Header : x\r\nNoColon\r\n\r\n')
    raw(8080, b'GET /ok HTTP/1.1\r\n' + h + b'Content-Length: x1\r\n\r\n')
    raw(8080, [b'GET /first HTTP/1.1\r\n' + h + b'\r\n', b'\x16\x03\x01\x00\x05junk-not-http\r\n'])
    raw(8080, b'POST /gzip HTTP/1.1\r\n' + h + b'Transfer-Encoding: gzip\r\n\r\n')
    raw(8000, b'GET /once HTTP/1.1\r\n' + h + b'\r\n')
    raw(8008, b'GET /badchunk-response HTTP/1.1\r\n' + h + b'\r\n')
    time.sleep(0.2)


def negative():
    raw_server(8080, lambda g: b'\x16\x03\x03\x00\x02\x02\x28')
    raw_server(80, lambda g: b'SSH-2.0-OpenSSH_9.2\r\n')
    raw_server(8008, lambda g: b'RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n')
    raw_server(8888, lambda g: b'\x00\x00\x00\x04\x00\x00\x00\x00\x00')
    raw_server(8000, lambda g: b'220 ftp.example FTP server ready\r\n')
    raw_server(9099, lambda g: b'HTTP/3.0 200 OK\r\n\r\n')
    time.sleep(0.2)
    raw(8080, bytes.fromhex('16030100310100002d0303') + b'\x11' * 32 + bytes.fromhex('000002c02f0100'))
    raw(80, b'SSH-2.0-OpenSSH_9.2\r\n')
    raw(8008, b'OPTIONS rtsp://127.0.0.1/stream RTSP/1.0\r\nCSeq: 1\r\n\r\n')
    raw(8888, b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')
    raw(8000, b'USER anonymous\r\n')
    raw(9099, b'GET /not-http-1 HTTP/3.0\r\n\r\n')
    time.sleep(0.2)


def main():
    scenario, out = sys.argv[1], sys.argv[2]
    cap = subprocess.Popen(['timeout', '60', 'tcpdump', '-i', 'lo', '-U', '-s', '0', '-c', '2000', '-w', out,
                            'tcp or udp port 1900'], stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    {'normal': normal, 'malformed': malformed, 'negative': negative}[scenario]()
    time.sleep(0.5)
    cap.send_signal(signal.SIGINT)
    cap.wait()


if __name__ == '__main__':
    main()
