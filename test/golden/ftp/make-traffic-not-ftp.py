import socket, sys
port = int(sys.argv[1]); greet = sys.argv[2].encode() if len(sys.argv) > 2 else None
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', port)); s.listen(5)
for _ in range(int(sys.argv[3]) if len(sys.argv) > 3 else 1):
    c, _ = s.accept()
    if greet: c.sendall(greet + b'\r\n')
    data = c.recv(4096)
    if data.startswith(b'GET'): c.sendall(b'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi')
    else: c.sendall(b'250 ok\r\n'); c.recv(100)
    c.close()
