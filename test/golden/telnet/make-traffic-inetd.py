import os, socket, sys, signal
signal.signal(signal.SIGCHLD, signal.SIG_IGN)
port = int(sys.argv[1])
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', port)); s.listen(5)
while True:
    c, _ = s.accept()
    if os.fork() == 0:
        fd = c.fileno()
        for i in (0, 1, 2): os.dup2(fd, i)
        os.execv('/usr/sbin/telnetd', ['telnetd'] + sys.argv[2:])
    c.close()
