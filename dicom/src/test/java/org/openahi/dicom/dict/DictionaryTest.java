package org.openahi.dicom.dict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openahi.dicom.Tags;
import org.openahi.dicom.VR;

class DictionaryTest {

    @Test
    void keywordsTagsVrsAndMultiplicity() {
        DictionaryEntry name = Dictionary.entry(Tag.PatientName);
        assertThat(name.keyword()).isEqualTo("PatientName");
        assertThat(name.vr()).isEqualTo(VR.PN);
        assertThat(name.vm().allowsMultiple()).isFalse();
        assertThat(Dictionary.forKeyword("PatientName").tag()).isEqualTo(Tag.PatientName);
        assertThat(Dictionary.entry(Tag.ImageType).vm())
                .isEqualTo(new ValueMultiplicity(2, ValueMultiplicity.UNBOUNDED, 1));
        assertThat(Dictionary.entry(Tag.ImageType).vm().allowsMultiple()).isTrue();
        assertThat(Dictionary.entry(Tag.ImagePositionPatient).vm()).isEqualTo(new ValueMultiplicity(3, 3, 1));
    }

    @Test
    void ambiguousVrsAreListedInTheStandardsOrder() {
        DictionaryEntry smallest = Dictionary.entry(Tag.SmallestImagePixelValue);
        assertThat(smallest.vrs()).containsExactly(VR.US, VR.SS);
        assertThat(smallest.vrAmbiguous()).isTrue();
        assertThat(Dictionary.entry(Tag.PixelData).vrs()).containsExactly(VR.OB, VR.OW);
        assertThat(Dictionary.entry(Tag.LUTData).vrs()).containsExactly(VR.US, VR.OW);
        assertThat(Dictionary.entry(Tag.Rows).vrAmbiguous()).isFalse();
    }

    @Test
    void repeatingGroupsResolveForEveryMember() {
        assertThat(Dictionary.keyword(Tags.of(0x6000, 0x3000))).isEqualTo("OverlayData");
        assertThat(Dictionary.keyword(Tags.of(0x601E, 0x3000))).isEqualTo("OverlayData");
        assertThat(Dictionary.keyword(Tags.of(0x5002, 0x0005))).isEqualTo("CurveDimensions");
        assertThat(Dictionary.entry(Tags.of(0x5002, 0x0005)).retired()).isTrue();
        assertThat(Dictionary.keyword(Tags.of(0x7F02, 0x0010))).isEqualTo("VariablePixelData");
        assertThat(Dictionary.keyword(Tag.PixelData)).isEqualTo("PixelData");
        assertThat(Dictionary.keyword(Tags.of(0x0028, 0x0410))).isEqualTo("RowsForNthOrderCoefficients");
    }

    @Test
    void groupLengthsPrivateCreatorsAndUnknownTags() {
        assertThat(Dictionary.entry(Tags.of(0x0008, 0x0000)).vr()).isEqualTo(VR.UL);
        assertThat(Dictionary.entry(Tags.of(0x0009, 0x0010)).keyword()).isEqualTo("PrivateCreator");
        assertThat(Dictionary.entry(Tags.of(0x0009, 0x1001))).isNull();
        assertThat(Dictionary.implicitVr(Tags.of(0x0009, 0x1001))).isEqualTo(VR.UN);
        assertThat(Dictionary.entry(Tags.of(0x0010, 0x9999))).isNull();
        assertThat(Dictionary.forKeyword("NoSuchKeyword")).isNull();
    }

    @Test
    void valueMultiplicityNotation() {
        assertThat(ValueMultiplicity.parse("1")).isEqualTo(new ValueMultiplicity(1, 1, 1));
        assertThat(ValueMultiplicity.parse("1-3")).isEqualTo(new ValueMultiplicity(1, 3, 1));
        assertThat(ValueMultiplicity.parse("2-2n")).isEqualTo(new ValueMultiplicity(2, ValueMultiplicity.UNBOUNDED, 2));
        assertThat(ValueMultiplicity.parse("3-n").toString()).isEqualTo("3-n");
        assertThat(ValueMultiplicity.parse("2-2n").toString()).isEqualTo("2-2n");
    }

    @Test
    void transferSyntaxesAndSopClasses() {
        TransferSyntax big = TransferSyntax.of("1.2.840.10008.1.2.2");
        assertThat(big).isEqualTo(TransferSyntax.ExplicitVRBigEndian);
        assertThat(big.bigEndian()).isTrue();
        assertThat(big.retired()).isTrue();
        assertThat(TransferSyntax.ImplicitVRLittleEndian.explicitVr()).isFalse();
        assertThat(TransferSyntax.DeflatedExplicitVRLittleEndian.deflated()).isTrue();
        assertThat(TransferSyntax.HTJ2KLossless.encapsulated()).isTrue();
        assertThat(TransferSyntax.JPIPReferenced.pixels()).isEqualTo(TransferSyntax.Pixels.REFERENCED);
        assertThat(TransferSyntax.of("1.2.3")).isNull();
        assertThat(SopClass.name(SopClass.CTImageStorage)).isEqualTo("CT Image Storage");
        assertThat(SopClass.TwelveLeadECGWaveformStorage).isEqualTo("1.2.840.10008.5.1.4.1.1.9.1.1");
    }
}
