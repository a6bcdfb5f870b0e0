package org.openahi.core.dicomweb;

import org.openahi.core.imageset.QidoRow;
import org.openahi.dicom.Dataset;
import org.openahi.dicom.VR;
import org.openahi.dicom.dict.Tag;

/**
 * The data sets QIDO-RS answers with: the standard return keys of each level (PS3.18 §10.6.3.3), present with an
 * empty value when the image set has none, in UTF-8 (Specific Character Set ISO_IR 192). C-FIND answers with the same
 * data sets; QIDO-RS adds each match's RetrieveURL.
 */
public final class QidoDatasets {

    private QidoDatasets() {}

    /** A study's return keys. */
    public static Dataset study(QidoRow.Study study) {
        Dataset dataset = utf8();
        text(dataset, Tag.StudyDate, VR.DA, study.studyDate());
        text(dataset, Tag.StudyTime, VR.TM, study.studyTime());
        text(dataset, Tag.AccessionNumber, VR.SH, study.accessionNumber());
        dataset.putStrings(Tag.ModalitiesInStudy, VR.CS, study.modalities().toArray(String[]::new));
        text(dataset, Tag.ReferringPhysicianName, VR.PN, study.referringPhysicianName());
        text(dataset, Tag.PatientName, VR.PN, study.patientName());
        text(dataset, Tag.PatientID, VR.LO, study.patientId());
        text(dataset, Tag.PatientBirthDate, VR.DA, study.patientBirthDate());
        text(dataset, Tag.PatientSex, VR.CS, study.patientSex());
        text(dataset, Tag.StudyInstanceUID, VR.UI, study.studyInstanceUid());
        text(dataset, Tag.StudyID, VR.SH, study.studyId());
        text(dataset, Tag.StudyDescription, VR.LO, study.studyDescription());
        text(dataset, Tag.NumberOfStudyRelatedSeries, VR.IS, Integer.toString(study.seriesCount()));
        text(dataset, Tag.NumberOfStudyRelatedInstances, VR.IS, Integer.toString(study.instanceCount()));
        return dataset;
    }

    /** A series' return keys. */
    public static Dataset series(QidoRow.Series series) {
        Dataset dataset = utf8();
        text(dataset, Tag.Modality, VR.CS, series.modality());
        text(dataset, Tag.SeriesDescription, VR.LO, series.seriesDescription());
        text(dataset, Tag.StudyInstanceUID, VR.UI, series.studyInstanceUid());
        text(dataset, Tag.SeriesInstanceUID, VR.UI, series.seriesInstanceUid());
        text(dataset, Tag.SeriesNumber, VR.IS, series.seriesNumber());
        text(dataset, Tag.NumberOfSeriesRelatedInstances, VR.IS, Integer.toString(series.instanceCount()));
        return dataset;
    }

    /** An instance's return keys. */
    public static Dataset instance(QidoRow.Instance instance) {
        Dataset dataset = utf8();
        text(dataset, Tag.SOPClassUID, VR.UI, instance.sopClassUid());
        text(dataset, Tag.SOPInstanceUID, VR.UI, instance.sopInstanceUid());
        text(dataset, Tag.Modality, VR.CS, instance.modality());
        text(dataset, Tag.StudyInstanceUID, VR.UI, instance.studyInstanceUid());
        text(dataset, Tag.SeriesInstanceUID, VR.UI, instance.seriesInstanceUid());
        text(dataset, Tag.InstanceNumber, VR.IS, number(instance.instanceNumber()));
        if (instance.rows() != null) {
            dataset.putLongs(Tag.Rows, VR.US, instance.rows());
        }
        if (instance.columns() != null) {
            dataset.putLongs(Tag.Columns, VR.US, instance.columns());
        }
        if (instance.numberOfFrames() != null) {
            text(dataset, Tag.NumberOfFrames, VR.IS, number(instance.numberOfFrames()));
        }
        return dataset;
    }

    private static Dataset utf8() {
        Dataset dataset = new Dataset();
        dataset.putStrings(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        return dataset;
    }

    /** A text element; an absent value is an empty element, as PS3.18 wants return keys present. */
    private static void text(Dataset dataset, int tag, VR vr, String value) {
        if (value == null) {
            dataset.putStrings(tag, vr);
        } else {
            dataset.putStrings(tag, vr, value);
        }
    }

    private static String number(Long value) {
        return value == null ? null : Long.toString(value);
    }
}
