#!/bin/sh
# Builds input.pcap of this scenario: a throw-away MIT Kerberos KDC (Debian krb5-kdc and
# krb5-admin-server, MIT krb5 1.20) for realm PALISADE.TEST on 127.0.0.1, driven by the MIT
# client tools while tcpdump records the loopback interface. Run as root on a host with no other
# KDC; everything lives in a temporary folder that is removed at the end.
set -eu
OUT=$(readlink -f "${1:-input.pcap}")
W=$(mktemp -d)
trap 'kill $(cat "$W"/kdc.pid "$W"/kadmind.pid) 2>/dev/null || true; rm -rf "$W"' EXIT
cat >"$W/krb5.conf" <<CONF
[libdefaults]
  default_realm = PALISADE.TEST
  dns_lookup_kdc = false
  dns_lookup_realm = false
  udp_preference_limit = 4096
  permitted_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 rc4-hmac
[realms]
  PALISADE.TEST = {
    kdc = 127.0.0.1:88
    admin_server = 127.0.0.1:749
    kpasswd_server = 127.0.0.1:464
  }
CONF
sed 's/udp_preference_limit = 4096/udp_preference_limit = 1/' "$W/krb5.conf" >"$W/krb5-tcp.conf"
sed 's/^  permitted_enctypes = .*/  default_tkt_enctypes = rc4-hmac\n  default_tgs_enctypes = rc4-hmac\n  permitted_enctypes = rc4-hmac/' "$W/krb5.conf" >"$W/krb5-rc4.conf"
cat >"$W/kdc.conf" <<CONF
[kdcdefaults]
  kdc_listen = 127.0.0.1:88
  kdc_tcp_listen = 127.0.0.1:88
[realms]
  PALISADE.TEST = {
    database_name = $W/principal
    key_stash_file = $W/stash
    acl_file = $W/kadm5.acl
    kadmind_port = 749
    kpasswd_port = 464
    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal rc4-hmac:normal
  }
[logging]
  kdc = FILE:$W/kdc.log
  admin_server = FILE:$W/kadmin.log
CONF
echo '*/admin@PALISADE.TEST *' >"$W/kadm5.acl"
export KRB5_CONFIG="$W/krb5.conf" KRB5_KDC_PROFILE="$W/kdc.conf" KRB5CCNAME="FILE:$W/cc"
kdb5_util create -s -P masterpw -r PALISADE.TEST >/dev/null
kadmin.local -q 'addprinc -pw Winter2026 alice' >/dev/null
kadmin.local -q 'addprinc -pw Summer2026 -requires_preauth bob' >/dev/null
kadmin.local -q 'modprinc -requires_preauth bob' >/dev/null
kadmin.local -q 'modprinc +requires_preauth alice' >/dev/null
kadmin.local -q 'addprinc -randkey host/server.palisade.test' >/dev/null
krb5kdc -P "$W/kdc.pid"
kadmind -P "$W/kadmind.pid"
sleep 1
tcpdump -i lo -U -c 200 -w "$OUT" 'port 88 or port 464' 2>/dev/null &
TD=$!
sleep 1
echo Winter2026 | kinit alice >/dev/null              # UDP: PREAUTH_REQUIRED, then AS-REP
kvno host/server.palisade.test >/dev/null             # UDP: TGS-REQ, TGS-REP
echo Summer2026 | kinit bob >/dev/null                # AS-REP without pre-authentication
echo x | kinit nosuchuser >/dev/null 2>&1 || true     # C_PRINCIPAL_UNKNOWN
echo wrong | kinit alice >/dev/null 2>&1 || true      # PREAUTH_FAILED
echo Winter2026 | KRB5_CONFIG="$W/krb5-tcp.conf" kinit -f -r 7d -C alice >/dev/null   # TCP, canonicalize, renewable
KRB5_CONFIG="$W/krb5-tcp.conf" kvno host/server.palisade.test >/dev/null
echo Winter2026 | KRB5_CONFIG="$W/krb5-rc4.conf" kinit alice >/dev/null 2>&1 || true   # RC4 only: ETYPE_NOSUPP
printf 'Winter2026\nSpring2027x\nSpring2027x\n' | kpasswd alice >/dev/null   # kpasswd over TCP 464 (RFC 3244)
sleep 1
kill -INT $TD 2>/dev/null || true
wait $TD 2>/dev/null || true
