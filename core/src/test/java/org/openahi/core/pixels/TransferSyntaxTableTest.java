package org.openahi.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openahi.core.datastore.LosslessStorageFormat;
import org.openahi.dicom.dict.TransferSyntax;

class TransferSyntaxTableTest {

    @Test
    void everySyntaxOfTheStandardHasOneRule() {
        assertThat(TransferSyntaxTable.all())
                .hasSize(TransferSyntax.values().length)
                .doesNotContainNull();
        for (TransferSyntax syntax : TransferSyntax.values()) {
            SyntaxRule rule = TransferSyntaxTable.find(syntax.uid()).orElseThrow();
            assertThat(rule.uid()).isEqualTo(syntax.uid());
            assertThat(rule.name()).isEqualTo(syntax.displayName());
        }
        assertThat(TransferSyntaxTable.find("1.2.3.4")).isEmpty();
        assertThat(TransferSyntaxTable.find(null)).isEmpty();
        assertThatThrownBy(() -> TransferSyntaxTable.require("1.2.3.4"))
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessage("unsupported transfer syntax 1.2.3.4");
    }

    /** ahi-behaviour §8.4: what AHI keeps and what it transcodes to its lossless format. */
    @Test
    void importKeepsAndTranscodesWhatAhiDoes() {
        List<String> transcoded = List.of(
                "1.2.840.10008.1.2",
                "1.2.840.10008.1.2.1",
                "1.2.840.10008.1.2.1.99",
                "1.2.840.10008.1.2.2",
                "1.2.840.10008.1.2.4.51",
                "1.2.840.10008.1.2.4.57",
                "1.2.840.10008.1.2.4.70",
                "1.2.840.10008.1.2.4.80",
                "1.2.840.10008.1.2.4.81",
                "1.2.840.10008.1.2.4.90",
                "1.2.840.10008.1.2.4.92",
                "1.2.840.10008.1.2.4.93",
                "1.2.840.10008.1.2.4.201",
                "1.2.840.10008.1.2.4.202",
                "1.2.840.10008.1.2.5",
                "1.2.840.10008.1.2.8.1");
        List<String> kept = List.of(
                "1.2.840.10008.1.2.4.50",
                "1.2.840.10008.1.2.4.91",
                "1.2.840.10008.1.2.4.203",
                "1.2.840.10008.1.2.4.112");
        List<String> video = List.of(
                "1.2.840.10008.1.2.4.100",
                "1.2.840.10008.1.2.4.100.1",
                "1.2.840.10008.1.2.4.101",
                "1.2.840.10008.1.2.4.101.1",
                "1.2.840.10008.1.2.4.102",
                "1.2.840.10008.1.2.4.102.1",
                "1.2.840.10008.1.2.4.103",
                "1.2.840.10008.1.2.4.103.1",
                "1.2.840.10008.1.2.4.104",
                "1.2.840.10008.1.2.4.104.1",
                "1.2.840.10008.1.2.4.105",
                "1.2.840.10008.1.2.4.105.1",
                "1.2.840.10008.1.2.4.106",
                "1.2.840.10008.1.2.4.106.1",
                "1.2.840.10008.1.2.4.107",
                "1.2.840.10008.1.2.4.108");
        transcoded.forEach(uid -> assertThat(rule(uid).onImport()).as(uid).isEqualTo(OnImport.TRANSCODE));
        kept.forEach(uid -> assertThat(rule(uid).onImport()).as(uid).isEqualTo(OnImport.KEEP));
        video.forEach(uid -> assertThat(rule(uid).onImport()).as(uid).isEqualTo(OnImport.KEEP_STREAM));
    }

    /** ahi-behaviour §9.1: GetImageFrame's Content-Type by stored syntax, and what openahi chose for .90. */
    @Test
    void frameContentTypesAreAhis() {
        Map<String, String> types = Map.ofEntries(
                Map.entry("1.2.840.10008.1.2.1", "application/octet-stream"),
                Map.entry("1.2.840.10008.1.2.4.50", "image/jpeg"),
                Map.entry("1.2.840.10008.1.2.4.91", "image/j2c"),
                Map.entry("1.2.840.10008.1.2.4.90", "image/j2c"),
                Map.entry("1.2.840.10008.1.2.4.100", "video/mpeg"),
                Map.entry("1.2.840.10008.1.2.4.101.1", "video/mpeg"),
                Map.entry("1.2.840.10008.1.2.4.102", "video/mp4"),
                Map.entry("1.2.840.10008.1.2.4.106.1", "video/mp4"),
                Map.entry("1.2.840.10008.1.2.4.107", "video/H256"),
                Map.entry("1.2.840.10008.1.2.4.202", "image/jph"),
                Map.entry("1.2.840.10008.1.2.4.203", "image/jphc"),
                Map.entry("1.2.840.10008.1.2.4.112", "image/jxl"));
        types.forEach(
                (uid, type) -> assertThat(rule(uid).frameContentType()).as(uid).contains(type));
    }

