package org.pleura.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Unique identifiers: generation of new UIDs (the 2.25 root of PS3.5 section B.2, from a random
 * UUID), validation, and the well-known UIDs Pleura uses, with names for dumps.
 */
public final class UID {

    /** Verification SOP Class (C-ECHO). */
    public static final String VERIFICATION = "1.2.840.10008.1.1";
    /** Computed Radiography Image Storage. */
    public static final String CR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.1";
    /** Digital X-Ray Image Storage - For Presentation. */
    public static final String DX_IMAGE_STORAGE_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1";
    /** Digital X-Ray Image Storage - For Processing. */
    public static final String DX_IMAGE_STORAGE_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.1.1";
    /** Secondary Capture Image Storage. */
    public static final String SECONDARY_CAPTURE_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.7";
    /** Basic Text SR Storage. */
    public static final String BASIC_TEXT_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.11";
    /** Enhanced SR Storage. */
    public static final String ENHANCED_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.22";
    /** Comprehensive SR Storage. */
    public static final String COMPREHENSIVE_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.33";
    /** Segmentation Storage. */
    public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    /** Pleura's Implementation Class UID (0002,0012), fixed for the project. */
    public static final String PLEURA_IMPLEMENTATION_CLASS = "2.25.45775604994452046161140506845409259720";
    /** Pleura's Implementation Version Name (0002,0013), at most 16 characters. */
    public static final String PLEURA_IMPLEMENTATION_VERSION = "PLEURA_0.1";

    private static final Pattern VALID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(VERIFICATION, "Verification"),
            Map.entry(CR_IMAGE_STORAGE, "ComputedRadiographyImageStorage"),
            Map.entry(DX_IMAGE_STORAGE_PRESENTATION, "DigitalXRayImageStorageForPresentation"),
            Map.entry(DX_IMAGE_STORAGE_PROCESSING, "DigitalXRayImageStorageForProcessing"),
            Map.entry("1.2.840.10008.5.1.4.1.1.2", "CTImageStorage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.4", "MRImageStorage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.6.1", "UltrasoundImageStorage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.20", "NuclearMedicineImageStorage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.1.2", "DigitalMammographyXRayImageStorageForPresentation"),
            Map.entry(SECONDARY_CAPTURE_IMAGE_STORAGE, "SecondaryCaptureImageStorage"),
            Map.entry(BASIC_TEXT_SR_STORAGE, "BasicTextSRStorage"),
            Map.entry(ENHANCED_SR_STORAGE, "EnhancedSRStorage"),
            Map.entry(COMPREHENSIVE_SR_STORAGE, "ComprehensiveSRStorage"),
            Map.entry(SEGMENTATION_STORAGE, "SegmentationStorage"));

    private UID() {
    }

    /** A new UID under the 2.25 root: "2.25." followed by a random UUID as a decimal integer. */
    public static String generate() {
        return fromUuid(UUID.randomUUID());
    }

    /** The 2.25 UID of a given UUID (PS3.5 section B.2). */
    public static String fromUuid(UUID uuid) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }

    /** True if {@code uid} is a syntactically valid UID: dot-separated numbers without leading zeros, at most 64 characters. */
    public static boolean isValid(String uid) {
        return uid != null && !uid.isEmpty() && uid.length() <= 64 && VALID.matcher(uid).matches();
    }

    /** A readable name for a well-known SOP class or transfer syntax UID. */
    public static Optional<String> nameOf(String uid) {
        String n = NAMES.get(uid);
        if (n != null) {
            return Optional.of(n);
        }
        return TransferSyntax.find(uid).map(TransferSyntax::name);
    }
}
