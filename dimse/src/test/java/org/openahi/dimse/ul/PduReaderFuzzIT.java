package org.openahi.dimse.ul;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jazzer fuzz target over the PDU reader, seeded with every PDU type as openahi writes it: whole PDUs
 * ({@link PduReader#parse}) and PDUs read from a stream after their type byte ({@link PduReader#read}, also into a
 * reused {@link PduReader.ReadBuffer}) give a PDU or a
 * {@link PduException}; a stream cut short an {@link EOFException}. Nothing else may come out. {@code verify} fuzzes for
 * {@code openahi.fuzz.duration} (see the module pom); {@code -Dopenahi.fuzz=false} only replays the seeds.
 */
class PduReaderFuzzIT {
    private static final PduReader.Limits LIMITS = new PduReader.Limits(64 * 1024, 64 * 1024);
    private static final PduReader.ReadBuffer BUFFER = new PduReader.ReadBuffer();

    static Stream<byte[]> seeds() {
        byte[] value = {1, 2, 3, 4, 5, 6};
        return Stream.of(
                PduWriter.encode(PduCodecTest.request()),
                PduWriter.encode(new Pdu.AssociateAc(
                        1,
                        "A",
                        "B",
                        Pdu.DICOM_APPLICATION_CONTEXT,
                        List.of(new PresentationContext.Result(1, PresentationContext.ACCEPTANCE, "1.2.840.10008.1.2")),
                        UserInformation.of(16384, "1.2.3", "X")
                                .withAsyncWindow(new UserInformation.AsyncWindow(2, 1)))),
                PduWriter.encode(new Pdu.AssociateRj(1, 1, 7)),
                PduWriter.encode(new Pdu.PDataTf(
                        List.of(new Pdu.Pdv(1, true, true, value, 0, 6), new Pdu.Pdv(3, false, false, value, 2, 4)))),
                PduWriter.encode(new Pdu.ReleaseRq()),
                PduWriter.encode(new Pdu.ReleaseRp()),
                PduWriter.encode(new Pdu.Abort(2, 6)));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void onlyTypedErrorsComeOut(byte[] input) throws Exception {
        try {
            PduReader.parse(input, LIMITS);
        } catch (PduException expected) {
            // malformed: the association answers with an A-ABORT
        }
        if (input.length > 0) {
            try {
                PduReader.read(input[0] & 0xFF, new ByteArrayInputStream(input, 1, input.length - 1), LIMITS);
            } catch (PduException | EOFException expected) {
                // malformed, or cut short
            }
            try {
                // as an association reads them: P-DATA-TF PDUs into its reused buffer, left as the last read left it
                PduReader.read(input[0] & 0xFF, new ByteArrayInputStream(input, 1, input.length - 1), LIMITS, BUFFER);
            } catch (PduException | EOFException expected) {
                // malformed, or cut short
            }
        }
    }
}