    /** Every syntax frames are stored in has a GetImageFrame type and a DICOMweb media type. */
    @Test
    void everyStoredSyntaxCanBeServed() {
        for (SyntaxRule rule : TransferSyntaxTable.all()) {
            if (rule.onImport() != OnImport.TRANSCODE) {
                assertThat(rule.frameContentType()).as(rule.uid()).isPresent();
                assertThat(rule.mediaType()).as(rule.uid()).isPresent();
            }
        }
        for (SyntaxRule stored : List.of(
                TransferSyntaxTable.storedNative(),
                TransferSyntaxTable.storedLossless(LosslessStorageFormat.HTJ2K),
                TransferSyntaxTable.storedLossless(LosslessStorageFormat.JPEG_2000_LOSSLESS))) {
            assertThat(stored.frameContentType()).as(stored.uid()).isPresent();
            assertThat(stored.mediaType()).as(stored.uid()).isPresent();
        }
        assertThat(TransferSyntaxTable.storedLossless(LosslessStorageFormat.HTJ2K)
                        .uid())
                .isEqualTo("1.2.840.10008.1.2.4.202");
        assertThat(TransferSyntaxTable.storedLossless(LosslessStorageFormat.JPEG_2000_LOSSLESS)
                        .uid())
                .isEqualTo("1.2.840.10008.1.2.4.90");
    }

    /** PS3.18 Table 8.7.3-5. */
    @Test
    void dicomWebMediaTypesArePs318s() {
        Map<String, String> types = Map.ofEntries(
                Map.entry("1.2.840.10008.1.2.1", "application/octet-stream"),
                Map.entry("1.2.840.10008.1.2.4.50", "image/jpeg"),
                Map.entry("1.2.840.10008.1.2.4.51", "image/jpeg"),
                Map.entry("1.2.840.10008.1.2.4.57", "image/jpeg"),
                Map.entry("1.2.840.10008.1.2.4.70", "image/jpeg"),
                Map.entry("1.2.840.10008.1.2.4.80", "image/jls"),
                Map.entry("1.2.840.10008.1.2.4.81", "image/jls"),
                Map.entry("1.2.840.10008.1.2.4.90", "image/jp2"),
                Map.entry("1.2.840.10008.1.2.4.91", "image/jp2"),
                Map.entry("1.2.840.10008.1.2.4.92", "image/jpx"),
                Map.entry("1.2.840.10008.1.2.4.93", "image/jpx"),
                Map.entry("1.2.840.10008.1.2.4.201", "image/jphc"),
                Map.entry("1.2.840.10008.1.2.4.202", "image/jphc"),
                Map.entry("1.2.840.10008.1.2.4.203", "image/jphc"),
                Map.entry("1.2.840.10008.1.2.4.112", "image/jxl"),
                Map.entry("1.2.840.10008.1.2.5", "image/dicom-rle"),
                Map.entry("1.2.840.10008.1.2.4.102", "video/mp4"),
                Map.entry("1.2.840.10008.1.2.4.107", "video/H265"));
        types.forEach((uid, type) -> assertThat(rule(uid).mediaType()).as(uid).contains(type));
    }

    @Test
    void nativeSyntaxesNeedNoDecoding() {
        for (SyntaxRule rule : TransferSyntaxTable.all()) {
            TransferSyntax syntax = TransferSyntax.of(rule.uid());
            boolean nativeEncoding = syntax.pixels() == TransferSyntax.Pixels.NATIVE;
            assertThat(rule.nativePixels())
                    .as(rule.uid())
                    .isEqualTo(nativeEncoding || rule.uid().equals("1.2.840.10008.1.2.1.98"));
        }
    }

    /** Lossy by definition (PS3.5 §8.2): the JPEG processes other than the lossless ones, .81 and video. */
    @Test
    void lossySyntaxesAreThoseOfLossyProcesses() {
        List<String> lossy = TransferSyntaxTable.all().stream()
                .filter(SyntaxRule::lossy)
                .map(SyntaxRule::uid)
                .toList();
        assertThat(lossy)
                .contains("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.81")
                .contains("1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.102", "1.2.840.10008.1.2.4.107")
                .doesNotContain("1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80")
                .as("JPEG 2000 and HTJ2K may be either")
                .doesNotContain("1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.203");
        assertThat(lossy).hasSize(30);
        assertThat(lossy).noneMatch(uid -> TransferSyntax.of(uid).pixels() == TransferSyntax.Pixels.NATIVE);
    }

    @Test
    void syntaxesWithoutDecoderAreRefusedByName() throws Exception {
        SyntaxRule jpip = rule("1.2.840.10008.1.2.4.94");
        assertThat(jpip.decodable()).isFalse();
        assertThatThrownBy(jpip::decoder)
                .isInstanceOf(UnsupportedPixelsException.class)
                .hasMessage("unsupported transfer syntax 1.2.840.10008.1.2.4.94");
        assertThat(rule("1.2.840.10008.1.2.4.80").decoder()).isNotNull();
        assertThat(rule("1.2.840.10008.1.2.8.1").codec()).isEqualTo(Codec.DEFLATE);
    }

    private static SyntaxRule rule(String uid) {
        Optional<SyntaxRule> rule = TransferSyntaxTable.find(uid);
        assertThat(rule).as(uid).isPresent();
        return rule.get();
    }
}
