package org.pleura.model.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pleura.dicom.DicomObject;
import org.pleura.model.pkg.InputRules;
import org.pleura.dicom.Tag;
import org.pleura.image.Radiograph;

/**
 * Checks the DICOM header before any pixel is decoded, against a model's {@link InputRules}: the object must be an
 * image of the radiography family (Computed Radiography, Digital X-Ray, or a Secondary Capture of one), of a
 * modality the model reads, of a body part it reads when the body part is given, in a view it reads when the view
 * position is given, and a single frame. Structured reports, CT, MR, ultrasound, nuclear medicine, mammography,
 * dental and segmentation objects are refused with their name. Plain pictures (PNG, JPEG) have no header and pass
 * this check; the {@link PictureCheck} and {@link FeatureCheck} still apply to them.
 *
 * <pre>{@code
 * InputVerdict v = new HeaderCheck(pkg.descriptor().inputOrDefault()).check(dicomHeader);   // before decoding pixels
 * }</pre>
 */
public final class HeaderCheck implements InputCheck {

    private static final String CR = "1.2.840.10008.5.1.4.1.1.1";
    private static final String DX_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1";
    private static final String DX_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.1.1";
    private static final String SC = "1.2.840.10008.5.1.4.1.1.7";
    private static final String SC_MULTIFRAME_BYTE = "1.2.840.10008.5.1.4.1.1.7.2";
    private static final String SC_MULTIFRAME_WORD = "1.2.840.10008.5.1.4.1.1.7.3";

    /** SOP classes whose objects can hold a chest radiograph. */
    public static final Set<String> IMAGE_CLASSES = Set.of(CR, DX_PRESENTATION, DX_PROCESSING, SC,
            SC_MULTIFRAME_BYTE, SC_MULTIFRAME_WORD);

    /** View positions and their names (frontal, lateral, decubitus, oblique). */
    private static final Map<String, String> VIEWS = Map.ofEntries(
            Map.entry("PA", "posterior-anterior"), Map.entry("AP", "anterior-posterior"),
            Map.entry("LL", "left lateral"), Map.entry("RL", "right lateral"), Map.entry("LATERAL", "lateral"),
            Map.entry("LAT", "lateral"), Map.entry("LLD", "left lateral decubitus"),
            Map.entry("RLD", "right lateral decubitus"), Map.entry("RLO", "right lateral oblique"),
            Map.entry("LLO", "left lateral oblique"), Map.entry("LAO", "left anterior oblique"),
            Map.entry("RAO", "right anterior oblique"), Map.entry("LPO", "left posterior oblique"),
            Map.entry("RPO", "right posterior oblique"), Map.entry("OBL", "oblique"));

    /** Named non-radiograph SOP classes (by UID prefix), for refusal messages. */
    private static final List<Map.Entry<String, String>> NAMED_CLASSES = List.of(
            Map.entry("1.2.840.10008.5.1.4.1.1.88.", "a DICOM Structured Report, not an image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.2", "a CT image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.4", "an MR image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.6.", "an ultrasound image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.3.", "an ultrasound multi-frame image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.20", "a nuclear medicine image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.128", "a PET image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.1.2", "a mammography image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.1.3", "a dental intra-oral X-ray"),
            Map.entry("1.2.840.10008.5.1.4.1.1.66", "a segmentation or registration object, not an image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.11.", "a presentation state, not an image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.481.", "a radiotherapy object"),
            Map.entry("1.2.840.10008.5.1.4.1.1.104.", "an encapsulated document, not an image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.12.", "an X-ray angiography or fluoroscopy image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.77.", "a visible-light (endoscopy, microscopy or photograph) image"),
            Map.entry("1.2.840.10008.5.1.4.1.1.9.", "a waveform, not an image"));

    private final InputRules rules;

    /** A check for frontal chest radiographs (the rules of a package without rules). */
    public HeaderCheck() {
        this(InputRules.frontalChest());
    }

    /** A check for the images a model's rules accept. */
    public HeaderCheck(InputRules rules) {
        this.rules = java.util.Objects.requireNonNull(rules, "rules");
    }

