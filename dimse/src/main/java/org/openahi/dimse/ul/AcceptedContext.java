package org.openahi.dimse.ul;

/** A presentation context both sides agreed on: its id, abstract syntax (a SOP class) and transfer syntax. */
public record AcceptedContext(int id, String abstractSyntax, String transferSyntax) {}
