#!/bin/sh
# A throwaway PKI for the signing tests, made in directory $1 with the openssl
# command: a root CA, an intermediate CA, a signer (signer.p12, password in
# the file `password`), a time-stamping authority certificate with the
# critical timeStamping EKU (tsa.pem, tsa.key; both chains in chain.pem),
# a CRL of each CA (root.crl, intermediate.crl; DER copies *.crl.der), and
# OCSP responses made offline from the CAs' databases: signer.ocsp, tsa.ocsp
# (by a responder the intermediate delegated, ocsp.pem, with OCSPSigning and
# id-pkix-ocsp-nocheck), signer-checked.ocsp (by ocsp-checked.pem, a
# delegated responder without nocheck, whose own status takes a CRL),
# intermediate.ocsp (by the root itself), each good for 30 days;
# signer-brief.ocsp (good for one day) and signer-wrong.ocsp (signed by the
# TSA's key, which no CA delegated).
# ts.cnf configures `openssl ts -reply` for tests/tools/tsa_server.py.
#
# With a second argument, the base URL of tests/tools/revocation_server.py
# (http://127.0.0.1:PORT), the intermediate and TSA certificates name that
# server's OCSP responder and CRL of their CA (under BASE/ok/), ocsp-checked.pem
# names the intermediate's CRL there, and for each
# of the server's modes M there is a signer-M.p12 (same key and password)
# whose certificate names BASE/M/; revoked-intermediate.crl lists
# signer-revoked, stale-intermediate.crl was current in 2020.
set -eu
cd "$1"
BASE=${2:-}

cat > ext.cnf <<'EOF'
[ca]
basicConstraints=critical,CA:true
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[sign]
basicConstraints=CA:false
keyUsage=critical,digitalSignature,nonRepudiation
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ocsp]
basicConstraints=CA:false
keyUsage=critical,digitalSignature
extendedKeyUsage=critical,OCSPSigning
noCheck=ignored
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[ocsp_checked]
basicConstraints=CA:false
keyUsage=critical,digitalSignature
extendedKeyUsage=critical,OCSPSigning
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
[tsa]
basicConstraints=CA:false
keyUsage=critical,digitalSignature
extendedKeyUsage=critical,timeStamping
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EOF

# Each CA keeps the database `openssl ca` needs to issue CRLs.
ca_config() {
  mkdir -p "$1.db"
  : > "$1.db/index.txt"
  echo 1000 > "$1.db/crlnumber"
  cat > "$1.cnf" <<EOF
[ca]
default_ca = this
[this]
database = $1.db/index.txt
crlnumber = $1.db/crlnumber
certificate = $1.pem
private_key = $1.key
default_md = sha256
default_crl_days = 30
unique_subject = no
EOF
}

openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 3650 \
  -subj '/CN=Test Root CA/O=Shiryo Test' -addext basicConstraints=critical,CA:true \
  -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null

# issue NAME SUBJECT ISSUER SECTION DAYS
issue() {
  openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -out "$1.pem" \
    -days "$5" -extfile ext.cnf -extensions "$4" 2>/dev/null
}
# services NAME SECTION CA MODE: section NAME, SECTION naming BASE/MODE/'s services of CA.
services() {
  { echo "[$1]"; sed -n "/^\[$2\]/,/^\[/p" ext.cnf | sed '1d;/^\[/d'
    echo "crlDistributionPoints=URI:$BASE/$4/$3.crl"
    echo "authorityInfoAccess=OCSP;URI:$BASE/$4/ocsp/$3"; } >> ext.cnf
}
MODES="ok error html hang garbage other stale revoked ocsp-down delegated"
if [ -n "$BASE" ]; then
  services ca_url ca root ok
  services tsa_url tsa intermediate ok
  for mode in $MODES; do services "sign_$mode" sign intermediate "$mode"; done
  issue intermediate '/CN=Test Intermediate CA/O=Shiryo Test' root ca_url 3650
  issue tsa '/CN=Test TSA/O=Shiryo Test' intermediate tsa_url 3650
