import socket, time, sys
port = int(sys.argv[1])
s = socket.create_connection(('127.0.0.1', port)); s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
f = s.makefile('rb')
def rd():
    while True:
        l = f.readline()
        if not l or l[3:4] != b'-': return l
def cmd(b):
    s.sendall(b); time.sleep(0.05); return rd()
rd()
cmd(b'USER alice\r\n'); cmd(b'PASS secret\r\n')
cmd(b'PORT 10,0,0,99,0,25\r\n')          # bounce: third-party host, SMTP port
cmd(b'EPRT |1|192.168.7.7|8080|\r\n')     # bounce: third-party host
cmd(b'SITE EXEC /bin/sh -c id\r\n')
cmd(b'XYZZ plugh\r\n')                    # unknown verb
cmd(b'\xc3\xa9TE\x01 x\r\n')              # non-ASCII verb
cmd(b'MKD ' + b'A' * 1500 + b'\r\n')      # over-long line
cmd(b'PORT 999,1,2\r\n')                  # malformed address
cmd(b'QUIT\r\n')
s.close()
