package org.openahi.core.pixels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;
import org.openahi.dicom.dict.TransferSyntax;

class StoragePlanTest {

  @Test
  void importsNamesExactlyTheSyntaxesAPlanIsMadeFor() {
    Dataset monochrome = new Dataset();
    monochrome.putLongs(Tag.Rows, VR.US, 4);
    monochrome.putLongs(Tag.Columns, VR.US, 4);
    monochrome.putLongs(Tag.BitsAllocated, VR.US, 16);
    monochrome.putStrings(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    int imported = 0;
    for (TransferSyntax ts : TransferSyntax.values()) {
      boolean planned;
      try {
        StoragePlan.of(ts.uid(), monochrome);
        planned = true;
      } catch (UnsupportedPixelsException e) {
        planned = false;
      }
      assertThat(StoragePlan.imports(ts.uid())).as(ts.displayName()).isEqualTo(planned);
      imported += planned ? 1 : 0;
    }
    assertThat(imported).isGreaterThanOrEqualTo(10);
  }
}
