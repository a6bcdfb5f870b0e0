package org.openahi.htj2k;

/** Packet progression orders of T.800 Table A.16, in their codestream order. */
public enum Progression {
    LRCP,
    RLCP,
    RPCL,
    PCRL,
    CPRL
}