    /** The rules this check applies. */
    public InputRules rules() {
        return rules;
    }

    /** Checks a radiograph's DICOM header; pictures without a header pass. */
    @Override
    public InputVerdict check(Radiograph radiograph) {
        return radiograph.dicomHeader().map(this::check).orElse(InputVerdict.accepted());
    }

    /** Checks a DICOM header (pixel data not needed). */
    public InputVerdict check(DicomObject header) {
        List<String> warnings = new ArrayList<>();
        String sopClass = text(header, Tag.SOPClassUID);
        String modality = text(header, Tag.Modality);
        String reads = ": the model reads " + rules.reads() + " (" + String.join(", ", rules.modalities()) + ")";
        if (!sopClass.isEmpty() && !IMAGE_CLASSES.contains(sopClass)) {
            return refuse("the DICOM object is " + describeClass(sopClass)
                    + (modality.isEmpty() ? "" : " (Modality " + modality + ")") + reads);
        }
        if (modality.isEmpty()) {
            warnings.add("the DICOM header gives no Modality; only the image checks decided that this is one of the "
                    + rules.reads());
        } else if (!rules.modalities().contains(modality)) {
            return refuse("the DICOM header says Modality " + modality + " (" + modalityName(modality) + ")" + reads);
        }
        String bodyPart = text(header, Tag.BodyPartExamined);
        if (!bodyPart.isEmpty() && !rules.readsBodyPart(bodyPart)) {
            return refuse("the DICOM header says Body Part Examined " + bodyPart + ": the model reads "
                    + rules.reads() + " only");
        }
        String view = text(header, Tag.ViewPosition);
        if (!view.isEmpty() && !rules.readsView(view)) {
            String name = VIEWS.get(view);
            if (name != null) {
                return refuse("the DICOM header says View Position " + view + " (" + name + " view): the model reads "
                        + rules.reads() + " only (" + String.join(" or ", rules.views()) + ")");
            }
            warnings.add("View Position '" + view + "' is not " + String.join(" or ", rules.views())
                    + "; the model reads " + rules.reads() + " only");
        }
        int frames = frames(header);
        if (frames > 1) {
            return refuse("the DICOM object has " + frames + " frames: the model reads single radiographs");
        }
        return InputVerdict.accepted(warnings);
    }

    private static InputVerdict refuse(String reason) {
        return new InputVerdict.Refused(InputVerdict.Kind.HEADER, reason);
    }

    private static String describeClass(String uid) {
        for (Map.Entry<String, String> e : NAMED_CLASSES) {
            if (uid.equals(e.getKey()) || uid.startsWith(e.getKey().endsWith(".") ? e.getKey() : e.getKey() + ".")) {
                return e.getValue();
            }
        }
        Optional<String> name = org.pleura.dicom.UID.nameOf(uid);
        return name.map(n -> "of SOP class " + n).orElse("of SOP class " + uid + ", not a radiograph");
    }

    private static String modalityName(String modality) {
        return switch (modality) {
            case "CT" -> "computed tomography";
            case "MR" -> "magnetic resonance";
            case "US" -> "ultrasound";
            case "NM" -> "nuclear medicine";
            case "PT" -> "PET";
            case "MG" -> "mammography";
            case "IO", "PX" -> "dental radiography";
            case "XA", "RF" -> "angiography or fluoroscopy";
            case "SR" -> "structured report";
            case "SEG" -> "segmentation";
            case "OT" -> "other: not stated to be a radiograph";
            case "XC", "ES", "GM", "SM" -> "a photograph or endoscopy";
            default -> "not a projection radiograph";
        };
    }

    private static int frames(DicomObject header) {
        try {
            String v = header.getString(Tag.NumberOfFrames, "").trim();
            return v.isEmpty() ? 1 : Integer.parseInt(v);
        } catch (RuntimeException e) {
            return 1;
        }
    }

    private static String text(DicomObject header, Tag tag) {
        try {
            return header.getString(tag, "").trim().toUpperCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
