package org.openahi.dimse.ul;

import java.util.List;

/** Presentation context items (PS3.8 §9.3.2.2 and §9.3.3.2). */
public final class PresentationContext {
    /** Result codes of a presentation context in an A-ASSOCIATE-AC (PS3.8 Table 9-18). */
    public static final int ACCEPTANCE = 0;

    public static final int USER_REJECTION = 1;
    public static final int NO_REASON = 2;
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    private PresentationContext() {}

    /** A context the requestor proposes: an odd id from 1 to 255, an abstract syntax and its transfer syntaxes. */
    public record Proposed(int id, String abstractSyntax, List<String> transferSyntaxes) {
        public Proposed {
            transferSyntaxes = List.copyOf(transferSyntaxes);
        }
    }

    /** The acceptor's answer to a proposed context; {@code transferSyntax} is significant only when accepted. */
    public record Result(int id, int result, String transferSyntax) {
        public boolean accepted() {
            return result == ACCEPTANCE;
        }
    }
}