else
  issue intermediate '/CN=Test Intermediate CA/O=Shiryo Test' root ca 3650
  issue tsa '/CN=Test TSA/O=Shiryo Test' intermediate tsa 3650
fi
issue signer '/CN=Test Signer/O=Shiryo' intermediate sign 365
issue ocsp '/CN=Test OCSP Responder/O=Shiryo Test' intermediate ocsp 3650
if [ -n "$BASE" ]; then
  services ocsp_checked_url ocsp_checked intermediate ok
  issue ocsp-checked '/CN=Test Checked Responder/O=Shiryo Test' intermediate ocsp_checked_url 3650
else
  issue ocsp-checked '/CN=Test Checked Responder/O=Shiryo Test' intermediate ocsp_checked 3650
fi
cat intermediate.pem root.pem > chain.pem

printf 'pass word\n' > password
openssl pkcs12 -export -inkey signer.key -in signer.pem -certfile chain.pem -passout file:password -out signer.p12

for ca in root intermediate; do
  ca_config "$ca"
  openssl ca -config "$ca.cnf" -gencrl -out "$ca.crl" 2>/dev/null
  openssl crl -in "$ca.crl" -outform DER -out "$ca.crl.der"
done

# The databases list what each CA issued, as OCSP answers need.
openssl ca -config root.cnf -valid intermediate.pem 2>/dev/null
for cert in signer tsa ocsp ocsp-checked; do openssl ca -config intermediate.cnf -valid "$cert.pem" 2>/dev/null; done
if [ -n "$BASE" ]; then
  for mode in $MODES; do
    openssl x509 -req -in signer.csr -CA intermediate.pem -CAkey intermediate.key -CAserial intermediate.srl \
      -out "signer-$mode.pem" -days 365 -extfile ext.cnf -extensions "sign_$mode" 2>/dev/null
    openssl ca -config intermediate.cnf -valid "signer-$mode.pem" 2>/dev/null
    openssl pkcs12 -export -inkey signer.key -in "signer-$mode.pem" -certfile chain.pem -passout file:password \
      -out "signer-$mode.p12"
  done
  # The CRLs of the modes stale and revoked, made before signer-revoked is revoked in a copy of the database.
  openssl ca -config intermediate.cnf -gencrl -crl_lastupdate 20200101000000Z -crl_nextupdate 20200201000000Z \
    -out stale-intermediate.crl 2>/dev/null
  cp -r intermediate.db revoked.db
  sed 's/intermediate.db/revoked.db/' intermediate.cnf > revoked.cnf
  openssl ca -config revoked.cnf -revoke signer-revoked.pem -crl_reason keyCompromise 2>/dev/null
  openssl ca -config revoked.cnf -gencrl -out revoked-intermediate.crl 2>/dev/null
fi
# respond CA RESPONDER CERT OUT [VALIDITY OPTIONS]
respond() {
  ca=$1 responder=$2 cert=$3 out=$4
  shift 4
  openssl ocsp -index "$ca.db/index.txt" -CA "$ca.pem" -rsigner "$responder.pem" -rkey "$responder.key" \
    -issuer "$ca.pem" -cert "$cert.pem" -no_nonce -respout "$out" "$@" >/dev/null 2>&1
}
respond intermediate ocsp signer signer.ocsp -ndays 30
respond intermediate ocsp tsa tsa.ocsp -ndays 30
respond root root intermediate intermediate.ocsp -ndays 30
respond intermediate ocsp signer signer-brief.ocsp -ndays 1
respond intermediate tsa signer signer-wrong.ocsp -ndays 30
respond intermediate ocsp-checked signer signer-checked.ocsp -ndays 30

echo 01 > tsa.serial
cat > ts.cnf <<'EOF'
[tsa]
default_tsa = this
[this]
serial = tsa.serial
signer_cert = tsa.pem
certs = chain.pem
signer_key = tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ess_cert_id_alg = sha256
ess_cert_id_chain = no
EOF
