package org.openahi.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openahi.dimse.ul.PresentationContext;
import org.openahi.dimse.ul.UserInformation;

class ContextNegotiationTest {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT = "1.2.840.10008.1.2.1";
    private static final String IMPLICIT = "1.2.840.10008.1.2";
    private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    private static final String JPEG_LS = "1.2.840.10008.1.2.4.80";
    private static final String JPEG_XL_LOSSLESS = "1.2.840.10008.1.2.4.110";
    private static final String HTJ2K_RPCL = "1.2.840.10008.1.2.4.202";

    private static ContextNegotiation.Answer answer(UserInformation info, PresentationContext.Proposed... proposed) {
        return ContextNegotiation.answer(List.of(proposed), info, 8);
    }

    private static UserInformation plain() {
        return UserInformation.of(16384, "1.2.3", "T");
    }

    @Test
    void storageTakesLosslessSyntaxesFirstAndOnlyThoseTheWritePathImports() {
        ContextNegotiation.Answer answer = answer(
                plain(),
                new PresentationContext.Proposed(1, CT, List.of(JPEG_BASELINE, IMPLICIT, EXPLICIT)),
                new PresentationContext.Proposed(3, CT, List.of(JPEG_BASELINE)),
                new PresentationContext.Proposed(5, CT, List.of(JPEG_XL_LOSSLESS)),
                new PresentationContext.Proposed(7, "1.2.840.10008.5.1.4.31", List.of(EXPLICIT)),
                new PresentationContext.Proposed(9, "1.2.840.10008.5.1.4.1.1.6", List.of(IMPLICIT)),
                new PresentationContext.Proposed(11, "1.3.6.1.4.1.9999.1", List.of(EXPLICIT)),
                new PresentationContext.Proposed(13, CT, List.of(JPEG_BASELINE, JPEG_LS)));
        assertThat(answer.contexts())
                .containsExactly(
                        new PresentationContext.Result(1, PresentationContext.ACCEPTANCE, EXPLICIT),
                        new PresentationContext.Result(3, PresentationContext.ACCEPTANCE, JPEG_BASELINE),
                        new PresentationContext.Result(
                                5, PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED, JPEG_XL_LOSSLESS),
                        new PresentationContext.Result(7, PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED, EXPLICIT),
                        new PresentationContext.Result(9, PresentationContext.ACCEPTANCE, IMPLICIT),
                        new PresentationContext.Result(11, PresentationContext.ACCEPTANCE, EXPLICIT),
                        new PresentationContext.Result(13, PresentationContext.ACCEPTANCE, JPEG_LS));
        assertThat(answer.asyncWindow()).isEmpty();
    }

    @Test
    void aRequestorThatOnlyReceivesGetsTheStoredSyntaxFirst() {
        UserInformation info = plain().withRoles(List.of(
                new UserInformation.RoleSelection(CT, false, true),
                new UserInformation.RoleSelection("1.2.840.10008.5.1.4.1.2.2.3", true, true)));
        ContextNegotiation.Answer answer = answer(
                info,
                new PresentationContext.Proposed(1, CT, List.of(EXPLICIT, HTJ2K_RPCL)),
                new PresentationContext.Proposed(3, "1.2.840.10008.5.1.4.1.2.2.3", List.of(IMPLICIT, EXPLICIT)));
        assertThat(answer.contexts())
                .containsExactly(
                        new PresentationContext.Result(1, PresentationContext.ACCEPTANCE, HTJ2K_RPCL),
                        new PresentationContext.Result(3, PresentationContext.ACCEPTANCE, EXPLICIT));
        assertThat(answer.roles())
                .containsExactly(
                        new UserInformation.RoleSelection(CT, false, true),
                        new UserInformation.RoleSelection("1.2.840.10008.5.1.4.1.2.2.3", true, false));
    }

    @Test
    void theAsyncWindowAndQueryExtendedNegotiationAreAnswered() {
        UserInformation info = plain().withAsyncWindow(new UserInformation.AsyncWindow(0, 4))
                .withExtendedNegotiations(List.of(
                        new UserInformation.ExtendedNegotiation("1.2.840.10008.5.1.4.1.2.2.1", new byte[] {1, 1, 1}),
                        new UserInformation.ExtendedNegotiation(CT, new byte[] {2, 0, 0, 0, 1, 0})));
        ContextNegotiation.Answer answer =
                answer(info, new PresentationContext.Proposed(1, "1.2.840.10008.5.1.4.1.2.2.1", List.of(EXPLICIT)));
        assertThat(answer.asyncWindow()).contains(new UserInformation.AsyncWindow(8, 1));
        assertThat(answer.extendedNegotiations()).singleElement().satisfies(item -> {
            assertThat(item.sopClassUid()).isEqualTo("1.2.840.10008.5.1.4.1.2.2.1");
            assertThat(item.information()).containsExactly(0, 0, 0);
        });
    }
}
