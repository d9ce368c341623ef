package org.pleura.results.dicom;

import java.util.List;
import java.util.Locale;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.Tag;
import org.pleura.dicom.VR;
import org.pleura.model.catalogue.Code;

/** Builders of SR content items (PS3.3 C.17.3): one static method per value type. */
final class ContentItems {

    static final String CONTAINS = "CONTAINS";
    static final String HAS_OBS_CONTEXT = "HAS OBS CONTEXT";
    static final String HAS_CONCEPT_MOD = "HAS CONCEPT MOD";
    static final String HAS_ACQ_CONTEXT = "HAS ACQ CONTEXT";
    static final String INFERRED_FROM = "INFERRED FROM";
    static final String SELECTED_FROM = "SELECTED FROM";

    private static final Tag GRAPHIC_DATA = Tag.forKeyword("GraphicData");
    private static final Tag GRAPHIC_TYPE = Tag.forKeyword("GraphicType");
    private static final Tag REFERENCED_SOP_SEQUENCE = Tag.forKeyword("ReferencedSOPSequence");

    private ContentItems() {
    }

    private static DicomObject.Builder item(String relationship, String valueType, Code concept) {
        DicomObject.Builder b = DicomObject.builder();
        if (relationship != null) {
            b.putString(Tag.RelationshipType, relationship);
        }
        b.putString(Tag.ValueType, valueType);
        if (concept != null) {
            b.putSequence(Tag.ConceptNameCodeSequence, Codes.item(concept));
        }
        return b;
    }

    /** A CONTAINER (separate items) with its children. */
    static DicomObject container(String relationship, Code concept, List<DicomObject> children) {
        DicomObject.Builder b = item(relationship, "CONTAINER", concept).putString(Tag.ContinuityOfContent, "SEPARATE");
        if (!children.isEmpty()) {
            b.putSequence(Tag.ContentSequence, children);
        }
        return b.build();
    }

    /** A CODE item. */
    static DicomObject code(String relationship, Code concept, Code value) {
        return item(relationship, "CODE", concept).putSequence(Tag.ConceptCodeSequence, Codes.item(value)).build();
    }

    /** A TEXT item. */
    static DicomObject text(String relationship, Code concept, String value) {
        return item(relationship, "TEXT", concept).putString(Tag.TextValue, value).build();
    }

    /** A UIDREF item. */
    static DicomObject uidref(String relationship, Code concept, String uid) {
        return item(relationship, "UIDREF", concept).putString(Tag.UID, uid).build();
    }

    /** A NUM item with its unit, and children (e.g. the image it was inferred from). */
    static DicomObject num(String relationship, Code concept, double value, Code unit, List<DicomObject> children) {
        DicomObject measured = DicomObject.builder()
                .putString(Tag.NumericValue, decimal(value))
                .putSequence(Tag.MeasurementUnitsCodeSequence, Codes.item(unit))
                .build();
        DicomObject.Builder b = item(relationship, "NUM", concept).putSequence(Tag.MeasuredValueSequence, measured);
        if (!children.isEmpty()) {
            b.putSequence(Tag.ContentSequence, children);
        }
        return b.build();
    }

    /** An IMAGE item referencing an instance (concept name optional). */
    static DicomObject image(String relationship, Code concept, SourceImage source) {
        return item(relationship, "IMAGE", concept).putSequence(REFERENCED_SOP_SEQUENCE, source.reference()).build();
    }

    /** A SCOORD item: a closed POLYLINE around a rectangle, selected from the source image. */
    static DicomObject rectangle(String relationship, Code concept, double x, double y, double w, double h,
                                 SourceImage source) {
        double[] points = {x, y, x + w, y, x + w, y + h, x, y + h, x, y};
        return item(relationship, "SCOORD", concept)
                .putDouble(GRAPHIC_DATA, VR.FL, points)
                .putString(GRAPHIC_TYPE, "POLYLINE")
                .putSequence(Tag.ContentSequence, image(SELECTED_FROM, null, source))
                .build();
    }

    /** A decimal string of at most 16 characters with at most 4 decimals. */
    static String decimal(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }
}
