set -x
/usr/bin/python3 make-traffic-server.py 21 > ftpd.log 2>&1 &
SP=$!
sleep 1
timeout 60 tcpdump -i lo -U -w ftp-normal.pcap -c 2000 'tcp port 21 or portrange 50000-50010 or tcp port 20 or (tcp and host 127.0.0.1 and not port 2121)' 2>/dev/null &
TP=$!
sleep 1
curl -s ftp://alice:secret@127.0.0.1/ -o /dev/null                      # USER/PASS, PWD, EPSV, LIST
curl -s --disable-epsv ftp://alice:secret@127.0.0.1/readme.txt -o /dev/null   # PASV, RETR
curl -s -P 127.0.0.1 -T up.txt ftp://alice:secret@127.0.0.1/up.txt        # EPRT, STOR
curl -s -P 127.0.0.1 --disable-eprt ftp://alice:secret@127.0.0.1/readme.txt -o /dev/null  # PORT, RETR
curl -s ftp://127.0.0.1/pub.txt -o /dev/null                              # anonymous
curl -s ftp://alice:wrong@127.0.0.1/ -o /dev/null                         # 530
curl -s -Q "MKD newdir" -Q "RNFR up.txt" -Q "RNTO moved.txt" -Q "DELE moved.txt" -Q "RMD newdir" ftp://alice:secret@127.0.0.1/ -o /dev/null
lftp -u alice,secret -e "set ftp:ssl-allow no; quote FEAT; quote SYST; cls -l; quote SITE CHMOD 644 readme.txt; bye" 127.0.0.1
sleep 1
kill $TP; sleep 0.5; kill $SP
