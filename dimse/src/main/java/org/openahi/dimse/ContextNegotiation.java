package org.openahi.dimse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.openahi.core.pixels.SyntaxRule;
import org.openahi.core.pixels.TransferSyntaxTable;
import org.openahi.dicom.dict.TransferSyntax;
import org.openahi.dimse.scp.ServiceClasses;
import org.openahi.dimse.ul.PresentationContext;
import org.openahi.dimse.ul.UserInformation;

/**
 * The acceptor's answer to the proposed presentation contexts and negotiation sub-items (PS3.7 Annex D.3.3):
 * <ul>
 *   <li>Verification, Query/Retrieve and Storage Commitment contexts take Explicit VR Little Endian, else Implicit,
 *       else Deflated (openahi writes its responses in the syntax chosen).</li>
 *   <li>Storage contexts the peer sends on take the syntaxes the write path imports
 *       ({@link SyntaxRule#imported}), the cheapest to store first: native, then the lossless compressed ones (HTJ2K,
 *       RLE, JPEG-LS, JPEG, JPEG 2000, deflated frames: decoded and encoded again), then the lossy and video syntaxes
 *       in the peer's order. Lossless syntaxes come
 *       first so a sender is never led to compress lossily.</li>
 *   <li>Storage contexts on which the requestor takes only the SCP role (C-GET) take HTJ2K lossless (frames sent as
 *       stored), then native syntaxes, then the rest in the peer's order.</li>
 *   <li>Role selection items are answered as proposed for storage SOP classes; for other classes the requestor
 *       keeps only the SCU role. The asynchronous operations window is answered with at most
 *       {@code maxOperations} operations the requestor may invoke and one it performs at a time.</li>
 *   <li>Extended negotiation of the Query/Retrieve classes is answered with every option off (no relational queries,
 *       no combined date-time or fuzzy matching, no time zone adjustment); of other classes it is left unanswered,
 *       which keeps their defaults.</li>
 * </ul>
 */
final class ContextNegotiation {
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String HTJ2K_LOSSLESS = "1.2.840.10008.1.2.4.201";
    static final String RLE = "1.2.840.10008.1.2.5";
    private static final List<String> SERVICE_ORDER = List.of(EXPLICIT_LE, IMPLICIT_LE, DEFLATED_LE);
    /** Lossless first: a sender offered a lossy syntax beside them is never led to compress lossily. */
    private static final List<String> RECEIVE_ORDER = List.of(
            EXPLICIT_LE,
            IMPLICIT_LE,
            TransferSyntaxTable.HTJ2K_LOSSLESS_RPCL,
            HTJ2K_LOSSLESS,
            RLE,
            TransferSyntax.JPEGLSLossless.uid(),
            TransferSyntax.JPEGLosslessSV1.uid(),
            TransferSyntax.JPEGLossless.uid(),
            TransferSyntaxTable.JPEG_2000_LOSSLESS,
            TransferSyntax.DeflatedImageFrameCompression.uid(),
            DEFLATED_LE,
            EXPLICIT_BE);

    private static final List<String> SEND_ORDER =
            List.of(TransferSyntaxTable.HTJ2K_LOSSLESS_RPCL, EXPLICIT_LE, IMPLICIT_LE, DEFLATED_LE);

    private ContextNegotiation() {}

    /** The answers to one A-ASSOCIATE-RQ's contexts and sub-items. */
    record Answer(
            List<PresentationContext.Result> contexts,
            List<UserInformation.RoleSelection> roles,
            Optional<UserInformation.AsyncWindow> asyncWindow,
            List<UserInformation.ExtendedNegotiation> extendedNegotiations) {}

    static Answer answer(List<PresentationContext.Proposed> proposed, UserInformation requested, int maxOperations) {
        List<UserInformation.RoleSelection> roles = new ArrayList<>();
        for (UserInformation.RoleSelection role : requested.roles()) {
            boolean storage = ServiceClasses.isStorage(role.sopClassUid());
            roles.add(new UserInformation.RoleSelection(role.sopClassUid(), role.scu(), storage && role.scp()));
        }
        List<PresentationContext.Result> results = new ArrayList<>();
        for (PresentationContext.Proposed context : proposed) {
            results.add(answer(context, requestorSendsOnly(requested, context.abstractSyntax())));
        }
        Optional<UserInformation.AsyncWindow> window = requested
                .asyncWindow()
                .map(asked -> new UserInformation.AsyncWindow(
                        asked.maxInvoked() == 0 ? maxOperations : Math.min(asked.maxInvoked(), maxOperations), 1));
        List<UserInformation.ExtendedNegotiation> extended = new ArrayList<>();
        for (UserInformation.ExtendedNegotiation asked : requested.extendedNegotiations()) {
            String sopClass = asked.sopClassUid();
            boolean queryRetrieve = ServiceClasses.SERVICES.contains(sopClass)
                    && !sopClass.equals(ServiceClasses.VERIFICATION)
                    && !sopClass.equals(ServiceClasses.STORAGE_COMMITMENT_PUSH);
            if (queryRetrieve) {
                extended.add(new UserInformation.ExtendedNegotiation(sopClass, new byte[asked.information().length]));
            }
        }
        return new Answer(results, roles, window, extended);
    }

    /** True when the requestor takes the SCP role of the SOP class and not the SCU role (C-GET's storage contexts). */
    private static boolean requestorSendsOnly(UserInformation requested, String sopClass) {
        return requested.roles().stream()
                .anyMatch(role -> role.sopClassUid().equals(sopClass) && role.scp() && !role.scu());
    }

    private static PresentationContext.Result answer(PresentationContext.Proposed context, boolean openahiSends) {
        String sopClass = context.abstractSyntax();
        Optional<String> chosen;
        if (ServiceClasses.SERVICES.contains(sopClass)) {
            chosen = first(context.transferSyntaxes(), SERVICE_ORDER, SERVICE_ORDER::contains);
        } else if (ServiceClasses.isStorage(sopClass)) {
            chosen = openahiSends
                    ? first(context.transferSyntaxes(), SEND_ORDER, uid -> imported(uid) && !uid.equals(EXPLICIT_BE))
                    : first(context.transferSyntaxes(), RECEIVE_ORDER, ContextNegotiation::imported);
        } else {
            return new PresentationContext.Result(
                    context.id(),
                    PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED,
                    context.transferSyntaxes().get(0));
        }
        return chosen.map(ts -> new PresentationContext.Result(context.id(), PresentationContext.ACCEPTANCE, ts))
                .orElseGet(() -> new PresentationContext.Result(
                        context.id(),
                        PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                        context.transferSyntaxes().get(0)));
    }

    private static boolean imported(String transferSyntaxUid) {
        return TransferSyntaxTable.find(transferSyntaxUid)
                .filter(SyntaxRule::imported)
                .isPresent();
    }

    /** Of the proposed syntaxes {@code allowed} takes, the first in {@code order}, else the first proposed. */
    private static Optional<String> first(List<String> proposed, List<String> order, Predicate<String> allowed) {
        for (String preferred : order) {
            if (proposed.contains(preferred) && allowed.test(preferred)) {
                return Optional.of(preferred);
            }
        }
        return proposed.stream().filter(allowed).findFirst();
    }
}
