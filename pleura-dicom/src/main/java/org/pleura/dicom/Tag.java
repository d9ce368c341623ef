package org.pleura.dicom;

/**
 * A DICOM attribute tag: group and element numbers, each 16 bits. Ordered as DICOM orders
 * elements in a data set (unsigned group, then unsigned element).
 *
 * <p>Constants named by their DICOM keyword exist for the attributes Pleura uses (e.g. {@link
 * #PatientName}); any other standard attribute is found with {@link #forKeyword(String)}, and
 * {@link #keyword()} names any tag the built-in dictionary knows.
 *
 * <pre>{@code
 * String name = dataset.getString(Tag.PatientName);
 * Tag t = Tag.of(0x0010, 0x0010);           // same tag
 * Tag u = Tag.forKeyword("PatientName");    // same tag
 * }</pre>
 *
 * @param group   group number, 0..0xFFFF
 * @param element element number, 0..0xFFFF
 */
public record Tag(int group, int element) implements Comparable<Tag> {

    public Tag {
        if ((group & ~0xFFFF) != 0 || (element & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("tag group and element must be 16-bit: " + group + "," + element);
        }
    }

    /** The tag with the given group and element. */
    public static Tag of(int group, int element) {
        return new Tag(group, element);
    }

    /** The tag whose 32-bit code is {@code (group << 16) | element}. */
    public static Tag of(int code) {
        return new Tag(code >>> 16, code & 0xFFFF);
    }

    /**
     * Parses "(0010,0010)", "0010,0010", "00100010" or a dictionary keyword such as "PatientName".
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public static Tag parse(String text) {
        String t = text.strip();
        if (t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1);
        }
        String hex = t.replace(",", "");
        if (hex.length() == 8 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return of((int) Long.parseLong(hex, 16));
        }
        return forKeyword(t);
    }

    /**
     * The standard attribute with this keyword (as in PS3.6, e.g. "StudyInstanceUID").
     *
     * @throws IllegalArgumentException if the built-in dictionary has no such keyword
     */
    public static Tag forKeyword(String keyword) {
        return ElementDictionary.tagForKeyword(keyword)
                .orElseThrow(() -> new IllegalArgumentException("unknown DICOM keyword: " + keyword));
    }

    /** The 32-bit code {@code (group << 16) | element}. */
    public int code() {
        return (group << 16) | element;
    }

    /** True for private attributes (odd group number). */
    public boolean isPrivate() {
        return (group & 1) == 1;
    }

    /** True for a private creator element (gggg,0010-00FF) with gggg odd. */
    public boolean isPrivateCreator() {
        return isPrivate() && element >= 0x10 && element <= 0xFF;
    }

    /** True for a group length element (gggg,0000). */
    public boolean isGroupLength() {
        return element == 0;
    }

    /** True for the file meta information group 0002. */
    public boolean isFileMeta() {
        return group == 2;
    }

    /** The dictionary keyword (e.g. "PatientName"), "PrivateCreator", or "" when unknown. */
    public String keyword() {
        return ElementDictionary.keyword(this);
    }

    /** Compares as DICOM orders elements: by unsigned group, then unsigned element. */
    @Override
    public int compareTo(Tag o) {
        return Integer.compareUnsigned(code(), o.code());
    }

    /** "(gggg,eeee)" in upper-case hexadecimal, as in PS3.6. */
    @Override
    public String toString() {
        return String.format("(%04X,%04X)", group, element);
    }

    // BEGIN GENERATED CONSTANTS (src/build/generate-dictionary.py)
    /** CommandGroupLength (0000,0000) UL VM 1. */
    public static final Tag CommandGroupLength = new Tag(0x0000, 0x0000);
    /** AffectedSOPClassUID (0000,0002) UI VM 1. */
    public static final Tag AffectedSOPClassUID = new Tag(0x0000, 0x0002);
    /** RequestedSOPClassUID (0000,0003) UI VM 1. */
    public static final Tag RequestedSOPClassUID = new Tag(0x0000, 0x0003);
    /** CommandField (0000,0100) US VM 1. */
    public static final Tag CommandField = new Tag(0x0000, 0x0100);
    /** MessageID (0000,0110) US VM 1. */
    public static final Tag MessageID = new Tag(0x0000, 0x0110);
    /** MessageIDBeingRespondedTo (0000,0120) US VM 1. */
    public static final Tag MessageIDBeingRespondedTo = new Tag(0x0000, 0x0120);
    /** MoveDestination (0000,0600) AE VM 1. */
    public static final Tag MoveDestination = new Tag(0x0000, 0x0600);
    /** Priority (0000,0700) US VM 1. */
    public static final Tag Priority = new Tag(0x0000, 0x0700);
    /** CommandDataSetType (0000,0800) US VM 1. */
    public static final Tag CommandDataSetType = new Tag(0x0000, 0x0800);
    /** Status (0000,0900) US VM 1. */
    public static final Tag Status = new Tag(0x0000, 0x0900);
    /** OffendingElement (0000,0901) AT VM 1-n. */
    public static final Tag OffendingElement = new Tag(0x0000, 0x0901);
    /** ErrorComment (0000,0902) LO VM 1. */
    public static final Tag ErrorComment = new Tag(0x0000, 0x0902);
    /** ErrorID (0000,0903) US VM 1. */
    public static final Tag ErrorID = new Tag(0x0000, 0x0903);
    /** AffectedSOPInstanceUID (0000,1000) UI VM 1. */
    public static final Tag AffectedSOPInstanceUID = new Tag(0x0000, 0x1000);
    /** RequestedSOPInstanceUID (0000,1001) UI VM 1. */
    public static final Tag RequestedSOPInstanceUID = new Tag(0x0000, 0x1001);
    /** EventTypeID (0000,1002) US VM 1. */
    public static final Tag EventTypeID = new Tag(0x0000, 0x1002);
    /** AttributeIdentifierList (0000,1005) AT VM 1-n. */
    public static final Tag AttributeIdentifierList = new Tag(0x0000, 0x1005);
    /** ActionTypeID (0000,1008) US VM 1. */
    public static final Tag ActionTypeID = new Tag(0x0000, 0x1008);
    /** NumberOfRemainingSuboperations (0000,1020) US VM 1. */
    public static final Tag NumberOfRemainingSuboperations = new Tag(0x0000, 0x1020);
    /** NumberOfCompletedSuboperations (0000,1021) US VM 1. */
    public static final Tag NumberOfCompletedSuboperations = new Tag(0x0000, 0x1021);
    /** NumberOfFailedSuboperations (0000,1022) US VM 1. */
    public static final Tag NumberOfFailedSuboperations = new Tag(0x0000, 0x1022);
    /** NumberOfWarningSuboperations (0000,1023) US VM 1. */
    public static final Tag NumberOfWarningSuboperations = new Tag(0x0000, 0x1023);
    /** MoveOriginatorApplicationEntityTitle (0000,1030) AE VM 1. */
    public static final Tag MoveOriginatorApplicationEntityTitle = new Tag(0x0000, 0x1030);
    /** MoveOriginatorMessageID (0000,1031) US VM 1. */
    public static final Tag MoveOriginatorMessageID = new Tag(0x0000, 0x1031);
    /** FileMetaInformationGroupLength (0002,0000) UL VM 1. */
    public static final Tag FileMetaInformationGroupLength = new Tag(0x0002, 0x0000);
    /** FileMetaInformationVersion (0002,0001) OB VM 1. */
    public static final Tag FileMetaInformationVersion = new Tag(0x0002, 0x0001);
    /** MediaStorageSOPClassUID (0002,0002) UI VM 1. */
    public static final Tag MediaStorageSOPClassUID = new Tag(0x0002, 0x0002);
    /** MediaStorageSOPInstanceUID (0002,0003) UI VM 1. */
    public static final Tag MediaStorageSOPInstanceUID = new Tag(0x0002, 0x0003);
    /** TransferSyntaxUID (0002,0010) UI VM 1. */
    public static final Tag TransferSyntaxUID = new Tag(0x0002, 0x0010);
    /** ImplementationClassUID (0002,0012) UI VM 1. */
    public static final Tag ImplementationClassUID = new Tag(0x0002, 0x0012);
    /** ImplementationVersionName (0002,0013) SH VM 1. */
    public static final Tag ImplementationVersionName = new Tag(0x0002, 0x0013);
    /** SourceApplicationEntityTitle (0002,0016) AE VM 1. */
    public static final Tag SourceApplicationEntityTitle = new Tag(0x0002, 0x0016);
    /** SendingApplicationEntityTitle (0002,0017) AE VM 1. */
    public static final Tag SendingApplicationEntityTitle = new Tag(0x0002, 0x0017);
    /** ReceivingApplicationEntityTitle (0002,0018) AE VM 1. */
    public static final Tag ReceivingApplicationEntityTitle = new Tag(0x0002, 0x0018);
    /** PrivateInformationCreatorUID (0002,0100) UI VM 1. */
    public static final Tag PrivateInformationCreatorUID = new Tag(0x0002, 0x0100);
    /** PrivateInformation (0002,0102) OB VM 1. */
    public static final Tag PrivateInformation = new Tag(0x0002, 0x0102);
    /** SpecificCharacterSet (0008,0005) CS VM 1-n. */
    public static final Tag SpecificCharacterSet = new Tag(0x0008, 0x0005);
    /** ImageType (0008,0008) CS VM 2-n. */
    public static final Tag ImageType = new Tag(0x0008, 0x0008);
    /** InstanceCreationDate (0008,0012) DA VM 1. */
    public static final Tag InstanceCreationDate = new Tag(0x0008, 0x0012);
    /** InstanceCreationTime (0008,0013) TM VM 1. */
    public static final Tag InstanceCreationTime = new Tag(0x0008, 0x0013);
    /** InstanceCreatorUID (0008,0014) UI VM 1. */
    public static final Tag InstanceCreatorUID = new Tag(0x0008, 0x0014);
    /** SOPClassUID (0008,0016) UI VM 1. */
    public static final Tag SOPClassUID = new Tag(0x0008, 0x0016);
    /** SOPInstanceUID (0008,0018) UI VM 1. */
    public static final Tag SOPInstanceUID = new Tag(0x0008, 0x0018);
    /** StudyDate (0008,0020) DA VM 1. */
    public static final Tag StudyDate = new Tag(0x0008, 0x0020);
    /** SeriesDate (0008,0021) DA VM 1. */
    public static final Tag SeriesDate = new Tag(0x0008, 0x0021);
    /** AcquisitionDate (0008,0022) DA VM 1. */
    public static final Tag AcquisitionDate = new Tag(0x0008, 0x0022);
    /** ContentDate (0008,0023) DA VM 1. */
    public static final Tag ContentDate = new Tag(0x0008, 0x0023);
    /** AcquisitionDateTime (0008,002A) DT VM 1. */
    public static final Tag AcquisitionDateTime = new Tag(0x0008, 0x002A);
    /** StudyTime (0008,0030) TM VM 1. */
    public static final Tag StudyTime = new Tag(0x0008, 0x0030);
    /** SeriesTime (0008,0031) TM VM 1. */
    public static final Tag SeriesTime = new Tag(0x0008, 0x0031);
    /** AcquisitionTime (0008,0032) TM VM 1. */
    public static final Tag AcquisitionTime = new Tag(0x0008, 0x0032);
    /** ContentTime (0008,0033) TM VM 1. */
    public static final Tag ContentTime = new Tag(0x0008, 0x0033);
    /** AccessionNumber (0008,0050) SH VM 1. */
    public static final Tag AccessionNumber = new Tag(0x0008, 0x0050);
    /** QueryRetrieveLevel (0008,0052) CS VM 1. */
    public static final Tag QueryRetrieveLevel = new Tag(0x0008, 0x0052);
    /** RetrieveAETitle (0008,0054) AE VM 1-n. */
    public static final Tag RetrieveAETitle = new Tag(0x0008, 0x0054);
    /** InstanceAvailability (0008,0056) CS VM 1. */
    public static final Tag InstanceAvailability = new Tag(0x0008, 0x0056);
    /** Modality (0008,0060) CS VM 1. */
    public static final Tag Modality = new Tag(0x0008, 0x0060);
    /** ModalitiesInStudy (0008,0061) CS VM 1-n. */
    public static final Tag ModalitiesInStudy = new Tag(0x0008, 0x0061);
    /** ConversionType (0008,0064) CS VM 1. */
    public static final Tag ConversionType = new Tag(0x0008, 0x0064);
    /** PresentationIntentType (0008,0068) CS VM 1. */
    public static final Tag PresentationIntentType = new Tag(0x0008, 0x0068);
    /** Manufacturer (0008,0070) LO VM 1. */
    public static final Tag Manufacturer = new Tag(0x0008, 0x0070);
    /** InstitutionName (0008,0080) LO VM 1. */
    public static final Tag InstitutionName = new Tag(0x0008, 0x0080);
    /** InstitutionAddress (0008,0081) ST VM 1. */
    public static final Tag InstitutionAddress = new Tag(0x0008, 0x0081);
    /** ReferringPhysicianName (0008,0090) PN VM 1. */
    public static final Tag ReferringPhysicianName = new Tag(0x0008, 0x0090);
    /** TimezoneOffsetFromUTC (0008,0201) SH VM 1. */
    public static final Tag TimezoneOffsetFromUTC = new Tag(0x0008, 0x0201);
    /** CodeValue (0008,0100) SH VM 1. */
    public static final Tag CodeValue = new Tag(0x0008, 0x0100);
    /** CodingSchemeDesignator (0008,0102) SH VM 1. */
    public static final Tag CodingSchemeDesignator = new Tag(0x0008, 0x0102);
    /** CodingSchemeVersion (0008,0103) SH VM 1. */
    public static final Tag CodingSchemeVersion = new Tag(0x0008, 0x0103);
    /** CodeMeaning (0008,0104) LO VM 1. */
    public static final Tag CodeMeaning = new Tag(0x0008, 0x0104);
    /** LongCodeValue (0008,0119) UC VM 1. */
    public static final Tag LongCodeValue = new Tag(0x0008, 0x0119);
    /** URNCodeValue (0008,0120) UR VM 1. */
    public static final Tag URNCodeValue = new Tag(0x0008, 0x0120);
    /** StationName (0008,1010) SH VM 1. */
    public static final Tag StationName = new Tag(0x0008, 0x1010);
    /** StudyDescription (0008,1030) LO VM 1. */
    public static final Tag StudyDescription = new Tag(0x0008, 0x1030);
    /** ProcedureCodeSequence (0008,1032) SQ VM 1. */
    public static final Tag ProcedureCodeSequence = new Tag(0x0008, 0x1032);
    /** SeriesDescription (0008,103E) LO VM 1. */
    public static final Tag SeriesDescription = new Tag(0x0008, 0x103E);
    /** InstitutionalDepartmentName (0008,1040) LO VM 1. */
    public static final Tag InstitutionalDepartmentName = new Tag(0x0008, 0x1040);
    /** PerformingPhysicianName (0008,1050) PN VM 1-n. */
    public static final Tag PerformingPhysicianName = new Tag(0x0008, 0x1050);
    /** OperatorsName (0008,1070) PN VM 1-n. */
    public static final Tag OperatorsName = new Tag(0x0008, 0x1070);
    /** ManufacturerModelName (0008,1090) LO VM 1. */
    public static final Tag ManufacturerModelName = new Tag(0x0008, 0x1090);
    /** ReferencedStudySequence (0008,1110) SQ VM 1. */
    public static final Tag ReferencedStudySequence = new Tag(0x0008, 0x1110);
    /** ReferencedPerformedProcedureStepSequence (0008,1111) SQ VM 1. */
    public static final Tag ReferencedPerformedProcedureStepSequence = new Tag(0x0008, 0x1111);
    /** ReferencedSeriesSequence (0008,1115) SQ VM 1. */
    public static final Tag ReferencedSeriesSequence = new Tag(0x0008, 0x1115);
    /** ReferencedImageSequence (0008,1140) SQ VM 1. */
    public static final Tag ReferencedImageSequence = new Tag(0x0008, 0x1140);
    /** ReferencedInstanceSequence (0008,114A) SQ VM 1. */
    public static final Tag ReferencedInstanceSequence = new Tag(0x0008, 0x114A);
    /** ReferencedSOPClassUID (0008,1150) UI VM 1. */
    public static final Tag ReferencedSOPClassUID = new Tag(0x0008, 0x1150);
    /** ReferencedSOPInstanceUID (0008,1155) UI VM 1. */
    public static final Tag ReferencedSOPInstanceUID = new Tag(0x0008, 0x1155);
    /** ReferencedFrameNumber (0008,1160) IS VM 1-n. */
    public static final Tag ReferencedFrameNumber = new Tag(0x0008, 0x1160);
    /** DerivationDescription (0008,2111) ST VM 1. */
    public static final Tag DerivationDescription = new Tag(0x0008, 0x2111);
    /** SourceImageSequence (0008,2112) SQ VM 1. */
    public static final Tag SourceImageSequence = new Tag(0x0008, 0x2112);
    /** PurposeOfReferenceCodeSequence (0040,A170) SQ VM 1. */
    public static final Tag PurposeOfReferenceCodeSequence = new Tag(0x0040, 0xA170);
    /** AnatomicRegionSequence (0008,2218) SQ VM 1. */
    public static final Tag AnatomicRegionSequence = new Tag(0x0008, 0x2218);
    /** PatientName (0010,0010) PN VM 1. */
    public static final Tag PatientName = new Tag(0x0010, 0x0010);
    /** PatientID (0010,0020) LO VM 1. */
    public static final Tag PatientID = new Tag(0x0010, 0x0020);
    /** IssuerOfPatientID (0010,0021) LO VM 1. */
    public static final Tag IssuerOfPatientID = new Tag(0x0010, 0x0021);
    /** PatientBirthDate (0010,0030) DA VM 1. */
    public static final Tag PatientBirthDate = new Tag(0x0010, 0x0030);
    /** PatientSex (0010,0040) CS VM 1. */
    public static final Tag PatientSex = new Tag(0x0010, 0x0040);
    /** PatientAge (0010,1010) AS VM 1. */
    public static final Tag PatientAge = new Tag(0x0010, 0x1010);
    /** PatientSize (0010,1020) DS VM 1. */
    public static final Tag PatientSize = new Tag(0x0010, 0x1020);
    /** PatientWeight (0010,1030) DS VM 1. */
    public static final Tag PatientWeight = new Tag(0x0010, 0x1030);
    /** EthnicGroup (0010,2160) SH VM 1. */
    public static final Tag EthnicGroup = new Tag(0x0010, 0x2160);
    /** PatientComments (0010,4000) LT VM 1. */
    public static final Tag PatientComments = new Tag(0x0010, 0x4000);
    /** PatientIdentityRemoved (0012,0062) CS VM 1. */
    public static final Tag PatientIdentityRemoved = new Tag(0x0012, 0x0062);
    /** DeidentificationMethod (0012,0063) LO VM 1-n. */
    public static final Tag DeidentificationMethod = new Tag(0x0012, 0x0063);
    /** ContrastBolusAgent (0018,0010) LO VM 1. */
    public static final Tag ContrastBolusAgent = new Tag(0x0018, 0x0010);
    /** BodyPartExamined (0018,0015) CS VM 1. */
    public static final Tag BodyPartExamined = new Tag(0x0018, 0x0015);
    /** KVP (0018,0060) DS VM 1. */
    public static final Tag KVP = new Tag(0x0018, 0x0060);
    /** SoftwareVersions (0018,1020) LO VM 1-n. */
    public static final Tag SoftwareVersions = new Tag(0x0018, 0x1020);
    /** ProtocolName (0018,1030) LO VM 1. */
    public static final Tag ProtocolName = new Tag(0x0018, 0x1030);
    /** DistanceSourceToDetector (0018,1110) DS VM 1. */
    public static final Tag DistanceSourceToDetector = new Tag(0x0018, 0x1110);
    /** DistanceSourceToPatient (0018,1111) DS VM 1. */
    public static final Tag DistanceSourceToPatient = new Tag(0x0018, 0x1111);
    /** ExposureTime (0018,1150) IS VM 1. */
    public static final Tag ExposureTime = new Tag(0x0018, 0x1150);
    /** XRayTubeCurrent (0018,1151) IS VM 1. */
    public static final Tag XRayTubeCurrent = new Tag(0x0018, 0x1151);
    /** Exposure (0018,1152) IS VM 1. */
    public static final Tag Exposure = new Tag(0x0018, 0x1152);
    /** ImagerPixelSpacing (0018,1164) DS VM 2. */
    public static final Tag ImagerPixelSpacing = new Tag(0x0018, 0x1164);
    /** DeviceSerialNumber (0018,1000) LO VM 1. */
    public static final Tag DeviceSerialNumber = new Tag(0x0018, 0x1000);
    /** PatientPosition (0018,5100) CS VM 1. */
    public static final Tag PatientPosition = new Tag(0x0018, 0x5100);
    /** ViewPosition (0018,5101) CS VM 1. */
    public static final Tag ViewPosition = new Tag(0x0018, 0x5101);
    /** DetectorType (0018,7004) CS VM 1. */
    public static final Tag DetectorType = new Tag(0x0018, 0x7004);
    /** DetectorID (0018,700A) SH VM 1. */
    public static final Tag DetectorID = new Tag(0x0018, 0x700A);
    /** EstimatedRadiographicMagnificationFactor (0018,1114) DS VM 1. */
    public static final Tag EstimatedRadiographicMagnificationFactor = new Tag(0x0018, 0x1114);
    /** StudyInstanceUID (0020,000D) UI VM 1. */
    public static final Tag StudyInstanceUID = new Tag(0x0020, 0x000D);
    /** SeriesInstanceUID (0020,000E) UI VM 1. */
    public static final Tag SeriesInstanceUID = new Tag(0x0020, 0x000E);
    /** StudyID (0020,0010) SH VM 1. */
    public static final Tag StudyID = new Tag(0x0020, 0x0010);
    /** SeriesNumber (0020,0011) IS VM 1. */
    public static final Tag SeriesNumber = new Tag(0x0020, 0x0011);
    /** AcquisitionNumber (0020,0012) IS VM 1. */
    public static final Tag AcquisitionNumber = new Tag(0x0020, 0x0012);
    /** InstanceNumber (0020,0013) IS VM 1. */
    public static final Tag InstanceNumber = new Tag(0x0020, 0x0013);
    /** PatientOrientation (0020,0020) CS VM 2. */
    public static final Tag PatientOrientation = new Tag(0x0020, 0x0020);
    /** ImagePositionPatient (0020,0032) DS VM 3. */
    public static final Tag ImagePositionPatient = new Tag(0x0020, 0x0032);
    /** ImageOrientationPatient (0020,0037) DS VM 6. */
    public static final Tag ImageOrientationPatient = new Tag(0x0020, 0x0037);
    /** FrameOfReferenceUID (0020,0052) UI VM 1. */
    public static final Tag FrameOfReferenceUID = new Tag(0x0020, 0x0052);
    /** Laterality (0020,0060) CS VM 1. */
    public static final Tag Laterality = new Tag(0x0020, 0x0060);
    /** ImageLaterality (0020,0062) CS VM 1. */
    public static final Tag ImageLaterality = new Tag(0x0020, 0x0062);
    /** ImageComments (0020,4000) LT VM 1. */
    public static final Tag ImageComments = new Tag(0x0020, 0x4000);
    /** SamplesPerPixel (0028,0002) US VM 1. */
    public static final Tag SamplesPerPixel = new Tag(0x0028, 0x0002);
    /** PhotometricInterpretation (0028,0004) CS VM 1. */
    public static final Tag PhotometricInterpretation = new Tag(0x0028, 0x0004);
    /** PlanarConfiguration (0028,0006) US VM 1. */
    public static final Tag PlanarConfiguration = new Tag(0x0028, 0x0006);
    /** NumberOfFrames (0028,0008) IS VM 1. */
    public static final Tag NumberOfFrames = new Tag(0x0028, 0x0008);
    /** FrameIncrementPointer (0028,0009) AT VM 1-n. */
    public static final Tag FrameIncrementPointer = new Tag(0x0028, 0x0009);
    /** Rows (0028,0010) US VM 1. */
    public static final Tag Rows = new Tag(0x0028, 0x0010);
    /** Columns (0028,0011) US VM 1. */
    public static final Tag Columns = new Tag(0x0028, 0x0011);
    /** PixelSpacing (0028,0030) DS VM 2. */
    public static final Tag PixelSpacing = new Tag(0x0028, 0x0030);
    /** PixelAspectRatio (0028,0034) IS VM 2. */
    public static final Tag PixelAspectRatio = new Tag(0x0028, 0x0034);
    /** PixelSpacingCalibrationType (0028,0A02) CS VM 1. */
    public static final Tag PixelSpacingCalibrationType = new Tag(0x0028, 0x0A02);
    /** BitsAllocated (0028,0100) US VM 1. */
    public static final Tag BitsAllocated = new Tag(0x0028, 0x0100);
    /** BitsStored (0028,0101) US VM 1. */
    public static final Tag BitsStored = new Tag(0x0028, 0x0101);
    /** HighBit (0028,0102) US VM 1. */
    public static final Tag HighBit = new Tag(0x0028, 0x0102);
    /** PixelRepresentation (0028,0103) US VM 1. */
    public static final Tag PixelRepresentation = new Tag(0x0028, 0x0103);
    /** SmallestImagePixelValue (0028,0106) xs VM 1. */
    public static final Tag SmallestImagePixelValue = new Tag(0x0028, 0x0106);
    /** LargestImagePixelValue (0028,0107) xs VM 1. */
    public static final Tag LargestImagePixelValue = new Tag(0x0028, 0x0107);
    /** PixelPaddingValue (0028,0120) xs VM 1. */
    public static final Tag PixelPaddingValue = new Tag(0x0028, 0x0120);
    /** PixelPaddingRangeLimit (0028,0121) xs VM 1. */
    public static final Tag PixelPaddingRangeLimit = new Tag(0x0028, 0x0121);
    /** PixelIntensityRelationship (0028,1040) CS VM 1. */
    public static final Tag PixelIntensityRelationship = new Tag(0x0028, 0x1040);
    /** PixelIntensityRelationshipSign (0028,1041) SS VM 1. */
    public static final Tag PixelIntensityRelationshipSign = new Tag(0x0028, 0x1041);
    /** WindowCenter (0028,1050) DS VM 1-n. */
    public static final Tag WindowCenter = new Tag(0x0028, 0x1050);
    /** WindowWidth (0028,1051) DS VM 1-n. */
    public static final Tag WindowWidth = new Tag(0x0028, 0x1051);
    /** RescaleIntercept (0028,1052) DS VM 1. */
    public static final Tag RescaleIntercept = new Tag(0x0028, 0x1052);
    /** RescaleSlope (0028,1053) DS VM 1. */
    public static final Tag RescaleSlope = new Tag(0x0028, 0x1053);
    /** RescaleType (0028,1054) LO VM 1. */
    public static final Tag RescaleType = new Tag(0x0028, 0x1054);
    /** WindowCenterWidthExplanation (0028,1055) LO VM 1-n. */
    public static final Tag WindowCenterWidthExplanation = new Tag(0x0028, 0x1055);
    /** VOILUTFunction (0028,1056) CS VM 1. */
    public static final Tag VOILUTFunction = new Tag(0x0028, 0x1056);
    /** LossyImageCompression (0028,2110) CS VM 1. */
    public static final Tag LossyImageCompression = new Tag(0x0028, 0x2110);
    /** LossyImageCompressionRatio (0028,2112) DS VM 1-n. */
    public static final Tag LossyImageCompressionRatio = new Tag(0x0028, 0x2112);
    /** LossyImageCompressionMethod (0028,2114) CS VM 1-n. */
    public static final Tag LossyImageCompressionMethod = new Tag(0x0028, 0x2114);
    /** RedPaletteColorLookupTableDescriptor (0028,1101) xs VM 3. */
    public static final Tag RedPaletteColorLookupTableDescriptor = new Tag(0x0028, 0x1101);
    /** GreenPaletteColorLookupTableDescriptor (0028,1102) xs VM 3. */
    public static final Tag GreenPaletteColorLookupTableDescriptor = new Tag(0x0028, 0x1102);
    /** BluePaletteColorLookupTableDescriptor (0028,1103) xs VM 3. */
    public static final Tag BluePaletteColorLookupTableDescriptor = new Tag(0x0028, 0x1103);
    /** RedPaletteColorLookupTableData (0028,1201) OW VM 1. */
    public static final Tag RedPaletteColorLookupTableData = new Tag(0x0028, 0x1201);
    /** GreenPaletteColorLookupTableData (0028,1202) OW VM 1. */
    public static final Tag GreenPaletteColorLookupTableData = new Tag(0x0028, 0x1202);
    /** BluePaletteColorLookupTableData (0028,1203) OW VM 1. */
    public static final Tag BluePaletteColorLookupTableData = new Tag(0x0028, 0x1203);
    /** ModalityLUTSequence (0028,3000) SQ VM 1. */
    public static final Tag ModalityLUTSequence = new Tag(0x0028, 0x3000);
    /** LUTDescriptor (0028,3002) xs VM 3. */
    public static final Tag LUTDescriptor = new Tag(0x0028, 0x3002);
    /** LUTExplanation (0028,3003) LO VM 1. */
    public static final Tag LUTExplanation = new Tag(0x0028, 0x3003);
    /** ModalityLUTType (0028,3004) LO VM 1. */
    public static final Tag ModalityLUTType = new Tag(0x0028, 0x3004);
    /** LUTData (0028,3006) lt VM 1-n. */
    public static final Tag LUTData = new Tag(0x0028, 0x3006);
    /** VOILUTSequence (0028,3010) SQ VM 1. */
    public static final Tag VOILUTSequence = new Tag(0x0028, 0x3010);
    /** BurnedInAnnotation (0028,0301) CS VM 1. */
    public static final Tag BurnedInAnnotation = new Tag(0x0028, 0x0301);
    /** RecognizableVisualFeatures (0028,0302) CS VM 1. */
    public static final Tag RecognizableVisualFeatures = new Tag(0x0028, 0x0302);
    /** PerformedProcedureStepStartDate (0040,0244) DA VM 1. */
    public static final Tag PerformedProcedureStepStartDate = new Tag(0x0040, 0x0244);
    /** PerformedProcedureStepStartTime (0040,0245) TM VM 1. */
    public static final Tag PerformedProcedureStepStartTime = new Tag(0x0040, 0x0245);
    /** PerformedProcedureStepID (0040,0253) SH VM 1. */
    public static final Tag PerformedProcedureStepID = new Tag(0x0040, 0x0253);
    /** RequestAttributesSequence (0040,0275) SQ VM 1. */
    public static final Tag RequestAttributesSequence = new Tag(0x0040, 0x0275);
    /** RequestedProcedureID (0040,1001) SH VM 1. */
    public static final Tag RequestedProcedureID = new Tag(0x0040, 0x1001);
    /** ContentSequence (0040,A730) SQ VM 1. */
    public static final Tag ContentSequence = new Tag(0x0040, 0xA730);
    /** ValueType (0040,A040) CS VM 1. */
    public static final Tag ValueType = new Tag(0x0040, 0xA040);
    /** ConceptNameCodeSequence (0040,A043) SQ VM 1. */
    public static final Tag ConceptNameCodeSequence = new Tag(0x0040, 0xA043);
    /** ContinuityOfContent (0040,A050) CS VM 1. */
    public static final Tag ContinuityOfContent = new Tag(0x0040, 0xA050);
    /** RelationshipType (0040,A010) CS VM 1. */
    public static final Tag RelationshipType = new Tag(0x0040, 0xA010);
    /** TextValue (0040,A160) UT VM 1. */
    public static final Tag TextValue = new Tag(0x0040, 0xA160);
    /** DateTime (0040,A120) DT VM 1. */
    public static final Tag DateTime = new Tag(0x0040, 0xA120);
    /** Date (0040,A121) DA VM 1. */
    public static final Tag Date = new Tag(0x0040, 0xA121);
    /** Time (0040,A122) TM VM 1. */
    public static final Tag Time = new Tag(0x0040, 0xA122);
    /** PersonName (0040,A123) PN VM 1. */
    public static final Tag PersonName = new Tag(0x0040, 0xA123);
    /** UID (0040,A124) UI VM 1. */
    public static final Tag UID = new Tag(0x0040, 0xA124);
    /** MeasurementUnitsCodeSequence (0040,08EA) SQ VM 1. */
    public static final Tag MeasurementUnitsCodeSequence = new Tag(0x0040, 0x08EA);
    /** NumericValue (0040,A30A) DS VM 1-n. */
    public static final Tag NumericValue = new Tag(0x0040, 0xA30A);
    /** FloatingPointValue (0040,A161) FD VM 1-n. */
    public static final Tag FloatingPointValue = new Tag(0x0040, 0xA161);
    /** MeasuredValueSequence (0040,A300) SQ VM 1. */
    public static final Tag MeasuredValueSequence = new Tag(0x0040, 0xA300);
    /** ConceptCodeSequence (0040,A168) SQ VM 1. */
    public static final Tag ConceptCodeSequence = new Tag(0x0040, 0xA168);
    /** ReferencedContentItemIdentifier (0040,DB73) UL VM 1-n. */
    public static final Tag ReferencedContentItemIdentifier = new Tag(0x0040, 0xDB73);
    /** TemplateIdentifier (0040,DB00) CS VM 1. */
    public static final Tag TemplateIdentifier = new Tag(0x0040, 0xDB00);
    /** MappingResource (0008,0105) CS VM 1. */
    public static final Tag MappingResource = new Tag(0x0008, 0x0105);
    /** ContentTemplateSequence (0040,A504) SQ VM 1. */
    public static final Tag ContentTemplateSequence = new Tag(0x0040, 0xA504);
    /** CompletionFlag (0040,A491) CS VM 1. */
    public static final Tag CompletionFlag = new Tag(0x0040, 0xA491);
    /** VerificationFlag (0040,A493) CS VM 1. */
    public static final Tag VerificationFlag = new Tag(0x0040, 0xA493);
    /** PreliminaryFlag (0040,A496) CS VM 1. */
    public static final Tag PreliminaryFlag = new Tag(0x0040, 0xA496);
    /** ObservationDateTime (0040,A032) DT VM 1. */
    public static final Tag ObservationDateTime = new Tag(0x0040, 0xA032);
    /** ObservationUID (0040,A171) UI VM 1. */
    public static final Tag ObservationUID = new Tag(0x0040, 0xA171);
    /** GraphicData (0070,0022) FL VM 2-n. */
    public static final Tag GraphicData = new Tag(0x0070, 0x0022);
    /** GraphicType (0070,0023) CS VM 1. */
    public static final Tag GraphicType = new Tag(0x0070, 0x0023);
    /** PixelOriginInterpretation (0048,0301) CS VM 1. */
    public static final Tag PixelOriginInterpretation = new Tag(0x0048, 0x0301);
    /** CurrentRequestedProcedureEvidenceSequence (0040,A375) SQ VM 1. */
    public static final Tag CurrentRequestedProcedureEvidenceSequence = new Tag(0x0040, 0xA375);
    /** PertinentOtherEvidenceSequence (0040,A385) SQ VM 1. */
    public static final Tag PertinentOtherEvidenceSequence = new Tag(0x0040, 0xA385);
    /** AlgorithmName (0066,0036) LO VM 1. */
    public static final Tag AlgorithmName = new Tag(0x0066, 0x0036);
    /** AlgorithmVersion (0066,0031) LO VM 1. */
    public static final Tag AlgorithmVersion = new Tag(0x0066, 0x0031);
    /** AlgorithmFamilyCodeSequence (0066,002F) SQ VM 1. */
    public static final Tag AlgorithmFamilyCodeSequence = new Tag(0x0066, 0x002F);
    /** AlgorithmNameCodeSequence (0066,0030) SQ VM 1. */
    public static final Tag AlgorithmNameCodeSequence = new Tag(0x0066, 0x0030);
    /** SharedFunctionalGroupsSequence (5200,9229) SQ VM 1. */
    public static final Tag SharedFunctionalGroupsSequence = new Tag(0x5200, 0x9229);
    /** PerFrameFunctionalGroupsSequence (5200,9230) SQ VM 1. */
    public static final Tag PerFrameFunctionalGroupsSequence = new Tag(0x5200, 0x9230);
    /** PixelMeasuresSequence (0028,9110) SQ VM 1. */
    public static final Tag PixelMeasuresSequence = new Tag(0x0028, 0x9110);
    /** FrameVOILUTSequence (0028,9132) SQ VM 1. */
    public static final Tag FrameVOILUTSequence = new Tag(0x0028, 0x9132);
    /** PixelValueTransformationSequence (0028,9145) SQ VM 1. */
    public static final Tag PixelValueTransformationSequence = new Tag(0x0028, 0x9145);
    /** SegmentSequence (0062,0002) SQ VM 1. */
    public static final Tag SegmentSequence = new Tag(0x0062, 0x0002);
    /** SegmentNumber (0062,0004) US VM 1. */
    public static final Tag SegmentNumber = new Tag(0x0062, 0x0004);
    /** SegmentLabel (0062,0005) LO VM 1. */
    public static final Tag SegmentLabel = new Tag(0x0062, 0x0005);
    /** SegmentationType (0062,0001) CS VM 1. */
    public static final Tag SegmentationType = new Tag(0x0062, 0x0001);
    /** ExtendedOffsetTable (7FE0,0001) OV VM 1. */
    public static final Tag ExtendedOffsetTable = new Tag(0x7FE0, 0x0001);
    /** ExtendedOffsetTableLengths (7FE0,0002) OV VM 1. */
    public static final Tag ExtendedOffsetTableLengths = new Tag(0x7FE0, 0x0002);
    /** FloatPixelData (7FE0,0008) OF VM 1. */
    public static final Tag FloatPixelData = new Tag(0x7FE0, 0x0008);
    /** DoubleFloatPixelData (7FE0,0009) OD VM 1. */
    public static final Tag DoubleFloatPixelData = new Tag(0x7FE0, 0x0009);
    /** PixelData (7FE0,0010) px VM 1. */
    public static final Tag PixelData = new Tag(0x7FE0, 0x0010);
    /** Item (FFFE,E000) na VM 1. */
    public static final Tag Item = new Tag(0xFFFE, 0xE000);
    /** ItemDelimitationItem (FFFE,E00D) na VM 1. */
    public static final Tag ItemDelimitationItem = new Tag(0xFFFE, 0xE00D);
    /** SequenceDelimitationItem (FFFE,E0DD) na VM 1. */
    public static final Tag SequenceDelimitationItem = new Tag(0xFFFE, 0xE0DD);
    // END GENERATED CONSTANTS
}
