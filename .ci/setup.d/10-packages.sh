#!/usr/bin/env bash
# The tools the tests compare against, from the distribution's packages: DCMTK (dcm2json, dcmdump, storescu...),
# OpenJPH 0.9 and OpenJPEG 2.5 (HTJ2K oracles), python3 with numpy (the shared gen_images.py), Node.js and npm (the
# WASM verifier, dicomweb-client), CharLS's headers and a C compiler (the jpegls tests build a small CharLS front end),
# libjpeg-turbo's cjpeg, djpeg and jpegtran (the jpeg tests' second oracle, beside DCMTK's dcmcjpeg and dcmdjpeg),
# the distribution's AWS CLI with jq (the README's CLI lines are run with them), OpenSSL (keys and certificates for
# the DICOM TLS tests), curl (AHI's STOW-RS example is its --aws-sigv4) and Prometheus' Python client (its parser reads
# /_openahi/metrics in MetricsIT, with the distribution's python3).
set -euo pipefail
source "$(dirname "$0")/../packages.sh"
need dcmtk has dcm2json
need openjph-tools has ojph_expand
need libopenjp2-tools has opj_decompress
need python3-numpy python3 -c "import numpy"
need nodejs has node
need npm has npm
need libcharls-dev test -f /usr/include/charls/charls.h
need libjpeg-turbo-progs has jpegtran
need gcc has cc
need awscli test -x /usr/bin/aws
need jq has jq
need openssl has openssl
need curl has curl
need python3-prometheus-client /usr/bin/python3 -c "import prometheus_client"
install_needed
echo "packages: dcmtk $(has dcm2json), libjpeg-turbo $(has cjpeg), OpenJPH $(has ojph_expand), OpenJPEG $(has opj_decompress), node $(has node), aws /usr/bin/aws"
