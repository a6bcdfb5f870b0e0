package org.openahi.dimse.ul;

import java.util.List;
import java.util.Optional;

/**
 * The User Information item of an A-ASSOCIATE-RQ or -AC (PS3.7 Annex D.3.3, PS3.8 Annex D): the maximum length of
 * the P-DATA-TF PDUs its sender receives (0: no limit), implementation class UID and version name, and the optional
 * negotiation sub-items.
 */
public record UserInformation(
        long maxPduLength,
        String implementationClassUid,
        Optional<String> implementationVersionName,
        Optional<AsyncWindow> asyncWindow,
        List<RoleSelection> roles,
        List<ExtendedNegotiation> extendedNegotiations,
        List<CommonExtendedNegotiation> commonExtendedNegotiations,
        Optional<UserIdentity> userIdentity,
        Optional<byte[]> userIdentityResponse) {

    public UserInformation {
        roles = List.copyOf(roles);
        extendedNegotiations = List.copyOf(extendedNegotiations);
        commonExtendedNegotiations = List.copyOf(commonExtendedNegotiations);
    }

    /** Only the required sub-items. */
    public static UserInformation of(long maxPduLength, String implementationClassUid, String versionName) {
        return new UserInformation(
                maxPduLength,
                implementationClassUid,
                Optional.of(versionName),
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Optional.empty());
    }

    public UserInformation withAsyncWindow(AsyncWindow window) {
        return new UserInformation(
                maxPduLength,
                implementationClassUid,
                implementationVersionName,
                Optional.of(window),
                roles,
                extendedNegotiations,
                commonExtendedNegotiations,
                userIdentity,
                userIdentityResponse);
    }

    public UserInformation withRoles(List<RoleSelection> newRoles) {
        return new UserInformation(
                maxPduLength,
                implementationClassUid,
                implementationVersionName,
                asyncWindow,
                newRoles,
                extendedNegotiations,
                commonExtendedNegotiations,
                userIdentity,
                userIdentityResponse);
    }

    public UserInformation withExtendedNegotiations(List<ExtendedNegotiation> negotiations) {
        return new UserInformation(
                maxPduLength,
                implementationClassUid,
                implementationVersionName,
                asyncWindow,
                roles,
                negotiations,
                commonExtendedNegotiations,
                userIdentity,
                userIdentityResponse);
    }

    /**
     * Asynchronous Operations Window (PS3.7 D.3.3.3): operations the sender may invoke, and perform, without waiting
     * for their responses; 0 means unlimited.
     */
    public record AsyncWindow(int maxInvoked, int maxPerformed) {}

    /** SCP/SCU Role Selection (PS3.7 D.3.3.4): whether the sender takes the SCU and the SCP role for a SOP class. */
    public record RoleSelection(String sopClassUid, boolean scu, boolean scp) {}

    /** SOP Class Extended Negotiation (PS3.7 D.3.3.5): service class application information, as bytes. */
    public record ExtendedNegotiation(String sopClassUid, byte[] information) {}

    /** SOP Class Common Extended Negotiation (PS3.7 D.3.3.6). */
    public record CommonExtendedNegotiation(String sopClassUid, String serviceClassUid, List<String> relatedClasses) {
        public CommonExtendedNegotiation {
            relatedClasses = List.copyOf(relatedClasses);
        }
    }

    /** User Identity Negotiation request (PS3.7 D.3.3.7); openahi reads it and does not check it. */
    public record UserIdentity(int type, boolean positiveResponseRequested, byte[] primary, byte[] secondary) {}
}
