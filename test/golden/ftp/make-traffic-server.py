import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
from pyftpdlib.servers import FTPServer
port = int(sys.argv[1]); tls = len(sys.argv) > 2 and sys.argv[2] == 'tls'
a = DummyAuthorizer()
a.add_user('alice', 'secret', './root/alice', perm='elradfmwMT')
a.add_anonymous('./root/anon')
h = TLS_FTPHandler if tls else FTPHandler
if tls:
    h.certfile = './cert.pem'; h.keyfile = './key.pem'
h.authorizer = a
h.banner = 'pyftpdlib 1.5.7 FTP server ready.'
h.passive_ports = range(50000, 50010)
FTPServer(('127.0.0.1', port), h).serve_forever()
