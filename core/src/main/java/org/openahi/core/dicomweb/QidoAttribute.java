package org.openahi.core.dicomweb;

import java.util.Arrays;
import java.util.Optional;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.dicom.dict.Tag;

/** The attributes QIDO-RS matches on (AHI's query keys), the level each belongs to and how its values match. */
enum QidoAttribute {
    STUDY_DATE(Tag.StudyDate, QidoLevel.STUDY, Matching.DATE, QidoQuery.Key.STUDY_DATE),
    ACCESSION_NUMBER(Tag.AccessionNumber, QidoLevel.STUDY, Matching.TEXT, QidoQuery.Key.ACCESSION_NUMBER),
    MODALITIES_IN_STUDY(Tag.ModalitiesInStudy, QidoLevel.STUDY, Matching.CODE_LIST, QidoQuery.Key.MODALITIES_IN_STUDY),
    REFERRING_PHYSICIAN_NAME(
            Tag.ReferringPhysicianName, QidoLevel.STUDY, Matching.PERSON_NAME, QidoQuery.Key.REFERRING_PHYSICIAN_NAME),
    PATIENT_NAME(Tag.PatientName, QidoLevel.STUDY, Matching.PERSON_NAME, QidoQuery.Key.PATIENT_NAME),
    PATIENT_ID(Tag.PatientID, QidoLevel.STUDY, Matching.TEXT, QidoQuery.Key.PATIENT_ID),
    STUDY_INSTANCE_UID(Tag.StudyInstanceUID, QidoLevel.STUDY, Matching.UID_LIST, QidoQuery.Key.STUDY_INSTANCE_UID),
    STUDY_ID(Tag.StudyID, QidoLevel.STUDY, Matching.TEXT, QidoQuery.Key.STUDY_ID),
    MODALITY(Tag.Modality, QidoLevel.SERIES, Matching.CODE_LIST, QidoQuery.Key.MODALITY),
    SERIES_INSTANCE_UID(Tag.SeriesInstanceUID, QidoLevel.SERIES, Matching.UID_LIST, QidoQuery.Key.SERIES_INSTANCE_UID),
    SERIES_NUMBER(Tag.SeriesNumber, QidoLevel.SERIES, Matching.INTEGER_LIST, QidoQuery.Key.SERIES_NUMBER),
    SOP_CLASS_UID(Tag.SOPClassUID, QidoLevel.INSTANCE, Matching.UID_LIST, QidoQuery.Key.SOP_CLASS_UID),
    SOP_INSTANCE_UID(Tag.SOPInstanceUID, QidoLevel.INSTANCE, Matching.UID_LIST, QidoQuery.Key.SOP_INSTANCE_UID),
    INSTANCE_NUMBER(Tag.InstanceNumber, QidoLevel.INSTANCE, Matching.INTEGER_LIST, QidoQuery.Key.INSTANCE_NUMBER);

    /** How a query value is read (PS3.4 C.2.2.2). */
    enum Matching {
        /** Single value or wildcard, case-insensitive. */
        PERSON_NAME,
        /** Single value or wildcard. */
        TEXT,
        /** A comma- or backslash-separated list of values, or one wildcard. */
        CODE_LIST,
        /** A comma- or backslash-separated list of UIDs. */
        UID_LIST,
        /** A list of integers. */
        INTEGER_LIST,
        /** A date or a range of dates (yyyyMMdd). */
        DATE
    }

    final int tag;
    final QidoLevel level;
    final Matching matching;
    final QidoQuery.Key key;

    QidoAttribute(int tag, QidoLevel level, Matching matching, QidoQuery.Key key) {
        this.tag = tag;
        this.level = level;
        this.matching = matching;
        this.key = key;
    }

    static Optional<QidoAttribute> of(int tag) {
        return Arrays.stream(values()).filter(attribute -> attribute.tag == tag).findFirst();
    }
}
