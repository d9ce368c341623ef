package org.pleura.results.dicom;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.Tag;

/** Attributes every Pleura result shares: character set, creation time, equipment, new series in the study. */
final class CommonAttributes {

    static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");
    static final String UTF8 = "ISO_IR 192";

    private CommonAttributes() {
    }

    /**
     * Patient and study copied from the source, then SOP Common, General Series (new series) and General
     * Equipment attributes.
     */
    static DicomObject.Builder start(SourceImage source, String studyUid, String sopClass, String sopInstance,
                                     String modality, String seriesUid, int seriesNumber, String seriesDescription,
                                     Producer producer, ZonedDateTime now) {
        DicomObject.Builder b = DicomObject.builder();
        b.putAll(source.patientAndStudy(studyUid));
        b.putString(Tag.SpecificCharacterSet, UTF8);
        b.putString(Tag.SOPClassUID, sopClass);
        b.putString(Tag.SOPInstanceUID, sopInstance);
        b.putString(Tag.InstanceCreationDate, DA.format(now));
        b.putString(Tag.InstanceCreationTime, TM.format(now));
        b.putString(Tag.Modality, modality);
        b.putString(Tag.SeriesInstanceUID, seriesUid);
        b.putString(Tag.SeriesNumber, Integer.toString(seriesNumber));
        b.putString(Tag.SeriesDescription, seriesDescription);
        b.putString(Tag.SeriesDate, DA.format(now));
        b.putString(Tag.SeriesTime, TM.format(now));
        b.putString(Tag.InstanceNumber, "1");
        b.putString(Tag.ContentDate, DA.format(now));
        b.putString(Tag.ContentTime, TM.format(now));
        b.putString(Tag.Manufacturer, producer.manufacturer());
        b.putString(Tag.ManufacturerModelName, producer.algorithmName());
        b.putString(Tag.SoftwareVersions, producer.softwareVersions());
        return b;
    }
}
