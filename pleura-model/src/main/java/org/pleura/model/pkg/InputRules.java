package org.pleura.model.pkg;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which images a model reads, from their DICOM header: the projection-radiography modalities it accepts, the body
 * parts (words looked for in Body Part Examined, upper case; empty: any) and the view positions (empty: any). An
 * image whose header names another modality, body part or view is refused with {@link #reads()} in the reason;
 * an image without a header (PNG, JPEG) or without these attributes is left to the picture and feature checks.
 * Stored in {@code model.json} as {@code "input"}; a package without it reads frontal chest radiographs.
 *
 * @param reads      what the model reads, in words, e.g. {@code frontal chest radiographs}
 * @param modalities accepted DICOM modalities, e.g. {@code CR, DX}
 * @param bodyParts  words of Body Part Examined that mean a body part the model reads (empty: any)
 * @param views      accepted View Position values (empty: any)
 * @param picture    what the picture must look like (null: the chest limits)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputRules(String reads, List<String> modalities, List<String> bodyParts, List<String> views,
                         PictureLimits picture) {

    /** Rules with the chest picture limits. */
    public InputRules(String reads, List<String> modalities, List<String> bodyParts, List<String> views) {
        this(reads, modalities, bodyParts, views, null);
    }

    public InputRules {
        Objects.requireNonNull(reads, "reads");
        if (reads.isBlank()) {
            throw new IllegalArgumentException("input rules need a description of what the model reads");
        }
        modalities = upper(modalities);
        bodyParts = upper(bodyParts);
        views = upper(views);
        if (modalities.isEmpty()) {
            throw new IllegalArgumentException("input rules need at least one modality");
        }
    }

    private static List<String> upper(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v.strip().toUpperCase(Locale.ROOT)).toList();
    }

    /** Frontal (PA or AP) chest radiographs: what Pleura's first model reads, and packages without rules. */
    public static InputRules frontalChest() {
        return new InputRules("frontal chest radiographs", List.of("CR", "DX", "DR"),
                List.of("CHEST", "THORAX", "LUNG", "POUMON", "TORAX", "THORAC"), List.of("PA", "AP"),
                PictureLimits.chest());
    }

    /**
     * Radiographs of the limbs, shoulder and pelvis in any view (frontal, lateral, oblique): what a fracture model
     * trained on FracAtlas reads. Skull, spine and ribs are not in the list.
     */
    public static InputRules limbsShoulderPelvis() {
        return new InputRules("radiographs of the limbs, shoulder and pelvis", List.of("CR", "DX", "DR"),
                List.of("HAND", "FINGER", "THUMB", "WRIST", "FOREARM", "ELBOW", "ARM", "HUMERUS", "SHOULDER",
                        "CLAVICLE", "SCAPULA", "HIP", "PELVIS", "FEMUR", "THIGH", "KNEE", "PATELLA", "LEG", "TIBIA",
                        "FIBULA", "ANKLE", "FOOT", "TOE", "HEEL", "CALCANEUS", "EXTREMITY", "LIMB", "UP_EXM",
                        "LOW_EXM", "MAIN", "POIGNET", "COUDE", "EPAULE", "HANCHE", "BASSIN", "GENOU", "CHEVILLE",
                        "PIED", "JAMBE", "BRAS", "DOIGT"), List.of(), PictureLimits.limbs());
    }

    /** The picture limits, the chest's when the rules have none. */
    public PictureLimits pictureOrDefault() {
        return picture == null ? PictureLimits.chest() : picture;
    }

    /** Whether a Body Part Examined value (any case) names a body part the model reads. */
    public boolean readsBodyPart(String bodyPart) {
        String b = bodyPart.toUpperCase(Locale.ROOT);
        return bodyParts.isEmpty() || bodyParts.stream().anyMatch(b::contains);
    }

    /** Whether a View Position value (any case) is one the model reads. */
    public boolean readsView(String view) {
        return views.isEmpty() || views.contains(view.toUpperCase(Locale.ROOT));
    }
}
