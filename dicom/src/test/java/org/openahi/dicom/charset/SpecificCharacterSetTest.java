package org.openahi.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpecificCharacterSetTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void singleByteSetsAndUnicodeTerms() throws Exception {
        assertThat(SpecificCharacterSet.of("ISO_IR 100").decode(hex("4275635e4ae972f46d65")))
                .isEqualTo("Buc^Jérôme");
        assertThat(SpecificCharacterSet.of("ISO_IR 144").decode(hex("bbceda")))
                .isEqualTo(new String(hex("bbceda"), Charset.forName("ISO-8859-5")));
        assertThat(SpecificCharacterSet.of("ISO_IR 192").decode("王^小東".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("王^小東");
        assertThat(SpecificCharacterSet.of("GB18030").decode("王^小东".getBytes("GB18030")))
                .isEqualTo("王^小东");
        assertThat(SpecificCharacterSet.of("GBK").decode("小东".getBytes("GBK"))).isEqualTo("小东");
        assertThat(SpecificCharacterSet.of("ISO_IR 13").decode(hex("d4cfc0de"))).isEqualTo("ﾔﾏﾀﾞ");
    }

    /** PS3.5 Annex H, example H.3.1: Yamada^Tarou=山田^太郎=やまだ^たろう in \ISO 2022 IR 87. */
    @Test
    void japaneseWithCodeExtensionsAsInTheStandardsExample() throws Exception {
        byte[] bytes = hex("59616d6164615e5461726f753d 1b2442 3b334544 1b2842 5e 1b2442 4240 4f3a 1b2842 3d"
                + "1b2442 2464245e2440 1b2842 5e 1b2442 243f246d2426 1b2842");
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(cs.decode(bytes)).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
        assertThat(cs.encode("Yamada^Tarou=山田^太郎=やまだ^たろう")).isEqualTo(bytes);
    }

    /**
     * fo-dicom's chrJapMulti.dcm: an ASCII character after Japanese text within one value (here the space padding
     * that ends Patient Name) escapes back to ASCII first, as its writer did; before, it could not be encoded at all.
     */
    @Test
    void asciiAfterJapaneseWithinAValueEscapesBack() throws Exception {
        byte[] bytes = hex("1b2442 2464245e2440 1b2842 5e 1b2442 243f246d2426 1b2842 20");
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(cs.decode(bytes)).isEqualTo("やまだ^たろう ");
        assertThat(cs.encode("やまだ^たろう ")).isEqualTo(bytes);
        assertThat(cs.encode("山田 太郎")).isEqualTo(hex("1b2442 3b334544 1b2842 20 1b2442 4240 4f3a 1b2842"));
    }

    @Test
    void everyIso2022ExtensionRoundTrips() throws Exception {
        Map<String, String> samples = Map.of(
                "ISO 2022 IR 87", "山田^太郎",
                "ISO 2022 IR 159", "丂",
                "ISO 2022 IR 13", "ﾔﾏﾀﾞ",
                "ISO 2022 IR 149", "홍^길동",
                "ISO 2022 IR 58", "王^小东",
                "ISO 2022 IR 100", "Jérôme",
                "ISO 2022 IR 144", "Люксембург",
                "ISO 2022 IR 126", "Διονυσιος",
                "ISO 2022 IR 166", "ภาษาไทย");
        for (Map.Entry<String, String> s : samples.entrySet()) {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 6", s.getKey());
            byte[] encoded = cs.encode("A\\" + s.getValue());
            assertThat(cs.decode(encoded)).as(s.getKey()).isEqualTo("A\\" + s.getValue());
            assertThat(encoded).as("%s uses escapes", s.getKey()).contains(0x1B);
        }
    }

    @Test
    void everySingleValuedTermRoundTrips() throws Exception {
        Map<String, String> samples = Map.ofEntries(
                Map.entry("ISO_IR 100", "Äneas"),
                Map.entry("ISO_IR 101", "Łódź"),
                Map.entry("ISO_IR 109", "Ħ"),
                Map.entry("ISO_IR 110", "Ŗ"),
                Map.entry("ISO_IR 144", "Ж"),
                Map.entry("ISO_IR 127", "قباني"),
                Map.entry("ISO_IR 126", "Δ"),
                Map.entry("ISO_IR 138", "שרון"),
                Map.entry("ISO_IR 148", "Ş"),
                Map.entry("ISO_IR 203", "€"),
                Map.entry("ISO_IR 166", "ไทย"),
                Map.entry("ISO_IR 13", "ｱ"),
                Map.entry("ISO_IR 192", "王^小東"),
                Map.entry("GB18030", "王^小东"),
                Map.entry("GBK", "小东"));
        for (Map.Entry<String, String> s : samples.entrySet()) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(s.getKey());
            assertThat(cs.decode(cs.encode(s.getValue()))).as(s.getKey()).isEqualTo(s.getValue());
            assertThat(cs.unknownTerms()).isEmpty();
        }
    }

    @Test
    void unencodableTextIsAnError() {
        assertThatThrownBy(() -> SpecificCharacterSet.of("ISO_IR 100").encode("山田"))
                .isInstanceOf(CharacterCodingException.class);
        assertThatThrownBy(() -> SpecificCharacterSet.DEFAULT.encode("é")).isInstanceOf(CharacterCodingException.class);
        assertThatThrownBy(() -> SpecificCharacterSet.of("", "ISO 2022 IR 87").encode("한"))
                .isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void unknownTermsAndLatin1WithoutCharacterSetDecodeAsLatin1() {
        SpecificCharacterSet unknown = SpecificCharacterSet.of("ISO_IR 999");
        assertThat(unknown.unknownTerms()).containsExactly("ISO_IR 999");
        assertThat(unknown.decode(hex("4ae972f46d65"))).isEqualTo("Jérôme");
        assertThat(SpecificCharacterSet.DEFAULT.decode(hex("4ae972f46d65"))).isEqualTo("Jérôme");
    }

    @Test
    void brokenBytesNeverThrow() {
        byte[][] broken = {
            hex("1b"),
            hex("1b24"),
            hex("1b2442 3b"),
            hex("1b2442 3b33 1b"),
            hex("1b2429 43 c8"),
            hex("ff fe fd"),
            hex("1b2d41 e9 1b2428"),
            hex("00 1b 7f 80"),
            hex("1b242844 212121") /* odd bytes of JIS X 0212, found by the fuzz test */
        };
        for (String term : new String[] {"", "ISO_IR 192", "GB18030", "ISO 2022 IR 87", "ISO 2022 IR 149"}) {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", term);
            for (byte[] b : broken) {
                assertThat(cs.decode(b)).isNotNull();
            }
        }
        Random random = new Random(42);
        SpecificCharacterSet japanese = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159");
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            assertThat(japanese.decode(b)).isNotNull();
        }
    }
}
